// The only SQL of the insights module: entered indicator values, the pre-aggregated series, the index,
// and the small chunked reads the background refresh makes over the base tables.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client';
import { aggregationIndex, indicatorActuals, insightRefreshes, insightSeries } from '../../db/schema';

export type ActualRow = typeof indicatorActuals.$inferSelect;
export type SeriesRow = {
  dataset: string;
  period: string;
  key: string;
  subKey: string;
  value: number;
  label?: string | null;
};

// ---------------------------------------------------------------- entered values

export async function insertActual(
  tx: Db,
  row: Omit<typeof indicatorActuals.$inferInsert, 'id' | 'enteredAt'> & { enteredAt: Date },
): Promise<ActualRow> {
  const [out] = await tx.insert(indicatorActuals).values(row).returning();
  return out as ActualRow;
}

/** Every entered value of one indicator, newest first. */
export function listActuals(db: Db, district: string, code: string): Promise<ActualRow[]> {
  return db
    .select()
    .from(indicatorActuals)
    .where(and(eq(indicatorActuals.district, district), eq(indicatorActuals.code, code)))
    .orderBy(desc(indicatorActuals.asOf), desc(indicatorActuals.id));
}

/** Every entered value of a district, oldest first (for the monthly series). */
export function listAllActuals(db: Db, district: string): Promise<ActualRow[]> {
  return db
    .select()
    .from(indicatorActuals)
    .where(eq(indicatorActuals.district, district))
    .orderBy(asc(indicatorActuals.code), asc(indicatorActuals.asOf), asc(indicatorActuals.id));
}

/** The latest entered value of each indicator of a district (by date described, then by entry). */
export async function latestActuals(db: Db, district: string): Promise<Map<string, ActualRow>> {
  const rows = await db
    .selectDistinctOn([indicatorActuals.code])
    .from(indicatorActuals)
    .where(eq(indicatorActuals.district, district))
    .orderBy(indicatorActuals.code, desc(indicatorActuals.asOf), desc(indicatorActuals.id));
  return new Map(rows.map((r) => [r.code, r]));
}

// ---------------------------------------------------------------- aggregates

export async function readSeries(db: Db, district: string, datasets: string[]): Promise<SeriesRow[]> {
  return db
    .select({
      dataset: insightSeries.dataset,
      period: insightSeries.period,
      key: insightSeries.key,
      subKey: insightSeries.subKey,
      value: insightSeries.value,
      label: insightSeries.label,
    })
    .from(insightSeries)
    .where(and(eq(insightSeries.district, district), inArray(insightSeries.dataset, datasets)));
}

/** Replaces one dataset of a district in one short transaction (readers see the old or the new, never half). */
export async function replaceDataset(
  db: Db,
  district: string,
  dataset: string,
  rows: Omit<SeriesRow, 'dataset'>[],
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(insightSeries)
      .where(and(eq(insightSeries.district, district), eq(insightSeries.dataset, dataset)));
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(insightSeries)
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, district, dataset, refreshedAt: at })));
    }
  });
}

export async function replaceIndex(
  db: Db,
  district: string,
  rows: { month: string; value: number; components: unknown[] }[],
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(aggregationIndex).where(eq(aggregationIndex.district, district));
    if (rows.length > 0)
      await tx.insert(aggregationIndex).values(rows.map((r) => ({ ...r, district, computedAt: at })));
  });
}

export function readIndex(db: Db, district: string) {
  return db
    .select()
    .from(aggregationIndex)
    .where(eq(aggregationIndex.district, district))
    .orderBy(asc(aggregationIndex.month));
}

/** What the dashboard depends on besides the aggregates: the newest entered actual (its id). */
export async function latestActualId(db: Db, district: string): Promise<number> {
  const [row] = await queryRows<{ id: number | null }>(
    db,
    sql`SELECT max(id)::int AS id FROM indicator_actuals WHERE district = ${district}`,
  );
  return Number(row?.id ?? 0);
}

export async function findRefresh(db: Db, district: string) {
  const [row] = await db.select().from(insightRefreshes).where(eq(insightRefreshes.district, district));
  return row;
}

