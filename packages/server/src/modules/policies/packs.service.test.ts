// Pack publishing against a real database: the preview counts who gains and who loses on a crafted
// population and the cost per fund; publishing keeps old decisions on their version until the run
// re-decides everyone under the new one, and notifies the newly eligible.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { type Config, loadConfig } from '../../config';
import type { Ctx } from '../../ctx';
import { queryRows } from '../../db/client';
import { AppError } from '../../errors';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import * as identity from '../identity/identity.repo';
import { redecideDistrict } from '../matching/matching.decide';
import { buildTalent } from '../matching/matching.fixtures';
import * as matchingRepo from '../matching/matching.repo';
import { queueRun } from '../matching/matching.service';
import { findActivePack } from './pack-cache';
import { listPackVersions, previewPack, publishPackVersion } from './packs.service';
import { publishPack, publishShippedPacks, readPackDir } from './policies.service';

let database: TestDatabase;
let config: Config;
const D = 'wuxing';
const NOW = new Date('2025-06-01T04:00:00Z');
const root = path.resolve(import.meta.dirname, '../../../../..');
const admin: Actor = {
  accountId: 0,
  username: 'admin.test',
  displayName: 'admin',
  role: 'admin',
  district: D,
  departmentId: null,
};
const ctx = (actor: Actor = admin): Ctx => ({
  db: database.db,
  config,
  actor,
  district: D,
  lang: 'zh',
  requestId: 'test',
  ip: null,
  now: () => NOW,
  audited: { done: false },
});

/** packs/wuxing plus the e2e overlay (one new policy), minus the apartment policy (nobody's tests name it). */
function candidate(): Record<string, string> {
  const files = readPackDir(path.join(root, 'packs/wuxing'));
  const overlay = readPackDir(path.join(root, 'e2e/fixtures/wuxing-extra'));
  delete overlay['README.md'];
  delete files['policies/housing-apartment.yaml'];
  return { ...files, ...overlay };
}

