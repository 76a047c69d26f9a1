// The only SQL for signing keys, talent codes, revocations and entitlement uses.
import { and, desc, eq, gt, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  certifications,
  providers,
  talentCodeKeys,
  talentCodeRevocations,
  talentCodes,
  talentCodeUses,
  talents,
} from '../../db/schema';

export type KeyRow = typeof talentCodeKeys.$inferSelect;
export type CodeRow = typeof talentCodes.$inferSelect;
export type UseRow = typeof talentCodeUses.$inferSelect;

// ------------------------------------------------------------------ keys

/** Keys that sign (active) or still verify (retired after `retiredAfter`). */
export function listPublishedKeys(db: Db, retiredAfter: Date): Promise<KeyRow[]> {
  return db
    .select()
    .from(talentCodeKeys)
    .where(
      or(
        eq(talentCodeKeys.status, 'active'),
        and(eq(talentCodeKeys.status, 'retired'), gt(talentCodeKeys.retiredAt, retiredAfter)),
      ),
    )
    .orderBy(desc(talentCodeKeys.createdAt));
}

/** Serialises key creation across instances for the rest of the transaction. */
export async function lockKeys(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727007, 1)`);
}

export async function findActiveKey(tx: Db, alg: string): Promise<KeyRow | undefined> {
  const [row] = await tx
    .select()
    .from(talentCodeKeys)
    .where(and(eq(talentCodeKeys.alg, alg), eq(talentCodeKeys.status, 'active')))
    .orderBy(desc(talentCodeKeys.createdAt))
    .limit(1);
  return row;
}

export async function retireActiveKeys(tx: Db, alg: string, at: Date): Promise<string[]> {
  const rows = await tx
    .update(talentCodeKeys)
    .set({ status: 'retired', retiredAt: at })
    .where(and(eq(talentCodeKeys.alg, alg), eq(talentCodeKeys.status, 'active')))
    .returning({ kid: talentCodeKeys.kid });
  return rows.map((r) => r.kid);
}

export async function insertKey(tx: Db, row: typeof talentCodeKeys.$inferInsert): Promise<KeyRow> {
  const [inserted] = await tx.insert(talentCodeKeys).values(row).returning();
  if (!inserted) throw new Error('key insert returned nothing');
  return inserted;
}

// ------------------------------------------------------------------ talents and codes

export type TalentOfAccount = { id: number; district: string; name: string };

export async function findTalentByAccount(db: Db, accountId: number): Promise<TalentOfAccount | undefined> {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, name: talents.name })
    .from(talents)
    .where(eq(talents.accountId, accountId))
    .limit(1);
  return row;
}

/** The talent's active code, or else their latest (revoked) one. */
export async function findCodeOfTalent(db: Db, talentId: number): Promise<CodeRow | undefined> {
  const [row] = await db
    .select()
    .from(talentCodes)
    .where(eq(talentCodes.talentId, talentId))
    .orderBy(sql`${talentCodes.status} = 'active' desc`, desc(talentCodes.id))
    .limit(1);
  return row;
}

/** Inserts the talent's code unless an active one exists (the partial unique index decides). */
export async function insertCodeIfAbsent(
  tx: Db,
  row: { district: string; talentId: number; code: string },
): Promise<CodeRow | undefined> {
  const [inserted] = await tx.insert(talentCodes).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findCode(db: Db, id: number): Promise<CodeRow | undefined> {
  const [row] = await db.select().from(talentCodes).where(eq(talentCodes.id, id)).limit(1);
  return row;
}

export type Holder = {
  codeId: number;
  code: string;
  status: string;
  talentId: number;
  district: string;
  name: string;
};

/** Who holds a public code id. */
export async function findHolder(db: Db, code: string): Promise<Holder | undefined> {
  const [row] = await db
    .select({
      codeId: talentCodes.id,
      code: talentCodes.code,
      status: talentCodes.status,
      talentId: talentCodes.talentId,
      district: talentCodes.district,
      name: talents.name,
    })
    .from(talentCodes)
    .innerJoin(talents, eq(talents.id, talentCodes.talentId))
    .where(eq(talentCodes.code, code))
    .limit(1);
  return row;
}

export type CodeListRow = CodeRow & { name: string; uses: number };

export function listCodes(db: Db, district: string, limit: number): Promise<CodeListRow[]> {
  return db
    .select({
      id: talentCodes.id,
      district: talentCodes.district,
      talentId: talentCodes.talentId,
      code: talentCodes.code,
      status: talentCodes.status,
      createdAt: talentCodes.createdAt,
      revokedAt: talentCodes.revokedAt,
      name: talents.name,
      uses: sql<number>`(select count(*)::int from ${talentCodeUses} u where u.code_id = ${talentCodes.id})`,
    })
    .from(talentCodes)
    .innerJoin(talents, eq(talents.id, talentCodes.talentId))
    .where(eq(talentCodes.district, district))
    .orderBy(desc(talentCodes.id))
    .limit(limit);
}

/** Marks an active code revoked; undefined when it was not active. */
export async function markRevoked(tx: Db, id: number, at: Date): Promise<CodeRow | undefined> {
  const [row] = await tx
    .update(talentCodes)
    .set({ status: 'revoked', revokedAt: at })
    .where(and(eq(talentCodes.id, id), eq(talentCodes.status, 'active')))
    .returning();
  return row;
}

export async function insertRevocation(
  tx: Db,
  row: typeof talentCodeRevocations.$inferInsert,
): Promise<void> {
  await tx.insert(talentCodeRevocations).values(row);
}

/** Revocations after a known id, oldest first (each instance reads only what is new). */
export function listRevocationsAfter(db: Db, afterId: number): Promise<{ id: number; code: string }[]> {
  return db
    .select({ id: talentCodeRevocations.id, code: talentCodeRevocations.code })
    .from(talentCodeRevocations)
    .where(gt(talentCodeRevocations.id, afterId))
    .orderBy(talentCodeRevocations.id);
}

export async function findRevocation(db: Db, codeId: number) {
  const [row] = await db
    .select()
    .from(talentCodeRevocations)
    .where(eq(talentCodeRevocations.codeId, codeId))
    .orderBy(desc(talentCodeRevocations.id))
    .limit(1);
  return row;
}

// ------------------------------------------------------------------ uses and quotas

/** Serialises uses of one talent's service for the rest of the transaction (so a quota is never overrun). */
export async function lockQuota(tx: Db, talentId: number, service: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${talentId}::int, hashtext(${service}))`);
}