export async function saveRefresh(db: Db, row: typeof insightRefreshes.$inferInsert): Promise<void> {
  await db
    .insert(insightRefreshes)
    .values(row)
    .onConflictDoUpdate({
      target: insightRefreshes.district,
      set: {
        startedAt: row.startedAt,
        finishedAt: row.finishedAt ?? null,
        durationMs: row.durationMs ?? null,
        steps: row.steps ?? 0,
        error: row.error ?? null,
      },
    });
}

// ---------------------------------------------------------------- base-table reads for the refresh

export async function listDistrictCodes(db: Db): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(db, sql`SELECT code FROM districts ORDER BY code`);
  return rows.map((r) => r.code);
}

/** Whether a table exists (other modules' tables may not be migrated in every build). */
export async function tableExists(db: Db, name: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(db, sql`SELECT to_regclass(${name}) IS NOT NULL AS ok`);
  return Boolean(row?.ok);
}

export type TalentGroupRow = {
  month: string;
  title: string | null;
  skill: string | null;
  employerType: string | null;
  industry: string | null;
  occupation: string | null;
  arrivalMonth: string | null;
  tier: string | null;
  certifiedMonth: string | null;
  n: number;
};

/** The highest talent id of a district (0 when it has none): the refresh walks ids up to it. */
export async function maxTalentId(db: Db, district: string): Promise<number> {
  const [row] = await queryRows<{ max: number | null }>(
    db,
    sql`SELECT max(id)::int AS max FROM talents WHERE district = ${district}`,
  );
  return Number(row?.max ?? 0);
}

/**
 * The talents of a district with ids in [lo, hi], grouped by what the dashboard counts: registration
 * month, title, skill level, employer type, industry (the fact, else the employer's), occupation, arrival
 * month, current tier and its month. Every table is read by an index range over the id window (no
 * per-row lookups), so a window of a few thousand ids stays a short query on PGlite.
 */
