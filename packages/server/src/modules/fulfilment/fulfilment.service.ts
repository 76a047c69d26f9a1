// 政策兑现: yearly budgets per fund, the commitment made in the approving transaction (one conditional
// UPDATE, so a budget is never overspent), instalment payment items due by date or by condition (re-checked
// with the engine on the subject's current facts), payment batches exported as a bank file (.xlsx, .csv)
// and marked paid or failed (never paid twice), and a ledger row for every movement.
import { type CompiledPack, decide, type Policy } from '@rencai/engine';
import ExcelJS from 'exceljs';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { type Idempotency, runIdempotent } from '../../http/idempotency';
import * as appsRepo from '../applications/applications.repo';
import { appendAudit } from '../audit/audit.service';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { loadEnterpriseFacts, loadTalentFacts } from '../talents/talents.facts';
import * as repo from './fulfilment.repo';

export const toCents = (yuan: number) => Math.round(yuan * 100);
export const toYuan = (cents: number) => Math.round(cents) / 100;

/** The fund code a policy draws on: the pack's fund, or the policy itself when it names none. */
export const fundCodeOf = (policy: Pick<Policy, 'id' | 'fund'>) => policy.fund ?? `policy:${policy.id}`;

/** The budget year of a date (China time). */
export const budgetYear = (at: Date) => Number(chinaDate(at).slice(0, 4));

export function budgetExhausted(fund: {
  code: string;
  year: number;
  nameZh?: string;
  nameEn?: string;
}): AppError {
  return new AppError(
    'conflict',
    {
      zh: `${fund.nameZh ?? fund.code} ${fund.year} 年度预算余额不足，无法批准`,
      en: `The ${fund.year} budget of ${fund.nameEn ?? fund.code} cannot cover this amount; not approved`,
    },
    { reason: 'budget_exhausted', fund: fund.code, year: fund.year },
  );
}

export type Subject = {
  key: string;
  kind: 'talent' | 'enterprise';
  name: string;
  talentId: number | null;
  enterpriseId: number | null;
};

export type GrantInput = {
  district: string;
  pack: CompiledPack;
  packVersionId: number;
  policy: Policy;
  subject: Subject;
  amountCents: number;
  /** The facts the grant was decided on (the schedule's dates and conditions are computed from them). */
  facts: Record<string, unknown>;
  applicationId: number | null;
  mode: 'apply' | 'automatic';
  grantedBy: string;
  now: Date;
};

export type GrantOutcome = {
  grant: appsRepo.GrantRow;
  items: appsRepo.PaymentItemRow[];
  fund: repo.FundRow | undefined;
};

/**
 * Grants a policy to a subject inside the caller's transaction: refuses a second grant of the policy or of
 * its exclusivity group (就高不重复), commits the amount against the fund's budget for the year in one
 * conditional UPDATE (refused when it does not fit), writes the ledger row and the payment items.
 */
export async function grantWithCommitment(tx: Db, g: GrantInput): Promise<GrantOutcome> {
  const { policy, subject } = g;
  const group = policy.exclusivity?.group ?? null;
  if (group) {
    const held = await appsRepo.findGrantInGroup(tx, g.district, subject.key, group);
    if (held && held.policyId !== policy.id) {
      throw new AppError(
        'policy_denied',
        {
          zh: `已享受同组政策“${held.titleZh}”，就高不重复，不能再享受本政策`,
          en: `Already granted "${held.titleEn}" of the same group (the higher, not both); this one cannot be granted too`,
        },
        { reason: 'exclusive_group', group, grantedPolicy: held.policyId },
      );
    }
  }
  const year = budgetYear(g.now);
  const code = fundCodeOf(policy);
  let fund: repo.FundRow | undefined;
  if (g.amountCents > 0) {
    fund = await repo.findFund(tx, g.district, code, year);
    if (!fund) throw budgetExhausted({ code, year });
  }
  const grantDate = chinaDate(g.now);
  const grant = await appsRepo.insertGrantIfAbsent(tx, {
    district: g.district,
    policyId: policy.id,
    titleZh: policy.title.zh,
    titleEn: policy.title.en,
    subjectKey: subject.key,
    subjectName: subject.name,
    talentId: subject.talentId,
    enterpriseId: subject.enterpriseId,
    applicationId: g.applicationId,
    mode: g.mode,
    exclusivityGroup: group,
    amountCents: g.amountCents,
    fundId: fund?.id ?? null,
    packVersionId: g.packVersionId,
    grantDate,
    grantedBy: g.grantedBy,
  });
  if (!grant) {
    throw new AppError(
      'conflict',
      { zh: '该政策已授予，不能重复享受', en: 'This policy was already granted; it cannot be granted twice' },
      { reason: 'already_granted', policyId: policy.id },
    );
  }
  let items: appsRepo.PaymentItemRow[] = [];
  if (fund) {
    const committed = await repo.commitToFund(tx, fund.id, g.amountCents);
    if (!committed) throw budgetExhausted(fund);
    fund = committed;
    await repo.insertLedger(tx, [
      {
        district: g.district,
        fundId: fund.id,
        kind: 'commit',
        amountCents: g.amountCents,
        grantId: grant.id,
        actor: g.grantedBy,
      },
    ]);
    items = await appsRepo.insertPaymentItems(
      tx,
      scheduleItems(g.pack, policy, g.facts, grantDate, g.amountCents).map((it) => ({
        ...it,
        district: g.district,
        grantId: grant.id,
        fundId: (fund as repo.FundRow).id,
      })),
    );
  }
  return { grant, items, fund };
}