export async function findUseByScan(
  tx: Db,
  providerId: number,
  service: string,
  scanKey: string,
): Promise<UseRow | undefined> {
  const [row] = await tx
    .select()
    .from(talentCodeUses)
    .where(
      and(
        eq(talentCodeUses.providerId, providerId),
        eq(talentCodeUses.service, service),
        eq(talentCodeUses.scanKey, scanKey),
      ),
    )
    .limit(1);
  return row;
}

export async function countUses(tx: Db, talentId: number, service: string, period: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(talentCodeUses)
    .where(
      and(
        eq(talentCodeUses.talentId, talentId),
        eq(talentCodeUses.service, service),
        eq(talentCodeUses.period, period),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Counts of a talent's uses per service and period, for the quotas left. */
export async function countUsesByPeriod(
  db: Db,
  talentId: number,
  periods: string[],
): Promise<Map<string, number>> {
  if (periods.length === 0) return new Map();
  const rows = await db
    .select({ service: talentCodeUses.service, period: talentCodeUses.period, n: sql<number>`count(*)::int` })
    .from(talentCodeUses)
    .where(and(eq(talentCodeUses.talentId, talentId), inArray(talentCodeUses.period, periods)))
    .groupBy(talentCodeUses.service, talentCodeUses.period);
  return new Map(rows.map((r) => [`${r.service}|${r.period}`, Number(r.n)]));
}

export async function insertUse(tx: Db, row: typeof talentCodeUses.$inferInsert): Promise<UseRow> {
  const [inserted] = await tx.insert(talentCodeUses).values(row).returning();
  if (!inserted) throw new Error('use insert returned nothing');
  return inserted;
}

export type UseWithProvider = UseRow & { providerNameZh: string; providerNameEn: string; talentName: string };

const useColumns = {
  id: talentCodeUses.id,
  district: talentCodeUses.district,
  codeId: talentCodeUses.codeId,
  talentId: talentCodeUses.talentId,
  providerId: talentCodeUses.providerId,
  service: talentCodeUses.service,
  tier: talentCodeUses.tier,
  period: talentCodeUses.period,
  scanKey: talentCodeUses.scanKey,
  recordedBy: talentCodeUses.recordedBy,
  createdAt: talentCodeUses.createdAt,
  providerNameZh: providers.nameZh,
  providerNameEn: providers.nameEn,
  talentName: talents.name,
};

export function listUses(
  db: Db,
  where: { talentId?: number; providerId?: number },
  limit: number,
): Promise<UseWithProvider[]> {
  return db
    .select(useColumns)
    .from(talentCodeUses)
    .innerJoin(providers, eq(providers.id, talentCodeUses.providerId))
    .innerJoin(talents, eq(talents.id, talentCodeUses.talentId))
    .where(
      where.talentId !== undefined
        ? eq(talentCodeUses.talentId, where.talentId)
        : eq(talentCodeUses.providerId, where.providerId ?? -1),
    )
    .orderBy(desc(talentCodeUses.id))
    .limit(limit);
}

/** Uses per provider and service in a district (the admin's table), busiest first. */
export function usageByProviderService(db: Db, district: string, since: Date | null) {
  return db
    .select({
      providerId: providers.id,
      providerNameZh: providers.nameZh,
      providerNameEn: providers.nameEn,
      kind: providers.kind,
      service: talentCodeUses.service,
      uses: sql<number>`count(*)::int`,
      talents: sql<number>`count(distinct ${talentCodeUses.talentId})::int`,
      lastAt: sql<Date>`max(${talentCodeUses.createdAt})`,
    })
    .from(talentCodeUses)
    .innerJoin(providers, eq(providers.id, talentCodeUses.providerId))
    .where(
      and(eq(talentCodeUses.district, district), since ? gt(talentCodeUses.createdAt, since) : undefined),
    )
    .groupBy(providers.id, providers.nameZh, providers.nameEn, providers.kind, talentCodeUses.service)
    .orderBy(sql`count(*) desc`, providers.id, talentCodeUses.service);
}

/** Talents with a certification valid on `day` and no code yet (active or revoked). */
export async function listCertifiedWithoutCode(
  db: Db,
  day: string,
): Promise<{ talentId: number; district: string }[]> {
  const rows = await db
    .selectDistinct({ talentId: certifications.talentId, district: certifications.district })
    .from(certifications)
    .where(
      and(
        eq(certifications.status, 'approved'),
        lte(certifications.validFrom, day),
        gte(certifications.validTo, day),
        sql`not exists (select 1 from ${talentCodes} tc where tc.talent_id = ${certifications.talentId})`,
      ),
    );
  return rows;
}
