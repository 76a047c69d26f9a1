// The only SQL for station consents (人才服务驿站 acting for a talent) and the station accounts they name.
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, stationConsents, talents } from '../../db/schema';

export type ConsentRow = typeof stationConsents.$inferSelect;

export async function insertConsent(
  tx: Db,
  row: Omit<typeof stationConsents.$inferInsert, 'id' | 'createdAt'>,
) {
  const [inserted] = await tx.insert(stationConsents).values(row).returning();
  if (!inserted) throw new Error('consent insert returned nothing');
  return inserted;
}

export async function findConsent(db: Db, id: number): Promise<ConsentRow | undefined> {
  const [row] = await db.select().from(stationConsents).where(eq(stationConsents.id, id)).limit(1);
  return row;
}

/** Revokes a consent that is not revoked yet; returns it when it changed. */
export async function revokeConsent(tx: Db, id: number, at: Date): Promise<ConsentRow | undefined> {
  const [row] = await tx
    .update(stationConsents)
    .set({ revokedAt: at })
    .where(and(eq(stationConsents.id, id), isNull(stationConsents.revokedAt)))
    .returning();
  return row;
}

/** Revokes every live consent of a talent to one station (a new grant replaces the old one). */
export async function revokeConsentsOf(tx: Db, talentId: number, stationAccountId: number, at: Date) {
  await tx
    .update(stationConsents)
    .set({ revokedAt: at })
    .where(
      and(
        eq(stationConsents.talentId, talentId),
        eq(stationConsents.stationAccountId, stationAccountId),
        isNull(stationConsents.revokedAt),
      ),
    );
}

/** The live consent of a talent to a station (not revoked, not expired), if any. */
export async function findLiveConsent(db: Db, talentId: number, stationAccountId: number, at: Date) {
  const [row] = await db
    .select()
    .from(stationConsents)
    .where(
      and(
        eq(stationConsents.talentId, talentId),
        eq(stationConsents.stationAccountId, stationAccountId),
        isNull(stationConsents.revokedAt),
        gt(stationConsents.expiresAt, at),
      ),
    )
    .orderBy(desc(stationConsents.id))
    .limit(1);
  return row;
}

export function listConsentsOfTalent(db: Db, talentId: number) {
  return db
    .select({
      consent: stationConsents,
      stationName: accounts.displayName,
      stationUsername: accounts.username,
    })
    .from(stationConsents)
    .innerJoin(accounts, eq(accounts.id, stationConsents.stationAccountId))
    .where(eq(stationConsents.talentId, talentId))
    .orderBy(desc(stationConsents.id));
}

/** Live consents given to a station, with the talents' names. */
export function listLiveConsentsOfStation(db: Db, stationAccountId: number, at: Date) {
  return db
    .select({ consent: stationConsents, talentName: talents.name })
    .from(stationConsents)
    .innerJoin(talents, eq(talents.id, stationConsents.talentId))
    .where(
      and(
        eq(stationConsents.stationAccountId, stationAccountId),
        isNull(stationConsents.revokedAt),
        gt(stationConsents.expiresAt, at),
      ),
    )
    .orderBy(desc(stationConsents.id));
}

/** The station accounts of a district (a talent picks one to consent to). */
export function listStationAccounts(db: Db, district: string) {
  return db
    .select({ id: accounts.id, username: accounts.username, displayName: accounts.displayName })
    .from(accounts)
    .where(and(eq(accounts.district, district), eq(accounts.role, 'station'), eq(accounts.status, 'active')));
}
