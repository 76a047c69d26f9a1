// 人才贷 over HTTP: who may reach what, and a talent's application reaching the bank's inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../authz';
import { signIn } from '../../test/app';
import { createRouteWorld, type RouteWorld } from '../housing/routes.test-support';
import { buildBank, buildTalent } from '../housing/services.test-support';

let w: RouteWorld;
beforeAll(async () => {
  w = await createRouteWorld();
});
afterAll(() => w.t.close());

describe('loans over HTTP', () => {
  it('shows products to talents and admins, the inbox to providers, the bank list to admins', async () => {
    for (const role of roles) {
      expect((await w.call(w.session(role), 'GET', '/loans/products')).statusCode, role).toBe(
        role === 'talent' || role === 'admin' ? 200 : 403,
      );
      expect((await w.call(w.session(role), 'GET', '/loans/inbox')).statusCode, role).toBe(
        role === 'provider' ? 200 : 403,
      );
      expect((await w.call(w.session(role), 'GET', '/loans/banks')).statusCode, role).toBe(
        role === 'admin' ? 200 : 403,
      );
    }
  });

  it('carries an application with consent to the bank, which approves it; the talent sees the answer', async () => {
    const world = { database: w.t.database, config: w.t.config };
    const bank = await buildBank(world, '湖州银行');
    const banks = await w.call(w.session('admin'), 'GET', '/loans/banks');
    expect(banks.json().items.map((b: { accountId: number }) => b.accountId)).toContain(bank.accountId);
    const product = await w.call(w.session('admin'), 'POST', '/loans/products', {
      bankAccountId: bank.accountId,
      nameZh: '人才贷',
      eligibleTiers: ['C'],
      minAmount: 10_000,
      maxAmount: 1_000_000,
      rateTextZh: 'LPR',
    });
    expect(product.statusCode).toBe(200);
    const talent = await signIn(w.t.app, (await buildTalent(world, { tier: 'C' })).username);
    const noConsent = await w.call(
      talent,
      'POST',
      '/loans/applications',
      {
        productId: product.json().id,
        amount: 50_000,
        purpose: '周转',
        consent: { agreed: false, fields: ['name', 'tier'] },
      },
      'en',
    );
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.message).toContain('agree');
    const sent = await w.call(talent, 'POST', '/loans/applications', {
      productId: product.json().id,
      amount: 50_000,
      purpose: '周转',
      consent: { agreed: true, fields: ['name', 'tier'] },
    });
    expect(sent.statusCode).toBe(200);
    const bankSession = await signIn(w.t.app, bank.username);
    const inbox = await w.call(bankSession, 'GET', '/loans/inbox?status=submitted');
    expect(inbox.json().items.map((i: { id: number }) => i.id)).toEqual([sent.json().id]);
    const answer = await w.call(bankSession, 'POST', `/loans/inbox/${sent.json().id}/answer`, {
      decision: 'decline',
    });
    expect(answer.statusCode).toBe(400);
    const ok = await w.call(bankSession, 'POST', `/loans/inbox/${sent.json().id}/answer`, {
      decision: 'approve',
      amount: 40_000,
    });
    expect(ok.json().status).toBe('approved');
    const mine = await w.call(talent, 'GET', '/loans/applications/mine');
    expect(mine.json().items[0]).toMatchObject({ status: 'approved', approvedAmount: 40_000 });
  });
});
