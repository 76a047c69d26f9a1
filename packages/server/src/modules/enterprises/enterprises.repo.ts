// The only SQL for enterprises (一企一册), their HR members and their register of talents.
import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  certifications,
  districts,
  employments,
  enterpriseMembers,
  enterprises,
  talents,
} from '../../db/schema';

export type EnterpriseRow = typeof enterprises.$inferSelect;

export async function districtExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db
    .select({ code: districts.code })
    .from(districts)
    .where(eq(districts.code, code))
    .limit(1);
  return row !== undefined;
}

export async function findEnterprise(db: Db, id: number): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id)).limit(1);
  return row;
}

export async function findEnterpriseByCreditCode(
  db: Db,
  district: string,
  creditCode: string,
): Promise<EnterpriseRow | undefined> {
  const [row] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.district, district), eq(enterprises.creditCode, creditCode)))
    .limit(1);
  return row;
}

export async function insertEnterprise(db: Db, row: typeof enterprises.$inferInsert): Promise<EnterpriseRow> {
  const [inserted] = await db.insert(enterprises).values(row).returning();
  if (!inserted) throw new Error('enterprise insert returned nothing');
  return inserted;
}

export async function updateEnterprise(
  db: Db,
  id: number,
  set: Partial<typeof enterprises.$inferInsert>,
): Promise<EnterpriseRow | undefined> {
  const [row] = await db
    .update(enterprises)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(enterprises.id, id))
    .returning();
  return row;
}

export type EnterpriseFilter = {
  q?: string | undefined;
  creditStatus?: string | undefined;
  whiteListed?: boolean | undefined;
  page: number;
  pageSize: number;
};

export async function listEnterprises(
  db: Db,
  district: string,
  f: EnterpriseFilter,
): Promise<{ rows: EnterpriseRow[]; total: number }> {
  const where = and(
    eq(enterprises.district, district),
    f.q
      ? or(ilike(enterprises.name, `%${f.q}%`), ilike(enterprises.creditCode, `${f.q.toUpperCase()}%`))
      : undefined,
    f.creditStatus ? eq(enterprises.creditStatus, f.creditStatus) : undefined,
    f.whiteListed === undefined ? undefined : eq(enterprises.whiteListed, f.whiteListed),
  );
  const rows = await db
    .select()
    .from(enterprises)
    .where(where)
    .orderBy(enterprises.name, enterprises.id)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(enterprises).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/** The enterprise an HR account acts for, if linked. */
export async function findMemberEnterpriseId(db: Db, accountId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: enterpriseMembers.enterpriseId })
    .from(enterpriseMembers)
    .where(eq(enterpriseMembers.accountId, accountId))
    .limit(1);
  return row?.id;
}

export async function linkMember(db: Db, accountId: number, enterpriseId: number): Promise<void> {
  await db.insert(enterpriseMembers).values({ accountId, enterpriseId }).onConflictDoNothing();
}

export type RegisterFilter = {
  status?: string | undefined;
  q?: string | undefined;
  tier?: string | undefined;
};

export type RegisterRow = {
  employmentId: number;
  talentId: number;
  name: string;
  idNumberEnc: string;
  phoneEnc: string | null;
  position: string | null;
  startDate: string | null;
  contractYears: number | null;
  status: string;
  requestedBy: string;
  createdAt: Date;
};

/** The employments of an enterprise with their talents (the register, 一企一册). */
export async function listRegister(db: Db, enterpriseId: number, f: RegisterFilter): Promise<RegisterRow[]> {
  return db
    .select({
      employmentId: employments.id,
      talentId: talents.id,
      name: talents.name,
      idNumberEnc: talents.idNumberEnc,
      phoneEnc: talents.phoneEnc,
      position: employments.position,
      startDate: employments.startDate,
      contractYears: employments.contractYears,
      status: employments.status,
      requestedBy: employments.requestedBy,
      createdAt: employments.createdAt,
    })
    .from(employments)
    .innerJoin(talents, eq(talents.id, employments.talentId))
    .where(
      and(
        eq(employments.enterpriseId, enterpriseId),
        f.status ? eq(employments.status, f.status) : inArray(employments.status, ['pending', 'confirmed']),
        f.q ? ilike(talents.name, `%${f.q}%`) : undefined,
      ),
    )
    .orderBy(desc(employments.id))
    .limit(5000);
}

export type CertificationSummary = {
  talentId: number;
  status: string;
  tier: string | null;
  validFrom: string | null;
  validTo: string | null;
};

/** The latest certification case of each talent (any status): the register's certification column. */
export async function latestCertifications(
  db: Db,
  talentIds: number[],
): Promise<Map<number, CertificationSummary>> {
  const out = new Map<number, CertificationSummary>();
  if (!talentIds.length) return out;
  const rows = await db
    .select({
      talentId: certifications.talentId,
      status: certifications.status,
      tier: certifications.tier,
      validFrom: certifications.validFrom,
      validTo: certifications.validTo,
    })
    .from(certifications)
    .where(inArray(certifications.talentId, talentIds))
    .orderBy(desc(certifications.submittedAt), desc(certifications.id));
  for (const r of rows) if (!out.has(r.talentId)) out.set(r.talentId, r);
  return out;
}
