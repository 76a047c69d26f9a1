// 政策兑现 against a real database: budgets, due items (conditions re-checked on current facts), payment
// batches with a bank file, paid or failed (never paid twice, failed retried later), a ledger row per movement.

import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { queryRows } from '../../db/client';
import { funds, ledger, paymentItems, talentFacts } from '../../db/schema';
import { seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import * as appsRepo from '../applications/applications.repo';
import { decideApplication } from '../applications/applications.service';
import { ctxOf, demoActor, publishDistrict, refusal } from '../applications/test-support';
import { findActivePack } from '../policies/pack-cache';
import {
  createBatch,
  exportBatch,
  getBatch,
  listDueItems,
  listFunds,
  markBatch,
  seedBudgets,
  setBudget,
} from './fulfilment.service';

let database: TestDatabase;
let db: TestDatabase['db'];
let admin: Actor;
let reviewer: Actor;
let talentId: number;
const year = Number(new Date().toISOString().slice(0, 4));

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemo(db);
  await publishDistrict(db, 'wuxing');
  admin = await demoActor(db, 'admin');
  reviewer = await demoActor(db, 'reviewer');
  const t = await appsRepo.findTalentByAccount(db, (await demoActor(db, 'talent')).accountId);
  if (!t) throw new Error('no demo talent');
  talentId = t.id;
}, 120_000);

afterAll(async () => {
  await database?.destroy();
});

/** An application of the demo talent at its last stage (office), for a policy paid in two instalments. */
async function atLastStage(policyId: string, amountCents: number) {
  const now = new Date();
  return appsRepo.insertApplication(db, {
    district: 'wuxing',
    policyId,
    titleZh: '人才购房补贴',
    titleEn: 'Home-purchase subsidy',
    packVersionId: (await findActivePack(db, 'wuxing'))?.versionId ?? 0,
    subjectKind: 'talent',
    talentId,
    enterpriseId: null,
    subjectKey: `talent:${talentId}`,
    subjectName: '林晓',
    submittedBy: admin.accountId,
    status: 'in_review',
    facts: { socialInsuranceContinuousMonths: 36 },
    decision: {},
    amountCents,
    fundCode: 'housing_fund',
    exclusivityGroup: 'housing',
    stages: [
      {
        id: 'office',
        name: { zh: '复核', en: 'Office' },
        holder: { kind: 'department', code: 'talent_office' },
        days: 5,
      },
    ],
    currentStage: 0,
    holder: 'department:talent_office',
    stageStartedAt: now,
    stageDueAt: now,
    materials: [],
  });
}

describe('budgets', () => {
  it('seeds a demo budget per pack fund once, and lists them', async () => {
    const added = await seedBudgets(db, 'wuxing', new Date());
    expect(added).toBeGreaterThanOrEqual(4);
    expect(await seedBudgets(db, 'wuxing', new Date())).toBe(0);
    const list = await listFunds(ctxOf(db, admin), year);
    expect(list.items.map((f) => f.code)).toContain('housing_fund');
  });

  it('refuses a budget below what is committed, and unknown funds', async () => {
    expect((await refusal(setBudget(ctxOf(db, admin), { code: 'nope', year, budget: 1 }))).code).toBe(
      'validation_failed',
    );
    expect(
      (await refusal(setBudget(ctxOf(db, reviewer), { code: 'housing_fund', year, budget: 1 }))).code,
    ).toBe('forbidden');
  });
});

