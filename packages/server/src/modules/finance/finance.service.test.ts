// 人才贷 against a real database: products for the pack's tiers, consent recorded with exactly what was
// shared, the bank's inbox limited to its products, answers once, the talent's status and notification.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import {
  buildBank,
  buildTalent,
  createWorld,
  ctxOf,
  refusal,
  staff,
  type World,
} from '../housing/services.test-support';
import * as service from './finance.service';

let world: World;
let bank: Awaited<ReturnType<typeof buildBank>>;
let otherBank: Awaited<ReturnType<typeof buildBank>>;
let product: service.LoanProduct;
beforeAll(async () => {
  world = await createWorld();
  bank = await buildBank(world, '湖州银行');
  otherBank = await buildBank(world, '吴兴农商银行');
  product = await service.createProduct(admin(), {
    bankAccountId: bank.accountId,
    nameZh: '人才贷',
    nameEn: 'Talent loan',
    eligibleTiers: ['A', 'B', 'C'],
    minAmount: 100_000,
    maxAmount: 3_000_000,
    rateTextZh: 'LPR 减 50 个基点，免抵押',
    rateTextEn: 'LPR minus 50 bp, unsecured',
  });
});
afterAll(() => world.database.destroy());

const admin = () => ctxOf(world, staff('admin'));
const consent = { agreed: true, fields: ['name', 'tier', 'degree'] as service.Sharable[] };

describe('products', () => {
  it('refuses tiers the pack does not have and a max below the min, naming the field', async () => {
    const base = {
      bankAccountId: bank.accountId,
      nameZh: 'x',
      rateTextZh: 'y',
      minAmount: 10,
      maxAmount: 20,
    };
    const tiers = await refusal(service.createProduct(admin(), { ...base, eligibleTiers: ['Z'] }));
    expect(JSON.stringify(tiers.details)).toContain('eligibleTiers');
    const range = await refusal(
      service.createProduct(admin(), { ...base, eligibleTiers: ['A'], maxAmount: 5 }),
    );
    expect(JSON.stringify(range.details)).toContain('maxAmount');
  });

  it('shows a talent whether their tier may apply', async () => {
    const e = await buildTalent(world, { tier: 'E' });
    const list = await service.listProducts(ctxOf(world, e.actor));
    expect(list.items.find((p) => p.id === product.id)?.eligibility?.eligible).toBe(false);
  });
});

