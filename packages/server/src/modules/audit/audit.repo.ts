// The only SQL for the audit log. Rows are appended under an advisory lock so the hash chain stays linear
// across concurrent transactions and app instances.
import { and, asc, desc, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAudit = Omit<typeof auditLog.$inferInsert, 'seq' | 'prevHash' | 'hash'>;

const CHAIN_LOCK = 727_001;

/** Locks the chain for the rest of the transaction and returns the hash of its last row ('' when empty). */
export async function lockChainHead(tx: Db): Promise<string> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return last?.hash ?? '';
}

export async function insertAudit(
  tx: Db,
  row: NewAudit & { prevHash: string; hash: string },
): Promise<AuditRow> {
  const [inserted] = await tx.insert(auditLog).values(row).returning();
  if (!inserted) throw new Error('audit insert returned nothing');
  return inserted;
}

/** A page of the chain in ascending order after `afterSeq`. */
export function listAuditAsc(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}

/** A page of one district's rows, newest first, before `beforeSeq`. */
export function listAuditDesc(
  db: Db,
  district: string,
  beforeSeq: number | undefined,
  limit: number,
): Promise<AuditRow[]> {
  const where: SQL[] = [eq(auditLog.district, district)];
  if (beforeSeq !== undefined) where.push(lt(auditLog.seq, beforeSeq));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}
