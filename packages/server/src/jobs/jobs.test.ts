// pg-boss on the test database (PGlite through the executeSql adapter, or PostgreSQL): a queued
// "policy finds people" run is picked up by the worker and re-decides the district.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config';
import type { Ctx } from '../ctx';
import { queryRows } from '../db/client';
import * as identity from '../modules/identity/identity.repo';
import { buildTalent } from '../modules/matching/matching.fixtures';
import * as matchingRepo from '../modules/matching/matching.repo';
import { queueRun } from '../modules/matching/matching.service';
import { findActivePack } from '../modules/policies/pack-cache';
import { publishShippedPacks } from '../modules/policies/policies.service';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { executeSqlAdapter, type Jobs, startJobs } from './index';

let database: TestDatabase;
let config: Config;
let jobs: Jobs | undefined;
const D = 'wuxing';

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' });
  await identity.upsertDistrict(database.db, { code: D, name: { zh: '湖州市吴兴区', en: 'Wuxing' } });
  await publishShippedPacks(database.db, config);
});
afterAll(async () => {
  await jobs?.stop();
  await database.destroy();
});

it('the executeSql adapter runs one statement with parameters and several without', async () => {
  const adapter = executeSqlAdapter(database);
  expect((await adapter.executeSql('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
  const many = await adapter.executeSql(
    'CREATE TEMP TABLE t_adapter (x int); INSERT INTO t_adapter VALUES (7); SELECT x FROM t_adapter',
  );
  expect(many.rows).toEqual([{ x: 7 }]);
});

it('a run queued while pg-boss runs is done by its worker', async () => {
  jobs = await startJobs(database, config);
  const id = await buildTalent(database.db, {
    district: D,
    birthDate: '1995-03-01',
    facts: {
      degree: 'phd',
      graduationDate: '2023-07-01',
      socialInsuranceLocal: true,
      socialInsuranceMonths: 6,
    },
    employed: {},
  });
  const active = await findActivePack(database.db, D);
  const ctx: Ctx = {
    db: database.db,
    config,
    actor: null,
    district: D,
    lang: 'zh',
    requestId: 'test',
    ip: null,
    now: () => new Date(),
    audited: { done: false },
  };
  const queued = await queueRun(ctx, D, active?.versionId ?? 0, 'system');
  expect(queued.status).toBe('queued'); // handed to pg-boss, not run inline
  let status = queued.status as string;
  for (let i = 0; i < 600 && status !== 'done' && status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    [{ status } = { status }] = await queryRows<{ status: string }>(
      database.db,
      sql`SELECT status FROM matching_runs WHERE id = ${queued.id}`,
    );
  }
  expect(status).toBe('done');
  expect((await matchingRepo.findSubject(database.db, 'talent', id))?.packVersionId).toBe(active?.versionId);
  const rows = await matchingRepo.listSnapshots(database.db, 'talent', id);
  expect(rows.find((r) => r.policyId === 'wuxing.living.phd')?.verdict).toBe('eligible');
});
