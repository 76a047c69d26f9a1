// Demo start-up: decide every demo subject under its district's active pack (once per version), which also
// leaves the demo talent's inbox with the policies they qualify for.
import type { Db } from '../../db/client';
import { listDistricts } from '../identity/identity.repo';
import { findActivePack } from '../policies/pack-cache';
import { redecideDistrict } from './matching.decide';
import * as repo from './matching.repo';

/** Re-decides each district whose subjects are not all decided under its active version; returns subjects decided. */
export async function seedMatchingDemo(db: Db, now = new Date()): Promise<number> {
  let decided = 0;
  for (const { code } of await listDistricts(db)) {
    const active = await findActivePack(db, code);
    if (!active) continue;
    const total = (await repo.countTalents(db, code)) + (await repo.listEnterpriseIds(db, code)).length;
    const current = (await repo.subjectsPerVersion(db, code))
      .filter((v) => v.packVersionId === active.versionId)
      .reduce((n, v) => n + v.n, 0);
    if (current >= total) continue;
    decided += (await redecideDistrict(db, code, now))?.subjects ?? 0;
  }
  return decided;
}
