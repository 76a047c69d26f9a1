// The only SQL of the demand module: demands and their Chinese search, applications, the shortage
// catalogue, talents' opt-in, and the few record facts the fit score reads.
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client';
import {
  demandApplications,
  demands,
  enterpriseMembers,
  enterprises,
  jobSeekers,
  shortageOccupations,
  talentFacts,
  talents,
} from '../../db/schema';

export type DemandRow = typeof demands.$inferSelect & { enterpriseName: string };
export type ShortageRow = typeof shortageOccupations.$inferSelect;
export type NewDemand = Omit<typeof demands.$inferInsert, 'id' | 'tsv' | 'createdAt' | 'updatedAt'>;

const demandColumns = {
  id: demands.id,
  district: demands.district,
  enterpriseId: demands.enterpriseId,
  title: demands.title,
  occupation: demands.occupation,
  headcount: demands.headcount,
  degree: demands.degree,
  major: demands.major,
  experienceYears: demands.experienceYears,
  salaryMin: demands.salaryMin,
  salaryMax: demands.salaryMax,
  location: demands.location,
  deadline: demands.deadline,
  description: demands.description,
  status: demands.status,
  reviewNote: demands.reviewNote,
  reviewedBy: demands.reviewedBy,
  reviewedAt: demands.reviewedAt,
  createdBy: demands.createdBy,
  bodySeg: demands.bodySeg,
  tsv: demands.tsv,
  createdAt: demands.createdAt,
  updatedAt: demands.updatedAt,
  enterpriseName: enterprises.name,
};

export async function findEnterpriseOf(db: Db, accountId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: enterpriseMembers.enterpriseId })
    .from(enterpriseMembers)
    .where(eq(enterpriseMembers.accountId, accountId))
    .limit(1);
  return row?.id;
}

export async function findTalentOf(
  db: Db,
  accountId: number,
): Promise<{ id: number; district: string } | undefined> {
  const [row] = await db
    .select({ id: talents.id, district: talents.district })
    .from(talents)
    .where(eq(talents.accountId, accountId))
    .limit(1);
  return row;
}

export async function insertDemand(tx: Db, row: NewDemand): Promise<number> {
  const [out] = await tx.insert(demands).values(row).returning({ id: demands.id });
  return (out as { id: number }).id;
}

export async function findDemand(db: Db, district: string, id: number): Promise<DemandRow | undefined> {
  const [row] = await db
    .select(demandColumns)
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .where(and(eq(demands.district, district), eq(demands.id, id)))
    .limit(1);
  return row;
}

export type DemandFilter = {
  district: string;
  statuses?: string[];
  enterpriseId?: number;
  occupation?: string;
  /** Query tokens (jieba `cut`), space-joined. */
  tokens?: string;
  openOn?: string;
  limit: number;
  offset: number;
};

function demandWhere(f: DemandFilter): SQL | undefined {
  const parts: SQL[] = [eq(demands.district, f.district)];
  if (f.statuses) parts.push(inArray(demands.status, f.statuses));
  if (f.enterpriseId !== undefined) parts.push(eq(demands.enterpriseId, f.enterpriseId));
  if (f.occupation) parts.push(eq(demands.occupation, f.occupation));
  if (f.openOn) parts.push(sql`(${demands.deadline} IS NULL OR ${demands.deadline} >= ${f.openOn}::date)`);
  if (f.tokens) {
    const terms = f.tokens.split(' ').filter(Boolean);
    if (terms.length > 0)
      parts.push(
        sql`${demands.tsv} @@ to_tsquery('simple', ${terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ')})`,
      );
  }
  return and(...parts);
}

