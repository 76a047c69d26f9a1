// 人才贷 (Horinger §15 新区人才贷 with the 云谷人才卡, Wuxing §七(二) 人才贷 人才投 人才保): banks' loan
// products for eligible tiers; a talent applies to a bank with explicit consent to what is shared (the
// consent and the shared values are stored with the application); the bank answers; the talent sees it.
import type { z } from 'zod';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { createPiiCipher } from '../../lib/pii';
import { appendAudit } from '../audit/audit.service';
import { activePackOf, subjectOfActor, type TalentSubject, tierName } from '../housing/subject';
import * as repo from './finance.repo';
import type * as schema from './finance.schema';

export type LoanProduct = z.infer<typeof schema.LoanProduct>;
export type LoanApplication = z.infer<typeof schema.LoanApplication>;

/** What a talent may agree to share with a bank; name and tier are always needed. */
export const SHARABLE = ['name', 'tier', 'employer', 'degree', 'phone'] as const;
export type Sharable = (typeof SHARABLE)[number];
const REQUIRED: Sharable[] = ['name', 'tier'];
const fieldNames: Record<Sharable, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'name' },
  tier: { zh: '人才层次', en: 'talent tier' },
  employer: { zh: '工作单位', en: 'employer' },
  degree: { zh: '学历', en: 'degree' },
  phone: { zh: '手机号', en: 'phone number' },
};

const productNotFound = () =>
  new AppError('not_found', { zh: '没有这个贷款产品', en: 'No such loan product' });
const applicationNotFound = () =>
  new AppError('not_found', { zh: '没有这份贷款申请', en: 'No such loan application' });

function toProduct(p: repo.ProductRow, lang: 'zh' | 'en'): LoanProduct {
  return {
    id: p.id,
    bankAccountId: p.bankAccountId,
    bankName: p.bankName,
    name: lang === 'zh' ? p.nameZh : p.nameEn || p.nameZh,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    eligibleTiers: p.eligibleTiers,
    minAmount: p.minAmount,
    maxAmount: p.maxAmount,
    rateText: lang === 'zh' ? p.rateTextZh : p.rateTextEn || p.rateTextZh,
    status: p.status as LoanProduct['status'],
  };
}

