// The engine fact `inYouthReserve` (Wuchang §4 优秀青年人才储备库) comes from pool membership, not from
// the profile: the records module's loadTalentFacts calls this (see the services report for the line).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { reserveMembers } from '../../db/schema';

/** True while the talent has an active membership of the district's youth reserve pool. */
export async function isInYouthReserve(db: Db, talentId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: reserveMembers.id })
    .from(reserveMembers)
    .where(and(eq(reserveMembers.talentId, talentId), eq(reserveMembers.status, 'active')))
    .limit(1);
  return row !== undefined;
}