export async function listDemands(db: Db, f: DemandFilter): Promise<{ rows: DemandRow[]; total: number }> {
  const where = demandWhere(f);
  const rows = await db
    .select(demandColumns)
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .where(where)
    .orderBy(desc(demands.createdAt), desc(demands.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(demands).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function setDemandStatus(
  tx: Db,
  id: number,
  from: string,
  to: string,
  review: { note: string | null; by: string; at: Date },
): Promise<boolean> {
  const rows = await tx
    .update(demands)
    .set({
      status: to,
      reviewNote: review.note,
      reviewedBy: review.by,
      reviewedAt: review.at,
      updatedAt: review.at,
    })
    .where(and(eq(demands.id, id), eq(demands.status, from)))
    .returning({ id: demands.id });
  return rows.length === 1;
}

/** The facts the fit score reads, for some talents. */
export async function seekerFacts(
  db: Db,
  talentIds: number[],
): Promise<Map<number, Record<string, unknown>>> {
  const out = new Map<number, Record<string, unknown>>();
  if (talentIds.length === 0) return out;
  const rows = await db
    .select({ talentId: talentFacts.talentId, name: talentFacts.name, value: talentFacts.value })
    .from(talentFacts)
    .where(
      and(
        inArray(talentFacts.talentId, talentIds),
        inArray(talentFacts.name, ['occupation', 'degree', 'major', 'graduationDate']),
      ),
    );
  for (const r of rows) {
    const facts = out.get(r.talentId) ?? {};
    facts[r.name] = r.value;
    out.set(r.talentId, facts);
  }
  return out;
}

export async function insertApplication(
  tx: Db,
  row: {
    district: string;
    demandId: number;
    talentId: number;
    score: number;
    reasons: unknown[];
    note: string | null;
  },
): Promise<number | undefined> {
  const rows = await tx
    .insert(demandApplications)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: demandApplications.id });
  return rows[0]?.id;
}

export function listApplicants(db: Db, demandId: number) {
  return db
    .select({
      id: demandApplications.id,
      talentId: demandApplications.talentId,
      name: talents.name,
      score: demandApplications.score,
      reasons: demandApplications.reasons,
      note: demandApplications.note,
      createdAt: demandApplications.createdAt,
    })
    .from(demandApplications)
    .innerJoin(talents, eq(talents.id, demandApplications.talentId))
    .where(eq(demandApplications.demandId, demandId))
    .orderBy(desc(demandApplications.score), demandApplications.createdAt);
}

export async function appliedDemandIds(db: Db, talentId: number): Promise<Set<number>> {
  const rows = await db
    .select({ id: demandApplications.demandId })
    .from(demandApplications)
    .where(eq(demandApplications.talentId, talentId));
  return new Set(rows.map((r) => r.id));
}

/** Opted-in talents of a district (at most `limit`), with their names. */
export function listOptedIn(db: Db, district: string, limit: number) {
  return db
    .select({ talentId: jobSeekers.talentId, name: talents.name })
    .from(jobSeekers)
    .innerJoin(talents, eq(talents.id, jobSeekers.talentId))
    .where(and(eq(jobSeekers.district, district), eq(jobSeekers.optedIn, true)))
    .limit(limit);
}

export async function findOptIn(db: Db, talentId: number): Promise<boolean> {
  const [row] = await db.select().from(jobSeekers).where(eq(jobSeekers.talentId, talentId)).limit(1);
  return row?.optedIn ?? false;
}

export async function saveOptIn(
  tx: Db,
  talentId: number,
  district: string,
  optedIn: boolean,
  at: Date,
): Promise<void> {
  await tx
    .insert(jobSeekers)
    .values({ talentId, district, optedIn, updatedAt: at })
    .onConflictDoUpdate({ target: jobSeekers.talentId, set: { optedIn, updatedAt: at } });
}

// ---------------------------------------------------------------- shortage catalogue

export function listShortage(db: Db, district: string, opts: { year?: number; publishedOnly: boolean }) {
  const parts: SQL[] = [eq(shortageOccupations.district, district)];
  if (opts.year !== undefined) parts.push(eq(shortageOccupations.year, opts.year));
  if (opts.publishedOnly) parts.push(eq(shortageOccupations.status, 'published'));
  return db
    .select()
    .from(shortageOccupations)
    .where(and(...parts))
    .orderBy(desc(shortageOccupations.year), shortageOccupations.occupation);
}

export async function upsertShortage(
  tx: Db,
  row: Omit<typeof shortageOccupations.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'status'> & {
    at: Date;
  },
): Promise<ShortageRow> {
  const { at, ...values } = row;
  const [out] = await tx
    .insert(shortageOccupations)
    .values({ ...values, status: 'draft', updatedAt: at })
    .onConflictDoUpdate({
      target: [shortageOccupations.district, shortageOccupations.year, shortageOccupations.occupation],
      set: {
        code: values.code ?? null,
        category: values.category ?? null,
        scarcity: values.scarcity,
        note: values.note ?? null,
        status: 'draft',
        updatedBy: values.updatedBy,
        updatedAt: at,
      },
    })
    .returning();
  return out as ShortageRow;
}

export async function findShortage(db: Db, district: string, id: number): Promise<ShortageRow | undefined> {
  const [row] = await db
    .select()
    .from(shortageOccupations)
    .where(and(eq(shortageOccupations.district, district), eq(shortageOccupations.id, id)))
    .limit(1);
  return row;
}

export async function updateShortage(
  tx: Db,
  id: number,
  set: Partial<Pick<ShortageRow, 'scarcity' | 'category' | 'code' | 'note' | 'occupation'>> & {
    updatedBy: string;
    updatedAt: Date;
  },
): Promise<ShortageRow | undefined> {
  const [row] = await tx
    .update(shortageOccupations)
    .set({ ...set, status: 'draft' })
    .where(eq(shortageOccupations.id, id))
    .returning();
  return row;
}

export async function publishShortageYear(
  tx: Db,
  district: string,
  year: number,
  by: string,
  at: Date,
): Promise<number> {
  const rows = await tx
    .update(shortageOccupations)
    .set({ status: 'published', updatedBy: by, updatedAt: at })
    .where(
      and(
        eq(shortageOccupations.district, district),
        eq(shortageOccupations.year, year),
        eq(shortageOccupations.status, 'draft'),
      ),
    )
    .returning({ id: shortageOccupations.id });
  return rows.length;
}

/** The scarcity of an occupation on the district's latest published catalogue, if it is on it. */
export async function publishedScarcity(
  db: Db,
  district: string,
  occupation: string,
): Promise<string | undefined> {
  const [row] = await queryRows<{ scarcity: string }>(
    db,
    sql`SELECT scarcity FROM shortage_occupations
      WHERE district = ${district} AND status = 'published' AND occupation = ${occupation}
        AND year = (SELECT max(year) FROM shortage_occupations WHERE district = ${district} AND status = 'published')
      LIMIT 1`,
  );
  return row?.scarcity;
}

/** The latest published catalogue of a district: occupation → scarcity. */
export async function publishedCatalogue(db: Db, district: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ occupation: string; scarcity: string }>(
    db,
    sql`SELECT occupation, scarcity FROM shortage_occupations
      WHERE district = ${district} AND status = 'published'
        AND year = (SELECT max(year) FROM shortage_occupations WHERE district = ${district} AND status = 'published')`,
  );
  return new Map(rows.map((r) => [r.occupation, r.scarcity]));
}