function toApplication(a: repo.LoanApplicationRow, p: repo.ProductRow, lang: 'zh' | 'en'): LoanApplication {
  return {
    id: a.id,
    product: toProduct(p, lang),
    amount: a.amount,
    purpose: a.purpose,
    consentFields: a.consentFields,
    consentText: a.consentText,
    consentedAt: a.consentedAt.toISOString(),
    shared: a.shared,
    status: a.status as LoanApplication['status'],
    approvedAmount: a.approvedAmount,
    decisionReason: a.decisionReason,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

function productEligibility(subject: TalentSubject, p: repo.ProductRow) {
  if (p.eligibleTiers.includes(subject.tier))
    return { eligible: true, reason: { zh: '您可以申请', en: 'You may apply' } };
  const names = p.eligibleTiers.map((t) => tierName(subject.pack, t, 'zh')).join('、');
  const namesEn = p.eligibleTiers.map((t) => tierName(subject.pack, t, 'en')).join(', ');
  return {
    eligible: false,
    reason: { zh: `该产品面向：${names}`, en: `This product is for: ${namesEn}` },
  };
}

// ------------------------------------------------------------------ products

/** Active products; a talent also sees whether their current tier may apply. */
export async function listProducts(ctx: Ctx) {
  const actor = authorize(ctx, 'loan:read');
  const rows = await repo.listProducts(ctx.db, actor.district, actor.role !== 'admin');
  const subject =
    actor.role === 'talent' ? await subjectOfActor(ctx, actor).catch(() => undefined) : undefined;
  return {
    items: rows.map((p) => {
      const el = subject ? productEligibility(subject, p) : undefined;
      return {
        ...toProduct(p, ctx.lang),
        eligibility: el ? { eligible: el.eligible, reason: el.reason[ctx.lang] } : null,
      };
    }),
  };
}

/** Provider accounts that can receive applications (the admin picks the bank's account for a product). */
export async function listBanks(ctx: Ctx) {
  const actor = authorize(ctx, 'loan:manage');
  const rows = await repo.listBankAccounts(ctx.db, actor.district);
  return {
    items: rows.map((r) => ({
      accountId: r.accountId,
      username: r.username,
      displayName: r.displayName,
      provider: r.providerZh ? (ctx.lang === 'zh' ? r.providerZh : r.providerEn || r.providerZh) : null,
      kind: r.kind,
    })),
  };
}

export type ProductInput = {
  bankAccountId: number;
  nameZh: string;
  nameEn?: string | undefined;
  eligibleTiers: string[];
  minAmount: number;
  maxAmount: number;
  rateTextZh: string;
  rateTextEn?: string | undefined;
};

/** Registers a bank's product; the tiers must be the pack's, the amounts a range, the account a provider's. */
export async function createProduct(ctx: Ctx, input: ProductInput) {
  const actor = authorize(ctx, 'loan:manage');
  if (input.maxAmount < input.minAmount)
    throw new AppError(
      'validation_failed',
      { zh: '最高额度不能低于最低额度', en: 'The maximum is below the minimum' },
      [{ path: 'body.maxAmount', message: 'below minAmount' }],
    );
  const pack = await activePackOf(ctx, actor.district);
  const unknown = input.eligibleTiers.filter((t) => !pack.pack.tiers.some((x) => x.id === t));
  if (unknown.length > 0)
    throw new AppError(
      'validation_failed',
      { zh: `政策包中没有层次：${unknown.join('、')}`, en: `The pack has no tier ${unknown.join(', ')}` },
      [{ path: 'body.eligibleTiers', message: 'unknown tier' }],
    );
  const bank = await repo.findBankAccount(ctx.db, actor.district, input.bankAccountId);
  if (!bank)
    throw new AppError(
      'validation_failed',
      { zh: '请选择本区的服务商（银行）账号', en: 'Choose a provider (bank) account of the district' },
      [{ path: 'body.bankAccountId', message: 'not a provider account' }],
    );
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertProduct(tx, {
      district: actor.district,
      bankAccountId: bank.accountId,
      bankName: bank.providerZh ?? bank.displayName,
      nameZh: input.nameZh,
      nameEn: input.nameEn ?? '',
      eligibleTiers: input.eligibleTiers,
      minAmount: input.minAmount,
      maxAmount: input.maxAmount,
      rateTextZh: input.rateTextZh,
      rateTextEn: input.rateTextEn ?? '',
    });
    await appendAudit(ctx, tx, {
      action: 'loan.product.create',
      object: `loan_product:${row.id}`,
      outcome: 'success',
      details: { ...input },
    });
    return toProduct(row, ctx.lang);
  });
}

/** Withdraws or re-opens a product (applications already sent stay with the bank). */
export async function setProductStatus(ctx: Ctx, productId: number, status: 'active' | 'withdrawn') {
  const actor = authorize(ctx, 'loan:manage');
  const current = await repo.findProduct(ctx.db, actor.district, productId);
  if (!current) throw productNotFound();
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.updateProduct(tx, productId, { status });
    if (!row) throw productNotFound();
    await appendAudit(ctx, tx, {
      action: 'loan.product.status',
      object: `loan_product:${productId}`,
      outcome: 'success',
      details: { status },
    });
    return toProduct(row, ctx.lang);
  });
}

// ------------------------------------------------------------------ talent

/** The consent sentence the talent agrees to, in their language (stored with the application). */
export function consentSentence(
  lang: 'zh' | 'en',
  bank: string,
  product: string,
  fields: Sharable[],
): string {
  const names = fields.map((f) => fieldNames[f][lang]);
  return lang === 'zh'
    ? `本人同意向${bank}提供${names.join('、')}，仅用于“${product}”贷款审查。`
    : `I agree that ${bank} receives my ${names.join(', ')}, for reviewing my "${product}" loan application only.`;
}

export type LoanApply = {
  productId: number;
  amount: number;
  purpose: string;
  consent: { agreed: boolean; fields: Sharable[] };
};

