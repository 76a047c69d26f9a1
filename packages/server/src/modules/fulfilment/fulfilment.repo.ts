// The only SQL for funds (yearly budgets), the ledger, payment items' disbursement and payment batches.
// A commitment is one conditional UPDATE: it either fits under the budget and returns the row, or returns
// nothing and the caller's transaction refuses the approval.
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds, grants, ledger, paymentBatches, paymentBatchItems, paymentItems } from '../../db/schema';

export type FundRow = typeof funds.$inferSelect;
export type LedgerRow = typeof ledger.$inferSelect;
export type BatchRow = typeof paymentBatches.$inferSelect;
export type NewLedger = Omit<typeof ledger.$inferInsert, 'id' | 'at'>;

export async function findFund(db: Db, district: string, code: string, year: number) {
  const [row] = await db
    .select()
    .from(funds)
    .where(and(eq(funds.district, district), eq(funds.code, code), eq(funds.year, year)))
    .limit(1);
  return row;
}

export async function findFundById(db: Db, id: number) {
  const [row] = await db.select().from(funds).where(eq(funds.id, id)).limit(1);
  return row;
}

export function listFunds(db: Db, district: string, year: number): Promise<FundRow[]> {
  return db
    .select()
    .from(funds)
    .where(and(eq(funds.district, district), eq(funds.year, year)))
    .orderBy(asc(funds.code));
}

/** Creates the fund's row for the year or sets its budget; refuses (undefined) a budget below what is committed. */
export async function upsertBudget(
  tx: Db,
  row: {
    district: string;
    code: string;
    year: number;
    nameZh: string;
    nameEn: string;
    budgetCents: number;
    by: string;
  },
): Promise<FundRow | undefined> {
  const [out] = await tx
    .insert(funds)
    .values({
      district: row.district,
      code: row.code,
      year: row.year,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      budgetCents: row.budgetCents,
      updatedBy: row.by,
    })
    .onConflictDoUpdate({
      target: [funds.district, funds.code, funds.year],
      set: { budgetCents: row.budgetCents, updatedBy: row.by, updatedAt: new Date() },
      setWhere: sql`${funds.committedCents} <= ${row.budgetCents}`,
    })
    .returning();
  return out;
}

/** Inserts a fund's budget for the year unless one is set (demo seeding); returns whether it inserted. */
export async function insertBudgetIfAbsent(
  tx: Db,
  row: {
    district: string;
    code: string;
    year: number;
    nameZh: string;
    nameEn: string;
    budgetCents: number;
    by: string;
  },
): Promise<boolean> {
  const out = await tx
    .insert(funds)
    .values({
      district: row.district,
      code: row.code,
      year: row.year,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      budgetCents: row.budgetCents,
      updatedBy: row.by,
    })
    .onConflictDoNothing()
    .returning({ id: funds.id });
  return out.length > 0;
}

/**
 * Commits an amount against a fund in one conditional UPDATE (the only way money is committed):
 * the row when it fits under the budget, undefined when it does not.
 */
export async function commitToFund(
  tx: Db,
  fundId: number,
  amountCents: number,
): Promise<FundRow | undefined> {
  const [row] = await tx
    .update(funds)
    .set({ committedCents: sql`${funds.committedCents} + ${amountCents}`, updatedAt: new Date() })
    .where(and(eq(funds.id, fundId), sql`${funds.committedCents} + ${amountCents} <= ${funds.budgetCents}`))
    .returning();
  return row;
}

/** Releases a commitment (what will not be paid). */
export async function releaseFromFund(tx: Db, fundId: number, amountCents: number): Promise<void> {
  await tx
    .update(funds)
    .set({ committedCents: sql`${funds.committedCents} - ${amountCents}`, updatedAt: new Date() })
    .where(eq(funds.id, fundId));
}

/** Records a payment against the fund (the commitment stays: committed counts paid and unpaid). */
export async function addPaid(tx: Db, fundId: number, amountCents: number): Promise<void> {
  await tx
    .update(funds)
    .set({ paidCents: sql`${funds.paidCents} + ${amountCents}`, updatedAt: new Date() })
    .where(eq(funds.id, fundId));
}

export async function insertLedger(tx: Db, rows: NewLedger[]): Promise<void> {
  if (rows.length) await tx.insert(ledger).values(rows);
}

export function listLedger(db: Db, district: string, limit: number, fundId?: number): Promise<LedgerRow[]> {
  const where = [eq(ledger.district, district)];
  if (fundId !== undefined) where.push(eq(ledger.fundId, fundId));
  return db
    .select()
    .from(ledger)
    .where(and(...where))
    .orderBy(desc(ledger.id))
    .limit(limit);
}

