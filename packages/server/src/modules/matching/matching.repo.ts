// The only SQL of matching (政策找人): subjects' facts in bulk, eligibility snapshots, runs, and the
// counts per policy the administrator reads.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  eligibilitySnapshots,
  eligibilitySubjects,
  enterpriseMembers,
  enterprises,
  matchingRuns,
  talents,
} from '../../db/schema';
import { publishedCatalogue } from '../demand/demand.repo';

export type SubjectKind = 'talent' | 'enterprise';
export type SnapshotRow = typeof eligibilitySnapshots.$inferSelect;
export type NewSnapshot = Omit<typeof eligibilitySnapshots.$inferInsert, 'decidedAt'>;
export type SubjectRow = typeof eligibilitySubjects.$inferSelect;
export type NewSubject = Omit<typeof eligibilitySubjects.$inferInsert, 'decidedAt'>;
export type RunRow = typeof matchingRuns.$inferSelect;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

// ---------------------------------------------------------------- who

export async function findTalentOfAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, name: talents.name })
    .from(talents)
    .where(eq(talents.accountId, accountId))
    .limit(1);
  return row;
}

export async function findEnterpriseOfAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({ id: enterprises.id, district: enterprises.district, name: enterprises.name })
    .from(enterpriseMembers)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseMembers.enterpriseId))
    .where(eq(enterpriseMembers.accountId, accountId))
    .limit(1);
  return row;
}

export async function findTalent(db: Db, talentId: number) {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, accountId: talents.accountId, name: talents.name })
    .from(talents)
    .where(eq(talents.id, talentId))
    .limit(1);
  return row;
}

export async function findEnterprise(db: Db, enterpriseId: number) {
  const [row] = await db
    .select({ id: enterprises.id, district: enterprises.district, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId))
    .limit(1);
  return row;
}

/** The HR accounts acting for an enterprise (its messages go to each). */
export async function enterpriseAccounts(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .select({ accountId: enterpriseMembers.accountId })
    .from(enterpriseMembers)
    .where(eq(enterpriseMembers.enterpriseId, enterpriseId));
  return rows.map((r) => r.accountId);
}

export async function countTalents(db: Db, district: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(talents)
    .where(eq(talents.district, district));
  return Number(row?.n ?? 0);
}

export async function listEnterpriseIds(db: Db, district: string): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.district, district))
    .orderBy(enterprises.id);
}

export type TalentFactRow = {
  id: number;
  accountId: number | null;
  name: string;
  facts: Record<string, unknown>;
};

/**
 * The engine facts of the next `limit` talents of a district after `afterId`, as of `day`, in one query:
 * the same derivation as loadTalentFacts (talents.facts.ts) — profile rows, the latest confirmed
 * employment, the current certification (or 'NONE'), youth-reserve membership and the shortage catalogue — set-based for "policy finds people" runs.
 */