describe('payments', () => {
  let batchId = 0;
  let firstItem = 0;

  it('schedules the instalments on approval: the first due now, the second after 12 months on a condition', async () => {
    await setBudget(ctxOf(db, admin), { code: 'housing_fund', year, budget: 1_000_000 });
    const app = await atLastStage('wuxing.housing.purchase', 200_000_00);
    await decideApplication(ctxOf(db, admin), app.id, { action: 'approve' });
    const grant = await appsRepo.findGrantOfApplication(db, app.id);
    const items = await appsRepo.listPaymentItemsOfGrant(db, grant?.id ?? 0);
    expect(items.map((i) => [i.amountCents, i.conditional])).toEqual([
      [100_000_00, false],
      [100_000_00, true],
    ]);
    expect((items[1]?.dueDate ?? '') > (items[0]?.dueDate ?? '')).toBe(true);
    firstItem = items[0]?.id ?? 0;
    const due = await listDueItems(ctxOf(db, admin));
    expect(due.items.map((i) => i.id)).toEqual([firstItem]);
  });

  it('re-checks an instalment condition on the current facts when the date has come', async () => {
    const later = new Date(Date.now() + 400 * 86_400_000);
    // The whole policy is re-decided on the facts of that day: keep the talent's certification valid then.
    await db.execute(
      sql`INSERT INTO certifications (district, talent_id, path, requested_tier, tier, status, submitted_by, valid_from, valid_to)
          VALUES ('wuxing', ${talentId}, 'catalogue', 'B', 'B', 'approved', 'test', '2020-01-01', '2040-12-31')`,
    );
    const ok = await listDueItems(ctxOf(db, admin, later));
    const second = ok.items.find((i) => i.instalment === 1);
    expect(second?.state).toBe('due');
    await db
      .update(talentFacts)
      .set({ value: 3 })
      .where(
        and(eq(talentFacts.talentId, talentId), eq(talentFacts.name, 'socialInsuranceContinuousMonths')),
      );
    const unmet = await listDueItems(ctxOf(db, admin, later));
    expect(unmet.items.find((i) => i.instalment === 1)?.state).toBe('condition_unmet');
    await db
      .update(talentFacts)
      .set({ value: 36 })
      .where(
        and(eq(talentFacts.talentId, talentId), eq(talentFacts.name, 'socialInsuranceContinuousMonths')),
      );
  });

  it('collects due items into a batch and exports the bank file as .csv and .xlsx', async () => {
    const batch = await createBatch(ctxOf(db, admin), {});
    batchId = batch.id;
    expect(batch.itemCount).toBe(1);
    expect(batch.total).toBe(100_000);
    // Nothing left to batch: the item is in this one.
    expect((await refusal(createBatch(ctxOf(db, admin), {}))).code).toBe('conflict');
    const csv = await exportBatch(ctxOf(db, admin), batchId, 'csv');
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('林晓');
    expect(text).toContain('100000.00');
    const xlsx = await exportBatch(ctxOf(db, admin), batchId, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.getWorksheet('payments')?.getRow(2).getCell(3).value).toBe('林晓');
  });

  it('marks a failed item, retries it in a later batch, pays it once and never twice', async () => {
    await markBatch(ctxOf(db, admin), batchId, {
      results: [{ itemId: firstItem, outcome: 'failed', reason: '账户信息有误' }],
    });
    const [failed] = await db.select().from(paymentItems).where(eq(paymentItems.id, firstItem));
    expect(failed?.status).toBe('failed');
    const retry = await createBatch(ctxOf(db, admin), { itemIds: [firstItem] });
    const before = await fund('housing_fund');
    await Promise.all([
      markBatch(ctxOf(db, admin), retry.id, { results: [{ itemId: firstItem, outcome: 'paid' }] }),
      markBatch(ctxOf(db, admin), retry.id, { results: [{ itemId: firstItem, outcome: 'paid' }] }),
    ]);
    // Marking the old batch paid now changes nothing: that entry already failed.
    await markBatch(ctxOf(db, admin), batchId, { results: [{ itemId: firstItem, outcome: 'paid' }] });
    const after = await fund('housing_fund');
    expect(after.paidCents - before.paidCents).toBe(100_000_00);
    const rows = await db.select().from(ledger).where(eq(ledger.paymentItemId, firstItem));
    expect(rows.map((r) => r.kind).sort()).toEqual(['fail', 'pay']);
    const view = await getBatch(ctxOf(db, admin), retry.id);
    expect(view.status).toBe('closed');
    expect(view.items.map((i) => i.outcome)).toEqual(['paid']);
    const [paid] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM payment_batch_items WHERE item_id = ${firstItem} AND outcome = 'paid'`,
    );
    expect(paid?.n).toBe(1);
  });
});

async function fund(code: string) {
  const [f] = await db
    .select()
    .from(funds)
    .where(and(eq(funds.district, 'wuxing'), eq(funds.code, code), eq(funds.year, year)));
  if (!f) throw new Error(`no fund ${code}`);
  return f;
}