describe('applying with consent', () => {
  it('refuses without consent, outside the range, or for a tier the product does not serve', async () => {
    const t = await buildTalent(world, { tier: 'C' });
    const body = { productId: product.id, amount: 500_000, purpose: '研发设备采购' };
    const noConsent = await refusal(
      service.applyForLoan(ctxOf(world, t.actor), {
        ...body,
        consent: { agreed: false, fields: ['name', 'tier'] },
      }),
    );
    expect(noConsent.code).toBe('validation_failed');
    const noName = await refusal(
      service.applyForLoan(ctxOf(world, t.actor), { ...body, consent: { agreed: true, fields: ['tier'] } }),
    );
    expect(noName.code).toBe('validation_failed');
    const tooMuch = await refusal(
      service.applyForLoan(ctxOf(world, t.actor), { ...body, amount: 9_000_000, consent }),
    );
    expect(JSON.stringify(tooMuch.details)).toContain('amount');
    const e = await buildTalent(world, { tier: 'E' });
    const tier = await refusal(service.applyForLoan(ctxOf(world, e.actor), { ...body, consent }));
    expect(tier.code).toBe('policy_denied');
  });

  it('records the consent and shares exactly the consented fields; the bank answers once; the talent sees it', async () => {
    const t = await buildTalent(world, { tier: 'B', name: '张三', facts: { degree: 'phd' } });
    const sent = await service.applyForLoan(ctxOf(world, t.actor), {
      productId: product.id,
      amount: 800_000,
      purpose: '研发设备采购',
      consent,
    });
    expect(sent.status).toBe('submitted');
    expect(Object.keys(sent.shared).sort()).toEqual(['degree', 'name', 'tier']);
    expect(sent.shared).toMatchObject({ name: '张三', degree: 'phd', tier: { id: 'B' } });
    expect(sent.consentText).toContain('湖州银行');
    expect(sent.consentText).toContain('学历');
    const dup = await refusal(
      service.applyForLoan(ctxOf(world, t.actor), {
        productId: product.id,
        amount: 200_000,
        purpose: 'x',
        consent,
      }),
    );
    expect(dup.code).toBe('conflict');

    const inbox = await service.listInbox(ctxOf(world, bank.actor));
    expect(inbox.items.map((i) => i.id)).toContain(sent.id);
    const other = await service.listInbox(ctxOf(world, otherBank.actor));
    expect(other.items.map((i) => i.id)).not.toContain(sent.id);
    const stranger = await refusal(
      service.answerLoanApplication(ctxOf(world, otherBank.actor), sent.id, {
        decision: 'decline',
        reason: 'x',
      }),
    );
    expect(stranger.code).toBe('not_found');

    const range = await refusal(
      service.answerLoanApplication(ctxOf(world, bank.actor), sent.id, { decision: 'approve', amount: 10 }),
    );
    expect(range.code).toBe('validation_failed');
    const ok = await service.answerLoanApplication(ctxOf(world, bank.actor), sent.id, {
      decision: 'approve',
      amount: 600_000,
    });
    expect(ok).toMatchObject({ status: 'approved', approvedAmount: 600_000 });
    const twice = await refusal(
      service.answerLoanApplication(ctxOf(world, bank.actor), sent.id, {
        decision: 'decline',
        reason: '重复',
      }),
    );
    expect(twice.code).toBe('conflict');

    const mine = await service.listMyLoanApplications(ctxOf(world, t.actor, 'wuxing', 'en'));
    expect(mine.items[0]).toMatchObject({ id: sent.id, status: 'approved', approvedAmount: 600_000 });
    const notes = await queryRows<{ kind: string }>(
      world.database.db,
      sql`SELECT kind FROM notifications WHERE account_id = ${t.accountId}`,
    );
    expect(notes.map((n) => n.kind)).toEqual(['loan_approved']);
    const audit = await queryRows<{ action: string }>(
      world.database.db,
      sql`SELECT action FROM audit_log WHERE object = ${`loan_application:${sent.id}`} ORDER BY seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['loan.apply', 'loan.approve']);
  });

  it('a declined application carries the reason; a talent can withdraw only before the answer', async () => {
    const t = await buildTalent(world, { tier: 'A' });
    const body = { productId: product.id, amount: 200_000, purpose: '经营周转', consent };
    const a = await service.applyForLoan(ctxOf(world, t.actor), body);
    const declined = await service.answerLoanApplication(ctxOf(world, bank.actor), a.id, {
      decision: 'decline',
      reason: '征信记录不足',
    });
    expect(declined).toMatchObject({ status: 'declined', decisionReason: '征信记录不足' });
    expect((await refusal(service.withdrawLoanApplication(ctxOf(world, t.actor), a.id))).code).toBe(
      'conflict',
    );
    const b = await service.applyForLoan(ctxOf(world, t.actor), body);
    expect((await service.withdrawLoanApplication(ctxOf(world, t.actor), b.id)).status).toBe('withdrawn');
  });

  it('keeps the inbox from talents and applications from banks', async () => {
    const t = await buildTalent(world, { tier: 'A' });
    expect((await refusal(service.listInbox(ctxOf(world, t.actor)))).code).toBe('forbidden');
    expect(
      (
        await refusal(
          service.applyForLoan(ctxOf(world, bank.actor), {
            productId: product.id,
            amount: 1,
            purpose: 'x',
            consent,
          }),
        )
      ).code,
    ).toBe('forbidden');
  });
});