export async function loadTalentFactsPage(
  db: Db,
  district: string,
  afterId: number,
  limit: number,
  day: string,
): Promise<TalentFactRow[]> {
  // One statement per page: the talents, their profile rows aggregated over the page's id range (an index
  // range scan), the latest confirmed employment and the current certification. JIT off: compiling this
  // plan costs more than running it.
  const query = sql`
    WITH page AS (
      SELECT id, account_id, name, birth_date, gender, id_kind FROM talents
      WHERE district = ${district} AND id > ${afterId} ORDER BY id LIMIT ${limit}
    ), profile AS (
      SELECT f.talent_id, jsonb_object_agg(f.name, f.value) AS facts FROM talent_facts f
      WHERE f.talent_id BETWEEN (SELECT min(id) FROM page) AND (SELECT max(id) FROM page)
      GROUP BY f.talent_id
    )
    SELECT t.id::int AS id, t.account_id::int AS "accountId", t.name, t.birth_date::text AS "birthDate",
      t.gender, t.id_kind AS "idKind", p.facts AS profile,
      job.registered_in_district AS "jobInDistrict", job.start_date::text AS "jobStart",
      job.contract_years AS "jobYears", job.industry AS "jobIndustry",
      cert.tier AS "certTier", cert.valid_from::text AS "certFrom",
      EXISTS (SELECT 1 FROM reserve_members rm WHERE rm.talent_id = t.id AND rm.status = 'active') AS "inReserve"
    FROM page t
    LEFT JOIN profile p ON p.talent_id = t.id
    LEFT JOIN LATERAL (
      SELECT e.registered_in_district, em.start_date, em.contract_years, e.industry
      FROM employments em JOIN enterprises e ON e.id = em.enterprise_id
      WHERE em.talent_id = t.id AND em.status = 'confirmed'
      ORDER BY em.start_date DESC, em.id DESC LIMIT 1
    ) job ON true
    LEFT JOIN LATERAL (
      SELECT c.tier, c.valid_from FROM certifications c
      WHERE c.talent_id = t.id AND c.status = 'approved' AND c.valid_from <= ${day}::date AND c.valid_to >= ${day}::date
      ORDER BY c.valid_from DESC, c.id DESC LIMIT 1
    ) cert ON true
    ORDER BY t.id`;
  const result = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(sql`SET LOCAL jit = off`);
    return tx.execute(query);
  });
  type Raw = {
    id: number;
    accountId: number | null;
    name: string;
    birthDate: string | null;
    gender: string | null;
    idKind: string;
    profile: Record<string, unknown> | string | null;
    jobInDistrict: boolean | null;
    jobStart: string | null;
    jobYears: number | null;
    jobIndustry: string | null;
    certTier: string | null;
    certFrom: string | null;
    inReserve: boolean;
  };
  const catalogue = await publishedCatalogue(db, district);
  return rowsOf<Raw>(result).map((r) => {
    const facts: Record<string, unknown> = {};
    if (r.birthDate) facts.birthDate = r.birthDate;
    if (r.gender) facts.gender = r.gender;
    facts.isForeigner = r.idKind === 'permanent_resident';
    const profile = typeof r.profile === 'string' ? JSON.parse(r.profile) : r.profile;
    if (profile) Object.assign(facts, profile);
    if (r.jobInDistrict !== null) {
      facts.employerInDistrict = r.jobInDistrict;
      if (r.jobStart) facts.employmentStartDate = r.jobStart;
      if (r.jobYears !== null) facts.contractYears = r.jobYears;
      if (facts.industry === undefined && r.jobIndustry) facts.industry = r.jobIndustry;
    }
    facts.inYouthReserve = r.inReserve === true;
    if (typeof facts.occupation === 'string' && facts.occupation.trim() !== '')
      facts.onShortageCatalogue = catalogue.has(facts.occupation.trim());
    facts.tier = r.certTier ?? 'NONE';
    if (r.certFrom) facts.tierCertifiedDate = r.certFrom;
    return {
      id: Number(r.id),
      accountId: r.accountId === null ? null : Number(r.accountId),
      name: r.name,
      facts,
    };
  });
}

// ---------------------------------------------------------------- snapshots

export async function findSubject(db: Db, kind: SubjectKind, id: number): Promise<SubjectRow | undefined> {
  const [row] = await db
    .select()
    .from(eligibilitySubjects)
    .where(and(eq(eligibilitySubjects.subjectKind, kind), eq(eligibilitySubjects.subjectId, id)))
    .limit(1);
  return row;
}

export async function listSnapshots(db: Db, kind: SubjectKind, id: number): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(eligibilitySnapshots)
    .where(and(eq(eligibilitySnapshots.subjectKind, kind), eq(eligibilitySnapshots.subjectId, id)))
    .orderBy(eligibilitySnapshots.policyId);
}

/** Per subject of the range, the policies it was eligible for and offered (chosen) before a re-decision. */
export async function offeredPolicies(
  db: Db,
  kind: SubjectKind,
  ids: number[],
): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (ids.length === 0) return out;
  const result = await db.execute(sql`
    SELECT subject_id::int AS id, policy_id AS "policyId" FROM eligibility_snapshots
    WHERE subject_kind = ${kind} AND subject_id = ANY(${`{${ids.join(',')}}`}::bigint[])
      AND verdict = 'eligible' AND chosen`);
  for (const r of rowsOf<{ id: number; policyId: string }>(result)) {
    const id = Number(r.id);
    const set = out.get(id) ?? new Set<string>();
    set.add(r.policyId);
    out.set(id, set);
  }
  return out;
}

