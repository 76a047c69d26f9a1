// The background job of a pack publish: re-decide every subject of the district under the new version,
// with progress (done / total) in matching_runs for the administrator.
import type { Db } from '../../db/client';
import { defineJob } from '../../jobs/queue';
import { findActivePack } from '../policies/pack-cache';
import { runDistrict } from './matching.decide';
import * as repo from './matching.repo';

export type RedecideDistrictJob = { district: string; packVersionId: number; runId: number };

/** Runs one queued "policy finds people" run; a run whose version was superseded meanwhile is skipped. */
export async function executeRun(db: Db, data: RedecideDistrictJob): Promise<void> {
  const active = await findActivePack(db, data.district);
  if (!active || active.versionId !== data.packVersionId) {
    await repo.updateRun(db, data.runId, {
      status: 'superseded',
      finishedAt: new Date(),
      error: 'a newer pack version was published before this run started',
    });
    return;
  }
  const total =
    (await repo.countTalents(db, data.district)) + (await repo.listEnterpriseIds(db, data.district)).length;
  await repo.updateRun(db, data.runId, { status: 'running', total, done: 0, startedAt: new Date() });
  try {
    await runDistrict(db, {
      district: data.district,
      pack: active.pack,
      packVersionId: active.versionId,
      onProgress: (p) => repo.addRunProgress(db, data.runId, p.done, p.newly, p.notified),
    });
    await repo.updateRun(db, data.runId, { status: 'done', finishedAt: new Date() });
  } catch (err) {
    await repo.updateRun(db, data.runId, {
      status: 'failed',
      finishedAt: new Date(),
      error: String((err as Error).message ?? err).slice(0, 1000),
    });
    throw err;
  }
}

export const redecideDistrictJob = defineJob<RedecideDistrictJob>(
  'matching-redecide-district',
  async (job, data) => {
    await executeRun(job.db, data);
  },
);
