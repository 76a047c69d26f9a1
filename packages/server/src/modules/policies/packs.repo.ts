// The only SQL of the pack publishing screen: the district's versions with their policy counts.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { packVersions } from '../../db/schema';

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
      // Qualified by hand: inside the subquery an unqualified `id` would be the policy's own.
      policies: sql<number>`(SELECT count(*)::int FROM policies p WHERE p.pack_version_id = pack_versions.id)`,
    })
    .from(packVersions)
    .where(eq(packVersions.district, district))
    .orderBy(desc(packVersions.version));
  return rows.map((r) => ({ ...r, policies: Number(r.policies) }));
}