/** Splits an amount into the policy's instalments (cents; the last takes the remainder) with their due dates. */
export function scheduleItems(
  pack: CompiledPack,
  policy: Policy,
  facts: Record<string, unknown>,
  grantDate: string,
  amountCents: number,
): { instalment: number; amountCents: number; dueDate: string; conditional: boolean }[] {
  const specs = policy.schedule?.instalments ?? [{ share: 1, due: 'on_grant' as const }];
  const schedule = decide(pack, policy.id, facts, grantDate, { grantDate }).schedule;
  let rest = amountCents;
  return specs.map((spec, i) => {
    const share = i === specs.length - 1 ? rest : Math.round(amountCents * spec.share);
    rest -= share;
    return {
      instalment: i,
      amountCents: share,
      dueDate: schedule[i]?.dueDate ?? grantDate,
      conditional: spec.due !== 'on_grant' && spec.due.condition !== undefined,
    };
  });
}

// ---------------------------------------------------------------- budgets

export type FundView = {
  id: number;
  code: string;
  year: number;
  name: { zh: string; en: string };
  budget: number;
  committed: number;
  paid: number;
  remaining: number;
  updatedBy: string;
  updatedAt: string;
};

export function toFundView(f: repo.FundRow): FundView {
  return {
    id: f.id,
    code: f.code,
    year: f.year,
    name: { zh: f.nameZh, en: f.nameEn },
    budget: toYuan(f.budgetCents),
    committed: toYuan(f.committedCents),
    paid: toYuan(f.paidCents),
    remaining: toYuan(f.budgetCents - f.committedCents),
    updatedBy: f.updatedBy,
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** The pack's funds (and fund-less policies) with their budgets for a year; those with no budget set show 0. */
export async function listFunds(ctx: Ctx, year?: number) {
  const actor = authorize(ctx, 'fund:read');
  const y = year ?? budgetYear(ctx.now());
  const rows = await repo.listFunds(ctx.db, actor.district, y);
  const active = await findActivePack(ctx.db, actor.district);
  const known = new Map(rows.map((r) => [r.code, r]));
  const unset: { code: string; name: { zh: string; en: string } }[] = [];
  for (const f of fundCatalogue(active?.pack)) if (!known.has(f.code)) unset.push(f);
  return {
    year: y,
    items: rows.map(toFundView),
    unset,
  };
}

/** Every fund code a pack's policies draw on, with its name. */
export function fundCatalogue(
  pack: CompiledPack | undefined,
): { code: string; name: { zh: string; en: string } }[] {
  if (!pack) return [];
  const out = new Map<string, { zh: string; en: string }>();
  for (const f of pack.pack.funds) out.set(f.id, f.name);
  for (const p of pack.pack.policies) if (!p.fund && p.amount) out.set(fundCodeOf(p), p.title);
  return [...out].map(([code, name]) => ({ code, name }));
}

export type SetBudget = { code: string; year: number; budget: number };

/** Sets a fund's budget for a year (never below what is already committed). */
export async function setBudget(ctx: Ctx, input: SetBudget, idem?: Idempotency): Promise<FundView> {
  const actor = authorize(ctx, 'fund:manage');
  const active = await findActivePack(ctx.db, actor.district);
  const entry = fundCatalogue(active?.pack).find((f) => f.code === input.code);
  if (!entry) {
    throw new AppError(
      'validation_failed',
      { zh: `政策包中没有资金 ${input.code}`, en: `The pack has no fund ${input.code}` },
      { field: 'code' },
    );
  }
  return runIdempotent(ctx, idem, async (tx) => {
    const row = await repo.upsertBudget(tx, {
      district: actor.district,
      code: input.code,
      year: input.year,
      nameZh: entry.name.zh,
      nameEn: entry.name.en,
      budgetCents: toCents(input.budget),
      by: actor.username,
    });
    if (!row) {
      throw new AppError(
        'conflict',
        { zh: '预算不能低于已承诺的金额', en: 'A budget cannot be set below what is already committed' },
        { field: 'budget', reason: 'below_committed' },
      );
    }
    await appendAudit(ctx, tx, {
      action: 'fund.budget.set',
      object: `fund:${row.id}`,
      outcome: 'success',
      details: { code: input.code, year: input.year, budget: input.budget },
    });
    return toFundView(row);
  });
}

/** Demo budgets: each fund of the district's active pack gets one for this year, unless one is set. */
export async function seedBudgets(
  db: Db,
  district: string,
  now: Date,
  budgetYuan = 50_000_000,
): Promise<number> {
  const active = await findActivePack(db, district);
  let added = 0;
  for (const f of fundCatalogue(active?.pack)) {
    const inserted = await repo.insertBudgetIfAbsent(db, {
      district,
      code: f.code,
      year: budgetYear(now),
      nameZh: f.name.zh,
      nameEn: f.name.en,
      budgetCents: toCents(budgetYuan),
      by: 'system',
    });
    if (inserted) added++;
  }
  return added;
}

export async function listLedger(ctx: Ctx, q: { limit: number; fundId?: number | undefined }) {
  const actor = authorize(ctx, 'fund:read');
  const rows = await repo.listLedger(ctx.db, actor.district, q.limit, q.fundId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      fundId: r.fundId,
      kind: r.kind as 'commit' | 'release' | 'pay' | 'fail',
      amount: toYuan(r.amountCents),
      grantId: r.grantId,
      paymentItemId: r.paymentItemId,
      batchId: r.batchId,
      actor: r.actor,
      at: r.at.toISOString(),
    })),
  };
}

