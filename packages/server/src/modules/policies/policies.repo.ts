// The only SQL for published pack versions and the policy library (filters, facets, Chinese search).
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { packVersions, policies } from '../../db/schema';

export type PackVersionRow = typeof packVersions.$inferSelect;
export type NewPolicyRow = Omit<typeof policies.$inferInsert, 'id' | 'tsv'>;

/** The version of a district's pack in force (the last published), without its files. */
export async function findActiveVersion(
  db: Db,
  district: string,
): Promise<{ id: number; version: number; label: string; contentHash: string } | undefined> {
  const [row] = await db
    .select({
      id: packVersions.id,
      version: packVersions.version,
      label: packVersions.label,
      contentHash: packVersions.contentHash,
    })
    .from(packVersions)
    .where(and(eq(packVersions.district, district), eq(packVersions.status, 'active')))
    .limit(1);
  return row;
}

export async function findVersionFiles(db: Db, id: number): Promise<Record<string, string> | undefined> {
  const [row] = await db
    .select({ files: packVersions.files })
    .from(packVersions)
    .where(eq(packVersions.id, id))
    .limit(1);
  return row?.files;
}

/** The newest version of a district with this content hash, if any was ever published. */
export async function findVersionByHash(
  db: Db,
  district: string,
  contentHash: string,
): Promise<PackVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(packVersions)
    .where(and(eq(packVersions.district, district), eq(packVersions.contentHash, contentHash)))
    .orderBy(desc(packVersions.version))
    .limit(1);
  return row;
}

/** Locks the district's publications for the rest of the transaction and returns the next version number. */
export async function nextVersionNumber(tx: Db, district: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727002, hashtext(${district}))`);
  const [row] = await tx
    .select({ max: sql<number | null>`max(${packVersions.version})::int` })
    .from(packVersions)
    .where(eq(packVersions.district, district));
  return (row?.max ?? 0) + 1;
}

export async function supersedeVersions(tx: Db, district: string): Promise<void> {
  await tx
    .update(packVersions)
    .set({ status: 'superseded' })
    .where(and(eq(packVersions.district, district), eq(packVersions.status, 'active')));
}

export async function insertVersion(
  tx: Db,
  row: Omit<typeof packVersions.$inferInsert, 'id' | 'status'>,
): Promise<PackVersionRow> {
  const [inserted] = await tx
    .insert(packVersions)
    .values({ ...row, status: 'active' })
    .returning();
  if (!inserted) throw new Error('pack version insert returned nothing');
  return inserted;
}

export async function insertPolicies(tx: Db, rows: NewPolicyRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(policies).values(rows);
}

export type PolicyFilter = {
  district: string;
  packVersionId: number;
  /** Space-joined query tokens (jieba `cut`); empty for no text search. */
  tokens: string;
  /** The raw query, for a title substring match that tokens can miss (e.g. 房补). */
  text: string;
  audience?: string | undefined;
  kind?: string | undefined;
  department?: string | undefined;
  grantMode?: string | undefined;
};

export type PolicyListRow = {
  policyId: string;
  audience: string;
  kind: string;
  departmentZh: string | null;
  departmentEn: string | null;
  titleZh: string;
  titleEn: string;
  summaryZh: string | null;
  summaryEn: string | null;
  grantMode: string;
  illustrative: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
  tags: string[];
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(f: PolicyFilter, skip?: 'audience' | 'kind'): SQL[] {
  const where: SQL[] = [eq(policies.district, f.district), eq(policies.packVersionId, f.packVersionId)];
  if (f.tokens || f.text) {
    const like = `%${escapeLike(f.text)}%`;
    where.push(
      sql`(${f.tokens ? sql`${policies.tsv} @@ plainto_tsquery('simple', ${f.tokens})` : sql`false`}
        OR ${policies.titleZh} ILIKE ${like} OR ${policies.titleEn} ILIKE ${like})`,
    );
  }
  if (f.audience && skip !== 'audience') where.push(eq(policies.audience, f.audience));
  if (f.kind && skip !== 'kind') where.push(eq(policies.kind, f.kind));
  if (f.department)
    where.push(
      sql`(${policies.departmentZh} = ${f.department} OR ${policies.departmentEn} = ${f.department})`,
    );
  if (f.grantMode) where.push(eq(policies.grantMode, f.grantMode));
  return where;
}

/** One page of matching policies, best match first (ts_rank), and the total count. */
export async function searchPolicies(
  db: Db,
  f: PolicyFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: PolicyListRow[]; total: number }> {
  const where = and(...conditions(f));
  const order = [policies.audience, policies.kind, policies.policyId];
  const rank = sql`ts_rank(${policies.tsv}, plainto_tsquery('simple', ${f.tokens})) DESC`;
  const rows = await db
    .select({
      policyId: policies.policyId,
      audience: policies.audience,
      kind: policies.kind,
      departmentZh: policies.departmentZh,
      departmentEn: policies.departmentEn,
      titleZh: policies.titleZh,
      titleEn: policies.titleEn,
      summaryZh: policies.summaryZh,
      summaryEn: policies.summaryEn,
      grantMode: policies.grantMode,
      illustrative: policies.illustrative,
      effectiveFrom: policies.effectiveFrom,
      effectiveTo: policies.effectiveTo,
      tags: policies.tags,
    })
    .from(policies)
    .where(where)
    .orderBy(...(f.tokens ? [rank, ...order] : order))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(policies).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Counts of matching policies by kind and by audience (each ignoring its own filter), and the departments. */
export async function policyFacets(db: Db, f: PolicyFilter) {
  const kinds = await db
    .select({ value: policies.kind, count: sql<number>`count(*)::int` })
    .from(policies)
    .where(and(...conditions(f, 'kind')))
    .groupBy(policies.kind)
    .orderBy(desc(sql`count(*)`), policies.kind);
  const audiences = await db
    .select({ value: policies.audience, count: sql<number>`count(*)::int` })
    .from(policies)
    .where(and(...conditions(f, 'audience')))
    .groupBy(policies.audience)
    .orderBy(policies.audience);
  const departments = await db
    .selectDistinct({ zh: policies.departmentZh, en: policies.departmentEn })
    .from(policies)
    .where(and(eq(policies.district, f.district), eq(policies.packVersionId, f.packVersionId)))
    .orderBy(policies.departmentZh);
  const num = (r: { value: string; count: number }) => ({ value: r.value, count: Number(r.count) });
  return { kinds: kinds.map(num), audiences: audiences.map(num), departments };
}