/** Replaces the snapshot rows of these subjects and their subject rows (inside the caller's transaction). */
export async function replaceSnapshots(
  tx: Db,
  kind: SubjectKind,
  subjects: NewSubject[],
  rows: NewSnapshot[],
  at: Date,
): Promise<void> {
  if (subjects.length === 0) return;
  await tx.execute(sql`SET LOCAL jit = off`);
  const ids = `{${subjects.map((s) => s.subjectId).join(',')}}`;
  await tx.execute(
    sql`DELETE FROM eligibility_snapshots WHERE subject_kind = ${kind} AND subject_id = ANY(${ids}::bigint[])`,
  );
  const iso = at.toISOString();
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    const col = <K extends keyof NewSnapshot>(k: K) => part.map((r) => r[k] ?? null);
    // unnest of one array per column: one statement and eleven parameters for any number of rows.
    await tx.execute(sql`
      INSERT INTO eligibility_snapshots (subject_kind, subject_id, policy_id, district, pack_version_id, verdict,
        amount, schedule, missing, exclusivity_group, chosen, displaced_by, decided_at)
      SELECT ${kind}, u.subject_id, u.policy_id, u.district, u.pack_version_id, u.verdict, u.amount,
        u.schedule::jsonb, coalesce(string_to_array(u.missing, ','), '{}'::text[]), u.exclusivity_group, u.chosen, u.displaced_by, ${iso}::timestamptz
      FROM unnest(${pgArray(col('subjectId'))}::bigint[], ${pgArray(col('policyId'))}::text[],
        ${pgArray(col('district'))}::text[], ${pgArray(col('packVersionId'))}::bigint[],
        ${pgArray(col('verdict'))}::text[], ${pgArray(col('amount'))}::numeric[],
        ${pgArray(part.map((r) => (r.schedule ? JSON.stringify(r.schedule) : null)))}::text[],
        ${pgArray(part.map((r) => (r.missing?.length ? r.missing.join(',') : null)))}::text[],
        ${pgArray(col('exclusivityGroup'))}::text[], ${pgArray(col('chosen'))}::boolean[],
        ${pgArray(col('displacedBy'))}::text[])
        AS u(subject_id, policy_id, district, pack_version_id, verdict, amount, schedule, missing,
          exclusivity_group, chosen, displaced_by)`);
  }
  for (let i = 0; i < subjects.length; i += 20_000) {
    const part = subjects.slice(i, i + 20_000);
    await tx.execute(sql`
      INSERT INTO eligibility_subjects (subject_kind, subject_id, district, pack_version_id, total, total_complete, decided_at)
      SELECT ${kind}, u.subject_id, u.district, u.pack_version_id, u.total, u.total_complete, ${iso}::timestamptz
      FROM unnest(${pgArray(part.map((s) => s.subjectId))}::bigint[], ${pgArray(part.map((s) => s.district))}::text[],
        ${pgArray(part.map((s) => s.packVersionId))}::bigint[], ${pgArray(part.map((s) => s.total))}::numeric[],
        ${pgArray(part.map((s) => s.totalComplete))}::boolean[])
        AS u(subject_id, district, pack_version_id, total, total_complete)
      ON CONFLICT (subject_kind, subject_id) DO UPDATE SET district = excluded.district,
        pack_version_id = excluded.pack_version_id, total = excluded.total,
        total_complete = excluded.total_complete, decided_at = excluded.decided_at`);
  }
}