// ---------------------------------------------------------------- due items

export type DueItem = {
  id: number;
  grantId: number;
  policyId: string;
  title: { zh: string; en: string };
  subjectName: string;
  instalment: number;
  amount: number;
  dueDate: string;
  status: string;
  conditional: boolean;
  /** due | condition_unmet | condition_unknown — the condition re-checked on the subject's current facts. */
  state: 'due' | 'condition_unmet' | 'condition_unknown';
  missing: string[];
};

async function currentFacts(db: Db, grant: appsRepo.GrantRow, now: Date) {
  if (grant.talentId) return loadTalentFacts(db, grant.talentId, now);
  if (grant.enterpriseId) return loadEnterpriseFacts(db, grant.enterpriseId, now);
  return undefined;
}

/** Items whose date has come, each conditional one re-checked with the engine on the subject's facts today. */
async function evaluateDue(db: Db, district: string, now: Date): Promise<DueItem[]> {
  const today = chinaDate(now);
  const rows = await repo.listCandidateItems(db, district, today);
  const active = await findActivePack(db, district);
  const out: DueItem[] = [];
  for (const { item, grant } of rows) {
    let state: DueItem['state'] = 'due';
    let missing: string[] = [];
    if (item.conditional) {
      const facts = await currentFacts(db, grant, now);
      const known = active?.pack.byId.has(grant.policyId);
      if (!facts || !active || !known) state = 'condition_unknown';
      else {
        const d = decide(active.pack, grant.policyId, facts, today, { grantDate: grant.grantDate });
        const inst = d.schedule[item.instalment];
        if (!inst || d.verdict === 'ineligible') state = 'condition_unmet';
        else if (inst.state === 'unknown') {
          state = 'condition_unknown';
          missing = inst.missing;
        } else if (inst.state !== 'due') state = 'condition_unmet';
      }
    }
    out.push({
      id: item.id,
      grantId: grant.id,
      policyId: grant.policyId,
      title: { zh: grant.titleZh, en: grant.titleEn },
      subjectName: grant.subjectName,
      instalment: item.instalment,
      amount: toYuan(item.amountCents),
      dueDate: item.dueDate,
      status: item.status,
      conditional: item.conditional,
      state,
      missing,
    });
  }
  return out;
}