/**
 * Sends an application to the product's bank. Refused without consent, or when the tier is not the
 * product's; the bank sees exactly the consented fields' values at this moment, nothing else.
 */
export async function applyForLoan(ctx: Ctx, input: LoanApply) {
  const actor = authorize(ctx, 'loan:apply');
  const subject = await subjectOfActor(ctx, actor);
  const product = await repo.findProduct(ctx.db, actor.district, input.productId);
  if (product?.status !== 'active') throw productNotFound();
  const missing = REQUIRED.filter((f) => !input.consent.fields.includes(f));
  if (!input.consent.agreed || missing.length > 0)
    throw new AppError(
      'validation_failed',
      {
        zh: `须同意向银行提供${REQUIRED.map((f) => fieldNames[f].zh).join('、')}后才能申请`,
        en: `You must agree to share your ${REQUIRED.map((f) => fieldNames[f].en).join(' and ')} with the bank`,
      },
      [{ path: 'body.consent', message: 'consent required' }],
    );
  const el = productEligibility(subject, product);
  if (!el.eligible)
    throw new AppError('policy_denied', el.reason, {
      tier: subject.tier,
      eligibleTiers: product.eligibleTiers,
    });
  if (input.amount < product.minAmount || input.amount > product.maxAmount)
    throw new AppError(
      'validation_failed',
      {
        zh: `申请金额须在 ${product.minAmount}–${product.maxAmount} 元之间`,
        en: `The amount must be between ${product.minAmount} and ${product.maxAmount} yuan`,
      },
      [{ path: 'body.amount', message: 'out of range' }],
    );
  const record = await repo.findSharableRecord(ctx.db, subject.talentId);
  const fields = SHARABLE.filter((f) => input.consent.fields.includes(f));
  const values: Record<Sharable, unknown> = {
    name: record?.name ?? subject.name,
    tier: { id: subject.tier, name: tierName(subject.pack, subject.tier, 'zh') },
    employer: record?.employer ?? null,
    degree: subject.facts.degree ?? null,
    phone: record?.phoneEnc ? createPiiCipher(ctx.config.piiKey).decrypt(record.phoneEnc) : null,
  };
  const shared = Object.fromEntries(fields.map((f) => [f, values[f]]));
  const productName = ctx.lang === 'zh' ? product.nameZh : product.nameEn || product.nameZh;
  const row = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.lockProduct(tx, product.id);
    if (await repo.findOpenApplication(tx, product.id, subject.talentId))
      throw new AppError('conflict', {
        zh: '您已向该产品提交过申请，请等待银行答复',
        en: 'You already have an application for this product awaiting the bank',
      });
    const inserted = await repo.insertApplication(tx, {
      district: actor.district,
      productId: product.id,
      talentId: subject.talentId,
      amount: input.amount,
      purpose: input.purpose,
      consentFields: fields,
      consentText: consentSentence(ctx.lang, product.bankName, productName, fields),
      consentedAt: ctx.now(),
      shared,
    });
    await appendAudit(ctx, tx, {
      action: 'loan.apply',
      object: `loan_application:${inserted.id}`,
      outcome: 'success',
      details: { productId: product.id, amount: input.amount, consentFields: fields },
    });
    return inserted;
  });
  return toApplication(row, product, ctx.lang);
}

export async function listMyLoanApplications(ctx: Ctx) {
  const actor = authorize(ctx, 'loan:apply');
  const subject = await subjectOfActor(ctx, actor);
  const rows = await repo.listApplicationsOfTalent(ctx.db, actor.district, subject.talentId);
  return { items: rows.map((r) => toApplication(r.application, r.product, ctx.lang)) };
}

export async function withdrawLoanApplication(ctx: Ctx, id: number) {
  const actor = authorize(ctx, 'loan:apply');
  const subject = await subjectOfActor(ctx, actor);
  const found = await repo.findApplication(ctx.db, actor.district, id);
  if (!found || found.application.talentId !== subject.talentId) throw applicationNotFound();
  const row = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const done = await repo.decide(tx, id, {
      status: 'withdrawn',
      decidedAt: ctx.now(),
      decidedBy: actor.username,
    });
    if (!done)
      throw new AppError('conflict', {
        zh: '银行已答复，不能撤回',
        en: 'The bank has answered; it cannot be withdrawn',
      });
    await appendAudit(ctx, tx, {
      action: 'loan.withdraw',
      object: `loan_application:${id}`,
      outcome: 'success',
    });
    return done;
  });
  return toApplication(row, found.product, ctx.lang);
}