export function talentGroups(
  db: Db,
  district: string,
  lo: number,
  hi: number,
  today: string,
): Promise<TalentGroupRow[]> {
  return queryRows<TalentGroupRow>(
    db,
    sql`WITH t AS (
        SELECT id, created_at FROM talents WHERE district = ${district} AND id BETWEEN ${lo} AND ${hi}
      ), f AS (
        SELECT talent_id,
               max(value #>> '{}') FILTER (WHERE name = 'professionalTitle') AS title,
               max(value #>> '{}') FILTER (WHERE name = 'skillLevel') AS skill,
               max(value #>> '{}') FILTER (WHERE name = 'employerType') AS employer_type,
               max(value #>> '{}') FILTER (WHERE name = 'industry') AS industry,
               max(value #>> '{}') FILTER (WHERE name = 'occupation') AS occupation,
               max(value #>> '{}') FILTER (WHERE name = 'arrivalDate') AS arrival
          FROM talent_facts
         WHERE talent_id BETWEEN ${lo} AND ${hi}
           AND name IN ('professionalTitle', 'skillLevel', 'employerType', 'industry', 'occupation', 'arrivalDate')
         GROUP BY talent_id
      ), c AS (
        SELECT DISTINCT ON (talent_id) talent_id, tier, valid_from FROM certifications
         WHERE talent_id BETWEEN ${lo} AND ${hi} AND status = 'approved'
           AND valid_from <= ${today}::date AND valid_to >= ${today}::date
         ORDER BY talent_id, valid_from DESC, id DESC
      ), e AS (
        SELECT DISTINCT ON (em.talent_id) em.talent_id, en.industry
          FROM employments em JOIN enterprises en ON en.id = em.enterprise_id
         WHERE em.talent_id BETWEEN ${lo} AND ${hi} AND em.status = 'confirmed'
         ORDER BY em.talent_id, em.start_date DESC NULLS LAST, em.id DESC
      )
      SELECT to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             f.title, f.skill, f.employer_type AS "employerType",
             coalesce(f.industry, e.industry) AS industry, f.occupation,
             substr(f.arrival, 1, 7) AS "arrivalMonth",
             c.tier, to_char(c.valid_from, 'YYYY-MM') AS "certifiedMonth",
             count(*)::int AS n
        FROM t
        LEFT JOIN f ON f.talent_id = t.id
        LEFT JOIN c ON c.talent_id = t.id
        LEFT JOIN e ON e.talent_id = t.id
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  );
}

export type FundRow = {
  id: number;
  code: string;
  year: number;
  nameZh: string;
  nameEn: string;
  budget: number;
  committed: number;
  paid: number;
};

/** The district's fund budgets (claims module), in cents. */
export function fundRows(db: Db, district: string): Promise<FundRow[]> {
  return queryRows<FundRow>(
    db,
    sql`SELECT id::int AS id, code, year, name_zh AS "nameZh", name_en AS "nameEn",
        budget_cents::float8 AS budget, committed_cents::float8 AS committed, paid_cents::float8 AS paid
      FROM funds WHERE district = ${district} ORDER BY year, code`,
  );
}

/** Grants per fund and month: how many and how much (cents). */
export function grantsByFundMonth(db: Db, district: string) {
  return queryRows<{ fundId: number; month: string; n: number; amount: number }>(
    db,
    sql`SELECT fund_id::int AS "fundId", to_char(grant_date, 'YYYY-MM') AS month,
        count(*)::int AS n, sum(amount_cents)::float8 AS amount
      FROM grants WHERE district = ${district} GROUP BY 1, 2`,
  );
}

/** Paid instalments per fund and month (cents). */
export function paymentsByFundMonth(db: Db, district: string) {
  return queryRows<{ fundId: number; month: string; n: number; amount: number }>(
    db,
    sql`SELECT fund_id::int AS "fundId", to_char(paid_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
        count(*)::int AS n, sum(amount_cents)::float8 AS amount
      FROM payment_items WHERE district = ${district} AND status = 'paid' AND paid_at IS NOT NULL GROUP BY 1, 2`,
  );
}

/** Per review stage: its name and limit (working days), how many passed it and the mean days they took. */
export function stageTimes(db: Db, district: string) {
  return queryRows<{
    stageId: string;
    nameZh: string;
    nameEn: string;
    days: number;
    n: number;
    avgDays: number | null;
  }>(
    db,
    sql`WITH stages AS (
        SELECT DISTINCT ON (s->>'id') s->>'id' AS stage_id, s->'name'->>'zh' AS name_zh,
               s->'name'->>'en' AS name_en, (s->>'days')::int AS days
          FROM applications a, jsonb_array_elements(a.stages) s
         WHERE a.district = ${district}
         ORDER BY s->>'id', a.id DESC
      ), ev AS (
        SELECT e.stage_id, e.action, e.at,
               lag(e.at) OVER (PARTITION BY e.application_id ORDER BY e.id) AS prev
          FROM application_events e JOIN applications a ON a.id = e.application_id
         WHERE a.district = ${district}
      ), done AS (
        SELECT stage_id, count(*)::int AS n, avg(extract(epoch FROM at - prev) / 86400)::float8 AS avg_days
          FROM ev WHERE stage_id IS NOT NULL AND prev IS NOT NULL
           AND action IN ('stage_approved', 'approved', 'rejected', 'returned')
         GROUP BY stage_id
      )
      SELECT s.stage_id AS "stageId", s.name_zh AS "nameZh", s.name_en AS "nameEn", s.days,
             coalesce(d.n, 0)::int AS n, d.avg_days AS "avgDays"
        FROM stages s LEFT JOIN done d ON d.stage_id = s.stage_id
       ORDER BY s.stage_id`,
  );
}

/** Applications in review past their stage's deadline, per current stage. */
export function overdueByStage(db: Db, district: string, now: Date) {
  return queryRows<{ stageId: string; open: number; overdue: number }>(
    db,
    sql`SELECT stages -> current_stage ->> 'id' AS "stageId", count(*)::int AS open,
        count(*) FILTER (WHERE stage_due_at < ${now.toISOString()}::timestamptz)::int AS overdue
      FROM applications WHERE district = ${district} AND status = 'in_review' GROUP BY 1`,
  );
}

/** Open published demand (headcount) per occupation, and its scarcity on the published catalogue. */
export function demandByOccupation(db: Db, district: string, today: string) {
  return queryRows<{ occupation: string; headcount: number; posts: number }>(
    db,
    sql`SELECT occupation, sum(headcount)::int AS headcount, count(*)::int AS posts
      FROM demands WHERE district = ${district} AND status = 'published'
       AND (deadline IS NULL OR deadline >= ${today}::date)
     GROUP BY occupation`,
  );
}