/** A PostgreSQL array literal of scalars (text form), passed as one parameter. */
function pgArray(values: readonly unknown[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

// ---------------------------------------------------------------- counts

export type PolicyCount = {
  policyId: string;
  eligible: number;
  offered: number;
  unknown: number;
  amount: number;
};

/** Per policy of a version: subjects eligible, eligible and offered (chosen), unknown, offered amount. */
export async function countsPerPolicy(
  db: Db,
  district: string,
  packVersionId: number,
): Promise<PolicyCount[]> {
  const result = await db.execute(sql`
    SELECT policy_id AS "policyId",
      count(*) FILTER (WHERE verdict = 'eligible')::int AS eligible,
      count(*) FILTER (WHERE verdict = 'eligible' AND chosen)::int AS offered,
      count(*) FILTER (WHERE verdict = 'unknown')::int AS unknown,
      coalesce(sum(amount) FILTER (WHERE verdict = 'eligible' AND chosen), 0)::float8 AS amount
    FROM eligibility_snapshots WHERE district = ${district} AND pack_version_id = ${packVersionId}
    GROUP BY policy_id`);
  return rowsOf<PolicyCount>(result).map((r) => ({
    policyId: r.policyId,
    eligible: Number(r.eligible),
    offered: Number(r.offered),
    unknown: Number(r.unknown),
    amount: Number(r.amount),
  }));
}

/** Subjects decided per pack version of a district (how far a run got, and what is still older). */
export async function subjectsPerVersion(db: Db, district: string) {
  const result = await db.execute(sql`
    SELECT pack_version_id::int AS "packVersionId", subject_kind AS kind, count(*)::int AS n
    FROM eligibility_subjects WHERE district = ${district} GROUP BY 1, 2 ORDER BY 1, 2`);
  return rowsOf<{ packVersionId: number; kind: SubjectKind; n: number }>(result).map((r) => ({
    packVersionId: Number(r.packVersionId),
    kind: r.kind,
    n: Number(r.n),
  }));
}

/**
 * Claims per policy from the claims module's tables (when they exist): applied = applications not
 * withdrawn, granted = grants (after review or 免申即享), paid = grants with at least one paid payment item.
 */
export async function claimCountsPerPolicy(
  db: Db,
  district: string,
): Promise<Map<string, { applied: number; granted: number; paid: number }> | undefined> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name IN ('applications', 'grants', 'payment_items')`),
  ).map((r) => r.name);
  if (!['applications', 'grants', 'payment_items'].every((t) => tables.includes(t))) return undefined;
  const result = await db.execute(sql`
    WITH applied AS (
      SELECT policy_id, count(*)::int AS n FROM applications
      WHERE district = ${district} AND status <> 'withdrawn' GROUP BY policy_id
    ), granted AS (
      SELECT g.policy_id, count(*)::int AS n,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM payment_items i WHERE i.grant_id = g.id AND i.status = 'paid'))::int AS paid
      FROM grants g WHERE g.district = ${district} GROUP BY g.policy_id
    )
    SELECT coalesce(a.policy_id, g.policy_id) AS "policyId", coalesce(a.n, 0) AS applied,
      coalesce(g.n, 0) AS granted, coalesce(g.paid, 0) AS paid
    FROM applied a FULL JOIN granted g ON g.policy_id = a.policy_id`);
  const out = new Map<string, { applied: number; granted: number; paid: number }>();
  for (const r of rowsOf<{ policyId: string; applied: number; granted: number; paid: number }>(result))
    out.set(r.policyId, { applied: Number(r.applied), granted: Number(r.granted), paid: Number(r.paid) });
  return out;
}

// ---------------------------------------------------------------- runs

export async function insertRun(
  tx: Db,
  row: { district: string; packVersionId: number; requestedBy: string },
): Promise<RunRow> {
  const [inserted] = await tx.insert(matchingRuns).values(row).returning();
  if (!inserted) throw new Error('run insert returned nothing');
  return inserted;
}

export async function updateRun(db: Db, id: number, change: Partial<Omit<RunRow, 'id'>>): Promise<void> {
  await db.update(matchingRuns).set(change).where(eq(matchingRuns.id, id));
}

export async function addRunProgress(db: Db, id: number, done: number, newly: number, notified: number) {
  await db
    .update(matchingRuns)
    .set({
      done: sql`${matchingRuns.done} + ${done}`,
      newlyEligible: sql`${matchingRuns.newlyEligible} + ${newly}`,
      notified: sql`${matchingRuns.notified} + ${notified}`,
    })
    .where(eq(matchingRuns.id, id));
}

export async function findRun(db: Db, district: string, id: number): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(matchingRuns)
    .where(and(eq(matchingRuns.district, district), eq(matchingRuns.id, id)))
    .limit(1);
  return row;
}

export async function listRuns(db: Db, district: string, limit: number): Promise<RunRow[]> {
  return db
    .select()
    .from(matchingRuns)
    .where(eq(matchingRuns.district, district))
    .orderBy(desc(matchingRuns.id))
    .limit(limit);
}