// ---------------------------------------------------------------- payment items and batches

export type ItemWithGrant = {
  item: typeof paymentItems.$inferSelect;
  grant: typeof grants.$inferSelect;
};

/** Items not yet paid whose date has come (scheduled, or failed in an earlier batch). */
export function listCandidateItems(db: Db, district: string, onOrBefore: string): Promise<ItemWithGrant[]> {
  return db
    .select({ item: paymentItems, grant: grants })
    .from(paymentItems)
    .innerJoin(grants, eq(grants.id, paymentItems.grantId))
    .where(
      and(
        eq(paymentItems.district, district),
        inArray(paymentItems.status, ['scheduled', 'failed']),
        lte(paymentItems.dueDate, onOrBefore),
      ),
    )
    .orderBy(asc(paymentItems.dueDate), asc(paymentItems.id))
    .limit(5000);
}

export function listItemsOfBatch(db: Db, batchId: number) {
  return db
    .select({ entry: paymentBatchItems, item: paymentItems, grant: grants })
    .from(paymentBatchItems)
    .innerJoin(paymentItems, eq(paymentItems.id, paymentBatchItems.itemId))
    .innerJoin(grants, eq(grants.id, paymentItems.grantId))
    .where(eq(paymentBatchItems.batchId, batchId))
    .orderBy(asc(paymentItems.id));
}

export async function insertBatch(
  tx: Db,
  row: { district: string; itemCount: number; totalCents: number; createdBy: string },
): Promise<BatchRow> {
  const [b] = await tx.insert(paymentBatches).values(row).returning();
  if (!b) throw new Error('batch insert returned nothing');
  return b;
}

export async function updateBatchTotals(tx: Db, id: number, itemCount: number, totalCents: number) {
  await tx.update(paymentBatches).set({ itemCount, totalCents }).where(eq(paymentBatches.id, id));
}

/** Moves items into a batch if they are still waiting (scheduled or failed); returns those it moved. */
export async function claimItemsForBatch(tx: Db, batchId: number, itemIds: number[]) {
  if (itemIds.length === 0) return [];
  const moved = await tx
    .update(paymentItems)
    .set({ status: 'in_batch', batchId, updatedAt: new Date() })
    .where(and(inArray(paymentItems.id, itemIds), inArray(paymentItems.status, ['scheduled', 'failed'])))
    .returning();
  if (moved.length)
    await tx
      .insert(paymentBatchItems)
      .values(moved.map((m) => ({ batchId, itemId: m.id, amountCents: m.amountCents })));
  return moved;
}

export async function findBatch(db: Db, id: number): Promise<BatchRow | undefined> {
  const [row] = await db.select().from(paymentBatches).where(eq(paymentBatches.id, id)).limit(1);
  return row;
}

export function listBatches(db: Db, district: string): Promise<BatchRow[]> {
  return db
    .select()
    .from(paymentBatches)
    .where(eq(paymentBatches.district, district))
    .orderBy(desc(paymentBatches.id))
    .limit(100);
}

/**
 * Marks one item of a batch paid or failed, only if it is still pending in that batch (so it is never
 * paid twice); returns the item when it changed.
 */
export async function markItem(
  tx: Db,
  batchId: number,
  itemId: number,
  outcome: 'paid' | 'failed',
  by: string,
  reason: string | null,
) {
  const [entry] = await tx
    .update(paymentBatchItems)
    .set({ outcome, reason, markedBy: by, markedAt: new Date() })
    .where(
      and(
        eq(paymentBatchItems.batchId, batchId),
        eq(paymentBatchItems.itemId, itemId),
        eq(paymentBatchItems.outcome, 'pending'),
      ),
    )
    .returning();
  if (!entry) return undefined;
  const [item] = await tx
    .update(paymentItems)
    .set({
      status: outcome,
      paidAt: outcome === 'paid' ? new Date() : null,
      failureReason: outcome === 'failed' ? reason : null,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(paymentItems.id, itemId),
        eq(paymentItems.status, 'in_batch'),
        eq(paymentItems.batchId, batchId),
      ),
    )
    .returning();
  return item;
}

export async function countPendingInBatch(tx: Db, batchId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(paymentBatchItems)
    .where(and(eq(paymentBatchItems.batchId, batchId), eq(paymentBatchItems.outcome, 'pending')));
  return Number(row?.n ?? 0);
}

export async function closeBatch(tx: Db, batchId: number): Promise<void> {
  await tx
    .update(paymentBatches)
    .set({ status: 'closed', closedAt: new Date() })
    .where(and(eq(paymentBatches.id, batchId), eq(paymentBatches.status, 'open')));
}