const insured = { socialInsuranceLocal: true, socialInsuranceMonths: 24 };
const ids: Record<string, number> = {};
let accountA = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' });
  await identity.upsertDistrict(database.db, { code: D, name: { zh: '湖州市吴兴区', en: 'Wuxing' } });
  const inserted = await identity.insertAccountIfAbsent(database.db, {
    district: D,
    username: 'talent.a',
    displayName: 'A',
    role: 'talent',
    departmentId: null,
    passwordHash: 'x',
  });
  const [row] = await queryRows<{ id: number }>(
    database.db,
    sql`SELECT id::int AS id FROM accounts WHERE username = 'talent.a'`,
  );
  accountA = row?.id ?? 0;
  expect(inserted || accountA > 0).toBeTruthy();
  await publishShippedPacks(database.db, config);
  // A: a PhD working and insured here (gains the new policy). B: a master (no change).
  // C: tier C, renting, no home (eligible for the talent apartment, which the candidate drops).
  // E: a PhD not insured here (no change).
  ids.A = await buildTalent(database.db, {
    district: D,
    name: '甲博士',
    accountId: accountA,
    birthDate: '1985-01-01',
    facts: { degree: 'phd', ...insured },
    employed: {},
  });
  ids.B = await buildTalent(database.db, {
    district: D,
    name: '乙硕士',
    birthDate: '1990-01-01',
    facts: { degree: 'master', ...insured },
    employed: {},
  });
  ids.C = await buildTalent(database.db, {
    district: D,
    name: '丙人才',
    birthDate: '1992-01-15',
    facts: {
      socialInsuranceLocal: true,
      ownsHomeInDistrict: false,
      rentsInDistrict: true,
      livesInTalentApartment: false,
    },
    employed: {},
    tier: 'C',
  });
  ids.E = await buildTalent(database.db, {
    district: D,
    name: '丁博士',
    birthDate: '1985-01-01',
    facts: { degree: 'phd', socialInsuranceLocal: false },
    employed: {},
  });
  await redecideDistrict(database.db, D, NOW);
});
afterAll(async () => {
  await database.destroy();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('pack preview', () => {
  it('counts who gains and who loses on the current population, and the cost per fund', async () => {
    const preview = await previewPack(ctx(), { files: candidate() });
    expect(preview.population).toBe(8); // four talents and their four employers
    expect(preview.policiesAdded.map((p) => p.policyId)).toEqual(['wuxing.living.phd_settlement']);
    expect(preview.policiesRemoved.map((p) => p.policyId)).toEqual(['wuxing.housing.apartment']);
    expect(preview.gains.subjects).toBe(1);
    expect(preview.gains.sample).toEqual([{ name: '甲*士', policies: ['博士人才安家补贴'] }]);
    expect(preview.losses.subjects).toBe(1);
    expect(preview.losses.sample[0]?.name).toBe('丙*才');
    const added = preview.perPolicy.find((p) => p.policyId === 'wuxing.living.phd_settlement');
    expect(added).toMatchObject({ old: 0, next: 1, oldAmount: 0, nextAmount: 50_000 });
    const fund = preview.perFund.find((f) => f.fund === 'talent_fund');
    expect(fund?.change).toBe(50_000);
    // Nothing changed: the active version is still the first.
    expect((await findActivePack(database.db, D))?.version).toBe(1);
  });

  it('refuses an invalid pack with the file and line, and a failing test case by its sentence', async () => {
    const broken = {
      ...candidate(),
      'policies/phd-settlement.yaml': 'id: wuxing.living.phd_settlement\ntitle: [unclosed\n',
    };
    const bad = await refusal(previewPack(ctx(), { files: broken }));
    expect(bad.code).toBe('validation_failed');
    const issues = (bad.details as { issues: { file: string; line: number }[] }).issues;
    expect(issues.some((i) => i.file === 'policies/phd-settlement.yaml' && i.line >= 1)).toBe(true);

    const wrong = candidate();
    wrong['tests/settlement.yaml'] = (wrong['tests/settlement.yaml'] ?? '').replace(
      'amount: 50000',
      'amount: 60000',
    );
    const failed = await refusal(previewPack(ctx(), { files: wrong }));
    const failures = (failed.details as { failures: { name: string }[] }).failures;
    expect(failures.map((f) => f.name)).toEqual([
      'A PhD working and insured in the district gets the 50,000 yuan settling-in grant',
    ]);
  });

  it('takes a folder upload with its top folder, and refuses other roles', async () => {
    const nested = Object.fromEntries(Object.entries(candidate()).map(([k, v]) => [`wuxing-next/${k}`, v]));
    expect((await previewPack(ctx(), { files: nested })).gains.subjects).toBe(1);
    const talent: Actor = { ...admin, role: 'talent', username: 'talent.a' };
    expect((await refusal(previewPack(ctx(talent), { files: candidate() }))).code).toBe('forbidden');
  });
});

describe('pack publishing', () => {
  it('old decisions keep their version until the run re-decides everyone under the new one', async () => {
    const v1 = await findActivePack(database.db, D);
    await publishPack(ctx(), D, candidate());
    const v2 = await findActivePack(database.db, D);
    expect(v2?.version).toBe(2);
    for (const id of Object.values(ids))
      expect((await matchingRepo.findSubject(database.db, 'talent', id))?.packVersionId).toBe(v1?.versionId);
    const run = await queueRun(ctx(), D, v2?.versionId ?? 0, 'admin.test');
    expect(run).toMatchObject({ status: 'done', total: 8, done: 8, newlyEligible: 1, notified: 1 });
    for (const id of Object.values(ids))
      expect((await matchingRepo.findSubject(database.db, 'talent', id))?.packVersionId).toBe(v2?.versionId);
    const a = await matchingRepo.listSnapshots(database.db, 'talent', ids.A ?? 0);
    expect(a.find((r) => r.policyId === 'wuxing.living.phd_settlement')).toMatchObject({
      verdict: 'eligible',
      amount: 50_000,
    });
    const c = await matchingRepo.listSnapshots(database.db, 'talent', ids.C ?? 0);
    expect(c.find((r) => r.policyId === 'wuxing.housing.apartment')).toBeUndefined();
    const messages = await queryRows<{ link: string }>(
      database.db,
      sql`SELECT link FROM notifications WHERE account_id = ${accountA} AND kind = 'policy_eligible'`,
    );
    expect(messages.map((m) => m.link)).toContain('/my-policies#wuxing.living.phd_settlement');
  });

  it('publishes from the screen: audited, versioned, and the job has run', async () => {
    const files = readPackDir(path.join(root, 'packs/wuxing'));
    const result = await publishPackVersion(ctx(), { files });
    expect(result.version).toBe(3);
    expect(result.run.status).toBe('done');
    const versions = await listPackVersions(ctx());
    expect(versions.items.map((v) => [v.version, v.status])).toEqual([
      [3, 'active'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
    expect(versions.items[0]?.subjectsDecided).toBe(8);
    expect(versions.items[0]?.sameAs).toBeNull();
    const audit = await queryRows<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_log WHERE object = ${`pack:${D}@3`}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['pack.publish']);
    expect((await refusal(publishPackVersion(ctx(), { files }))).code).toBe('conflict');
    expect(fs.existsSync(path.join(root, 'packs/wuxing/pack.yaml'))).toBe(true);
  });
});