/** Payment items whose date has come, with their conditions re-checked. */
export async function listDueItems(ctx: Ctx) {
  const actor = authorize(ctx, 'payment:manage');
  const items = await evaluateDue(ctx.db, actor.district, ctx.now());
  return { items, payable: items.filter((i) => i.state === 'due').length };
}

// ---------------------------------------------------------------- batches

export type BatchView = {
  id: number;
  status: string;
  itemCount: number;
  total: number;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
};

const toBatchView = (b: repo.BatchRow): BatchView => ({
  id: b.id,
  status: b.status,
  itemCount: b.itemCount,
  total: toYuan(b.totalCents),
  createdBy: b.createdBy,
  createdAt: b.createdAt.toISOString(),
  closedAt: b.closedAt?.toISOString() ?? null,
});

/** Collects the payable items (all, or those named) into a new batch. */
export async function createBatch(ctx: Ctx, input: { itemIds?: number[] | undefined }, idem?: Idempotency) {
  const actor = authorize(ctx, 'payment:manage');
  const due = (await evaluateDue(ctx.db, actor.district, ctx.now())).filter((i) => i.state === 'due');
  const wanted = input.itemIds ? new Set(input.itemIds) : undefined;
  const ids = due.filter((i) => !wanted || wanted.has(i.id)).map((i) => i.id);
  if (ids.length === 0) {
    throw new AppError(
      'conflict',
      { zh: '没有可发放的到期款项', en: 'No payable items are due' },
      {
        reason: 'nothing_due',
      },
    );
  }
  return runIdempotent(ctx, idem, async (tx) => {
    const batch = await repo.insertBatch(tx, {
      district: actor.district,
      itemCount: 0,
      totalCents: 0,
      createdBy: actor.username,
    });
    const moved = await repo.claimItemsForBatch(tx, batch.id, ids);
    if (moved.length === 0) {
      throw new AppError(
        'conflict',
        { zh: '这些款项已进入其他批次', en: 'These items are already in another batch' },
        {
          reason: 'nothing_due',
        },
      );
    }
    const total = moved.reduce((s, m) => s + m.amountCents, 0);
    await repo.updateBatchTotals(tx, batch.id, moved.length, total);
    await appendAudit(ctx, tx, {
      action: 'payment.batch.create',
      object: `batch:${batch.id}`,
      outcome: 'success',
      details: { items: moved.map((m) => m.id), totalCents: total },
    });
    return toBatchView({ ...batch, itemCount: moved.length, totalCents: total });
  });
}

export async function listBatches(ctx: Ctx) {
  const actor = authorize(ctx, 'payment:manage');
  return { items: (await repo.listBatches(ctx.db, actor.district)).map(toBatchView) };
}

async function batchOf(ctx: Ctx, id: number) {
  const batch = await repo.findBatch(ctx.db, id);
  if (!batch || batch.district !== ctx.actor?.district) {
    throw new AppError('not_found', { zh: '批次不存在', en: 'No such payment batch' }, { batchId: id });
  }
  return batch;
}

export async function getBatch(ctx: Ctx, id: number) {
  authorize(ctx, 'payment:manage');
  const batch = await batchOf(ctx, id);
  const rows = await repo.listItemsOfBatch(ctx.db, id);
  return {
    ...toBatchView(batch),
    items: rows.map((r) => ({
      itemId: r.item.id,
      grantId: r.grant.id,
      policyId: r.grant.policyId,
      title: { zh: r.grant.titleZh, en: r.grant.titleEn },
      subjectName: r.grant.subjectName,
      instalment: r.item.instalment,
      amount: toYuan(r.entry.amountCents),
      outcome: r.entry.outcome as 'pending' | 'paid' | 'failed',
      reason: r.entry.reason,
    })),
  };
}

export type MarkResults = {
  results: { itemId: number; outcome: 'paid' | 'failed'; reason?: string | undefined }[];
};

/**
 * Marks items of a batch paid or failed. Each item changes only from pending in this batch, so a repeated
 * or concurrent mark never pays twice; a paid item adds to the fund's paid total, a failed one waits for a
 * later batch. Ledger rows: pay or fail.
 */
