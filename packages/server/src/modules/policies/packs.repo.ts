// The only SQL of the pack publishing screen: the district's versions with their policy counts.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { packVersions, policies } from '../../db/schema';

export { findVersionByHash } from './policies.repo';

export async function listVersions(db: Db, district: string) {
  const rows = await db
    .select({
      id: packVersions.id,
      version: packVersions.version,
      label: packVersions.label,
      status: packVersions.status,
      publishedAt: packVersions.publishedAt,
      publishedBy: packVersions.publishedBy,
      contentHash: packVersions.contentHash,
      policies: sql<number>`(SELECT count(*)::int FROM ${policies} WHERE ${policies.packVersionId} = ${packVersions.id})`,
    })
    .from(packVersions)
    .where(eq(packVersions.district, district))
    .orderBy(desc(packVersions.version));
  return rows.map((r) => ({ ...r, policies: Number(r.policies) }));
}
