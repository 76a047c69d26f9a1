// The only SQL for import jobs (bulk import of talents from .xlsx).
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type ImportRowError, importJobs } from '../../db/schema';

export type ImportJobRow = typeof importJobs.$inferSelect;

export async function insertJob(db: Db, row: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [inserted] = await db.insert(importJobs).values(row).returning();
  if (!inserted) throw new Error('import job insert returned nothing');
  return inserted;
}

export async function findJob(db: Db, id: number): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
  return row;
}

/** The unfinished job for the same file and scope, to resume instead of starting again. */
export async function findUnfinishedJob(
  db: Db,
  district: string,
  sha256: string,
  enterpriseId: number | null,
): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(
      and(
        eq(importJobs.district, district),
        eq(importJobs.sha256, sha256),
        ne(importJobs.status, 'done'),
        enterpriseId === null
          ? sql`${importJobs.enterpriseId} IS NULL`
          : eq(importJobs.enterpriseId, enterpriseId),
      ),
    )
    .orderBy(desc(importJobs.id))
    .limit(1);
  return row;
}

/** Locks the job row for the rest of the transaction and returns it (one batch at a time per job). */
export async function lockJob(db: Db, id: number): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id)).for('update').limit(1);
  return row;
}

export async function setTotal(db: Db, id: number, totalRows: number): Promise<void> {
  await db.update(importJobs).set({ totalRows, updatedAt: sql`now()` }).where(eq(importJobs.id, id));
}

/** Advances the cursor with the batch's counts and errors (in the batch's transaction). */
export async function advanceJob(
  db: Db,
  id: number,
  a: { cursor: number; created: number; updated: number; errors: ImportRowError[] },
): Promise<ImportJobRow> {
  const [row] = await db
    .update(importJobs)
    .set({
      cursor: a.cursor,
      created: sql`${importJobs.created} + ${a.created}`,
      updated: sql`${importJobs.updated} + ${a.updated}`,
      failed: sql`${importJobs.failed} + ${a.errors.length ? new Set(a.errors.map((e) => e.row)).size : 0}`,
      errors: sql`${importJobs.errors} || ${JSON.stringify(a.errors)}::jsonb`,
      updatedAt: sql`now()`,
    })
    .where(eq(importJobs.id, id))
    .returning();
  if (!row) throw new Error(`import job ${id} vanished`);
  return row;
}

export async function finishJob(
  db: Db,
  id: number,
  status: 'done' | 'failed',
): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .update(importJobs)
    .set({ status, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(importJobs.id, id))
    .returning();
  return row;
}