export async function markBatch(ctx: Ctx, batchId: number, input: MarkResults, idem?: Idempotency) {
  const actor = authorize(ctx, 'payment:manage');
  await batchOf(ctx, batchId);
  return runIdempotent(ctx, idem, async (tx) => {
    const changed: { itemId: number; outcome: string }[] = [];
    const notes: appsRepo.NewNotification[] = [];
    for (const r of input.results) {
      const item = await repo.markItem(tx, batchId, r.itemId, r.outcome, actor.username, r.reason ?? null);
      if (!item) continue;
      if (r.outcome === 'paid') await repo.addPaid(tx, item.fundId, item.amountCents);
      await repo.insertLedger(tx, [
        {
          district: actor.district,
          fundId: item.fundId,
          kind: r.outcome === 'paid' ? 'pay' : 'fail',
          amountCents: item.amountCents,
          grantId: item.grantId,
          paymentItemId: item.id,
          batchId,
          actor: actor.username,
        },
      ]);
      changed.push({ itemId: item.id, outcome: r.outcome });
      if (r.outcome === 'paid') notes.push(...(await paidNotifications(tx, item)));
      await recordPaymentEvent(tx, item, r.outcome, actor, r.reason ?? null);
    }
    if ((await repo.countPendingInBatch(tx, batchId)) === 0) await repo.closeBatch(tx, batchId);
    await appsRepo.insertNotifications(tx, notes);
    await appendAudit(ctx, tx, {
      action: 'payment.batch.mark',
      object: `batch:${batchId}`,
      outcome: 'success',
      details: { changed },
    });
    return { batchId, changed };
  });
}

async function recordPaymentEvent(
  tx: Db,
  item: appsRepo.PaymentItemRow,
  outcome: 'paid' | 'failed',
  actor: { accountId: number; displayName: string; role: string },
  reason: string | null,
) {
  const [grant] = await appsRepo.listGrantsById(tx, item.grantId);
  if (!grant?.applicationId) return;
  await appsRepo.insertEvent(tx, {
    applicationId: grant.applicationId,
    at: new Date(),
    action: outcome === 'paid' ? 'paid' : 'payment_failed',
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    actorRole: actor.role,
    reason,
    details: { paymentItemId: item.id, instalment: item.instalment, amount: toYuan(item.amountCents) },
  });
}

async function paidNotifications(tx: Db, item: appsRepo.PaymentItemRow): Promise<appsRepo.NewNotification[]> {
  const [grant] = await appsRepo.listGrantsById(tx, item.grantId);
  if (!grant) return [];
  const accounts = await appsRepo.subjectAccounts(tx, grant);
  const amount = toYuan(item.amountCents).toLocaleString('en-US');
  return accounts.map((accountId) => ({
    district: grant.district,
    accountId,
    kind: 'payment_paid',
    titleZh: `“${grant.titleZh}”已发放 ${amount} 元`,
    titleEn: `${amount} CNY of "${grant.titleEn}" was paid`,
    bodyZh: `第 ${item.instalment + 1} 期款项已发放至您的账户。`,
    bodyEn: `Instalment ${item.instalment + 1} was paid to your account.`,
    link: grant.applicationId ? `/applications/${grant.applicationId}` : '/applications',
    dedupeKey: `payment_paid:${item.id}`,
  }));
}

/** The batch as a bank file: one row per item (payee, amount, reference). */
export async function exportBatch(ctx: Ctx, batchId: number, format: 'xlsx' | 'csv') {
  authorize(ctx, 'payment:manage');
  await batchOf(ctx, batchId);
  const rows = await repo.listItemsOfBatch(ctx.db, batchId);
  const header = [
    '批次 batch',
    '款项 item',
    '收款人 payee',
    '政策 policy',
    '期次 instalment',
    '金额 amount (CNY)',
    '状态 outcome',
  ];
  const lines = rows.map((r) => [
    batchId,
    r.item.id,
    r.grant.subjectName,
    r.grant.titleZh,
    r.item.instalment + 1,
    toYuan(r.entry.amountCents).toFixed(2),
    r.entry.outcome,
  ]);
  const name = `rencai-batch-${batchId}`;
  if (format === 'csv') {
    const esc = (v: unknown) => {
      const s = String(v);
      return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    const text = `\ufeff${[header, ...lines].map((l) => l.map(esc).join(',')).join('\r\n')}\r\n`;
    return { fileName: `${name}.csv`, mime: 'text/csv; charset=utf-8', bytes: Buffer.from(text, 'utf8') };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('payments');
  sheet.addRow(header);
  for (const l of lines) sheet.addRow(l.map((v, i) => (i === 5 ? Number(v) : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(6).numFmt = '#,##0.00';
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return {
    fileName: `${name}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
  };
}
