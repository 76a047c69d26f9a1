// The only SQL of the youth reserve pool (优秀青年人才储备库): levels, memberships, their history.
import { and, asc, desc, eq, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  employments,
  enterpriseMembers,
  reserveHistory,
  reserveLevels,
  reserveMembers,
  talents,
} from '../../db/schema';

export type LevelRow = typeof reserveLevels.$inferSelect;
export type MemberRow = typeof reserveMembers.$inferSelect;
export type HistoryRow = typeof reserveHistory.$inferSelect;

export function listLevels(db: Db, district: string) {
  return db
    .select()
    .from(reserveLevels)
    .where(eq(reserveLevels.district, district))
    .orderBy(asc(reserveLevels.rank), asc(reserveLevels.id));
}

export async function findLevel(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(reserveLevels)
    .where(and(eq(reserveLevels.district, district), eq(reserveLevels.id, id)));
  return row;
}

export async function insertLevel(tx: Db, row: typeof reserveLevels.$inferInsert) {
  const [inserted] = await tx.insert(reserveLevels).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function updateLevel(tx: Db, id: number, changes: Partial<typeof reserveLevels.$inferInsert>) {
  const [row] = await tx.update(reserveLevels).set(changes).where(eq(reserveLevels.id, id)).returning();
  return row;
}

export async function insertMember(tx: Db, row: typeof reserveMembers.$inferInsert) {
  const [inserted] = await tx.insert(reserveMembers).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findMember(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(reserveMembers)
    .where(and(eq(reserveMembers.district, district), eq(reserveMembers.id, id)));
  return row;
}

/** The talent's active membership, if any. */
export async function findActiveMembership(db: Db, talentId: number) {
  const [row] = await db
    .select()
    .from(reserveMembers)
    .where(and(eq(reserveMembers.talentId, talentId), eq(reserveMembers.status, 'active')))
    .limit(1);
  return row;
}

export type MemberFilter = {
  status?: 'active' | 'exited' | undefined;
  levelId?: number | undefined;
  /** Only memberships whose review is due on or before this date. */
  dueBy?: string | undefined;
  nominatedBy?: string | undefined;
};

export function listMembers(db: Db, district: string, f: MemberFilter) {
  return db
    .select({ member: reserveMembers, name: talents.name })
    .from(reserveMembers)
    .innerJoin(talents, eq(talents.id, reserveMembers.talentId))
    .where(
      and(
        eq(reserveMembers.district, district),
        f.status ? eq(reserveMembers.status, f.status) : undefined,
        f.levelId ? eq(reserveMembers.levelId, f.levelId) : undefined,
        f.dueBy ? lte(reserveMembers.nextReviewDate, f.dueBy) : undefined,
        f.nominatedBy ? eq(reserveMembers.nominatedBy, f.nominatedBy) : undefined,
      ),
    )
    .orderBy(asc(reserveMembers.nextReviewDate), asc(reserveMembers.id));
}

/** Changes an active membership (level, next review, exit) with a conditional UPDATE. */
export async function updateActiveMember(
  tx: Db,
  id: number,
  changes: Partial<typeof reserveMembers.$inferInsert>,
) {
  const [row] = await tx
    .update(reserveMembers)
    .set(changes)
    .where(and(eq(reserveMembers.id, id), eq(reserveMembers.status, 'active')))
    .returning();
  return row;
}

export async function insertHistory(tx: Db, row: typeof reserveHistory.$inferInsert) {
  await tx.insert(reserveHistory).values(row);
}

/** Every change of every membership of a talent, oldest first. */
export function listHistoryOfTalent(db: Db, district: string, talentId: number) {
  return db
    .select()
    .from(reserveHistory)
    .where(and(eq(reserveHistory.district, district), eq(reserveHistory.talentId, talentId)))
    .orderBy(asc(reserveHistory.at), asc(reserveHistory.id));
}

export function listHistoryOfMember(db: Db, memberId: number) {
  return db
    .select()
    .from(reserveHistory)
    .where(eq(reserveHistory.memberId, memberId))
    .orderBy(desc(reserveHistory.at), desc(reserveHistory.id));
}

/** The enterprise an HR account acts for. */
export async function enterpriseOfAccount(db: Db, accountId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: enterpriseMembers.enterpriseId })
    .from(enterpriseMembers)
    .where(eq(enterpriseMembers.accountId, accountId));
  return row?.id;
}

/** Whether the talent's employment at the enterprise is confirmed. */
export async function employs(db: Db, enterpriseId: number, talentId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: employments.id })
    .from(employments)
    .where(
      and(
        eq(employments.enterpriseId, enterpriseId),
        eq(employments.talentId, talentId),
        eq(employments.status, 'confirmed'),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function findTalent(db: Db, district: string, talentId: number) {
  const [row] = await db
    .select({ id: talents.id, name: talents.name, accountId: talents.accountId })
    .from(talents)
    .where(and(eq(talents.district, district), eq(talents.id, talentId)));
  return row;
}

/** Talents of the district not in the pool now (candidates for entry by criteria), at most `limit`. */
export function listCandidates(db: Db, district: string, limit: number) {
  return db
    .select({ id: talents.id })
    .from(talents)
    .where(
      and(
        eq(talents.district, district),
        notExists(
          db
            .select({ one: sql`1` })
            .from(reserveMembers)
            .where(and(eq(reserveMembers.talentId, talents.id), eq(reserveMembers.status, 'active'))),
        ),
      ),
    )
    .orderBy(asc(talents.id))
    .limit(limit);
}