// ------------------------------------------------------------------ bank

async function inboxScope(ctx: Ctx, accountId: number) {
  return repo.providerOfAccount(ctx.db, accountId);
}

/** The bank's inbox: applications to its products (undecided first), with only what was consented. */
export async function listInbox(ctx: Ctx, status?: 'submitted' | 'approved' | 'declined' | 'withdrawn') {
  const actor = authorize(ctx, 'loan:answer');
  const providerId = await inboxScope(ctx, actor.accountId);
  const rows = await repo.listInbox(ctx.db, actor.district, actor.accountId, providerId, status);
  return { items: rows.map((r) => toApplication(r.application, r.product, ctx.lang)) };
}

export type LoanAnswer =
  | { decision: 'approve'; amount: number; reason?: string | undefined }
  | { decision: 'decline'; reason: string };

/** The bank approves (with an amount in the product's range) or declines (with a reason); once. */
export async function answerLoanApplication(ctx: Ctx, id: number, answer: LoanAnswer) {
  const actor = authorize(ctx, 'loan:answer');
  const providerId = await inboxScope(ctx, actor.accountId);
  const mine = await repo.listInbox(ctx.db, actor.district, actor.accountId, providerId);
  const found = mine.find((r) => r.application.id === id);
  if (!found) throw applicationNotFound();
  const { product } = found;
  if (
    answer.decision === 'approve' &&
    (answer.amount < product.minAmount || answer.amount > product.maxAmount)
  )
    throw new AppError(
      'validation_failed',
      {
        zh: `批准金额须在 ${product.minAmount}–${product.maxAmount} 元之间`,
        en: `The approved amount must be between ${product.minAmount} and ${product.maxAmount} yuan`,
      },
      [{ path: 'body.amount', message: 'out of range' }],
    );
  const talentAccount =
    (await repo.findSharableRecord(ctx.db, found.application.talentId))?.accountId ?? null;
  const row = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const done = await repo.decide(tx, id, {
      status: answer.decision === 'approve' ? 'approved' : 'declined',
      approvedAmount: answer.decision === 'approve' ? answer.amount : null,
      decisionReason: answer.reason ?? null,
      decidedBy: actor.username,
      decidedAt: ctx.now(),
    });
    if (!done)
      throw new AppError('conflict', {
        zh: '该申请已有答复或已撤回',
        en: 'The application has already been answered or withdrawn',
      });
    await appendAudit(ctx, tx, {
      action: answer.decision === 'approve' ? 'loan.approve' : 'loan.decline',
      object: `loan_application:${id}`,
      outcome: 'success',
      details: {
        amount: answer.decision === 'approve' ? answer.amount : null,
        reason: answer.reason ?? null,
      },
    });
    if (talentAccount)
      await repo.insertNotification(tx, {
        district: actor.district,
        accountId: talentAccount,
        kind: answer.decision === 'approve' ? 'loan_approved' : 'loan_declined',
        titleZh:
          answer.decision === 'approve'
            ? `${product.bankName}已批准您的人才贷申请`
            : `${product.bankName}未批准您的人才贷申请`,
        titleEn:
          answer.decision === 'approve'
            ? `${product.bankName} approved your talent loan`
            : `${product.bankName} declined your talent loan`,
        bodyZh: answer.decision === 'approve' ? `批准金额 ${answer.amount} 元。` : `原因：${answer.reason}`,
        bodyEn:
          answer.decision === 'approve'
            ? `Approved amount: ${answer.amount} yuan.`
            : `Reason: ${answer.reason}`,
        link: '/loans',
        dedupeKey: `loan_application:${id}:answer`,
      });
    return done;
  });
  return toApplication(row, product, ctx.lang);
}
