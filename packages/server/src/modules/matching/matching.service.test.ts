// 政策找人 against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): snapshots equal the
// engine's answer on both paths, the bulk facts equal loadTalentFacts, a profile change re-decides at
// once and notifies, 就高不重复 offers the higher, a whole-district run replaces everyone's version.
import { evaluateSubject, matchBulk } from '@rencai/engine';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { type Config, loadConfig } from '../../config';
import type { Ctx } from '../../ctx';
import { queryRows } from '../../db/client';
import { seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { listMyNotifications } from '../notifications/notifications.service';
import { findActivePack } from '../policies/pack-cache';
import { publishShippedPacks } from '../policies/policies.service';
import { loadTalentFacts } from '../talents/talents.facts';
import { redecideDistrict, redecideTalent, runDistrict } from './matching.decide';
import { buildTalent, setFacts } from './matching.fixtures';
import * as repo from './matching.repo';
import { myPolicies, policyCounts } from './matching.service';

let database: TestDatabase;
let config: Config;
const NOW = new Date('2025-06-01T04:00:00Z');
const DAY = '2025-06-01';
const D = 'wuxing';

const actorOf = async (username: string): Promise<Actor> => {
  const [row] = await queryRows<{ id: number; role: Actor['role']; district: string }>(
    database.db,
    sql`SELECT id::int AS id, role, district FROM accounts WHERE username = ${username}`,
  );
  if (!row) throw new Error(`no account ${username}`);
  return {
    accountId: row.id,
    username,
    displayName: username,
    role: row.role,
    district: row.district,
    departmentId: null,
  };
};

const ctxFor = (actor: Actor | null, lang: 'zh' | 'en' = 'zh'): Ctx => ({
  db: database.db,
  config,
  actor,
  district: D,
  lang,
  requestId: 'test',
  ip: '127.0.0.1',
  now: () => NOW,
  audited: { done: false },
});

/** A tier-C talent renting in the district, who also bought a flat: eligible for purchase and rent (group housing). */
const housingFacts = {
  socialInsuranceLocal: true,
  ownsHomeInDistrict: false,
  homePurchaseDate: '2025-03-01',
  purchasePrice: 2_400_000,
  rentsInDistrict: true,
  livesInTalentApartment: false,
  socialInsuranceContinuousMonths: 10,
};

const population = () => [
  {
    birthDate: '1995-03-01',
    facts: {
      degree: 'phd',
      graduationDate: '2023-07-01',
      socialInsuranceLocal: true,
      socialInsuranceMonths: 6,
    },
    employed: {},
  },
  {
    birthDate: '1995-03-01',
    facts: { degree: 'phd', graduationDate: '2023-07-01', socialInsuranceLocal: true },
    employed: {},
  },
  { birthDate: '1992-01-15', facts: housingFacts, employed: {}, tier: 'C' },
  { birthDate: '1980-05-01', facts: { degree: 'bachelor' } },
  {
    birthDate: '1999-09-09',
    facts: { degree: 'master', graduationDate: '2024-06-30', honours: ['provincial_craftsman'] },
    employed: { inDistrict: false },
  },
  { facts: {} },
];

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' });
  await seedDemo(database.db);
  await publishShippedPacks(database.db, config);
});
afterAll(async () => {
  await database.destroy();
});

describe('eligibility snapshots', () => {
  it('store exactly what evaluateSubject decides, on the per-subject and the bulk path alike', async () => {
    const active = await findActivePack(database.db, D);
    if (!active) throw new Error('wuxing not published');
    const ids: number[] = [];
    for (const spec of population()) ids.push(await buildTalent(database.db, { district: D, ...spec }));
    const perSubject = new Map<number, unknown>();
    for (const id of ids) {
      await redecideTalent(database.db, D, id, { now: NOW });
      const facts = await loadTalentFacts(database.db, id, NOW);
      const engine = evaluateSubject(active.pack, 'talent', facts ?? {}, DAY);
      const rows = await repo.listSnapshots(database.db, 'talent', id);
      const got = Object.fromEntries(rows.map((r) => [r.policyId, r.verdict]));
      const want = Object.fromEntries(
        engine.decisions.filter((d) => d.verdict !== 'ineligible').map((d) => [d.policyId, d.verdict]),
      );
      expect(got).toEqual(want);
      for (const d of engine.decisions.filter((x) => x.verdict === 'eligible')) {
        const row = rows.find((r) => r.policyId === d.policyId);
        expect(row?.amount).toBe(d.amount);
        expect(row?.chosen).toBe(d.exclusivity ? d.exclusivity.chosen : true);
      }
      for (const d of engine.decisions.filter((x) => x.verdict === 'unknown'))
        expect(rows.find((r) => r.policyId === d.policyId)?.missing).toEqual(d.missing);
      const subject = await repo.findSubject(database.db, 'talent', id);
      expect(subject?.packVersionId).toBe(active.versionId);
      expect(subject?.total).toBe(engine.total);
      perSubject.set(
        id,
        rows.map(({ decidedAt: _, ...r }) => r),
      );
    }
    // The whole-district run (matchBulk) writes the same rows.
    const result = await runDistrict(database.db, {
      district: D,
      pack: active.pack,
      packVersionId: active.versionId,
      now: NOW,
      pageSize: 4,
      kinds: ['talent'],
    });
    expect(result.subjects).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      const rows = (await repo.listSnapshots(database.db, 'talent', id)).map(({ decidedAt: _, ...r }) => r);
      expect(rows).toEqual(perSubject.get(id));
    }
  });

  it('load the same facts in bulk as loadTalentFacts does one by one', async () => {
    const active = await findActivePack(database.db, D);
    const schema = active?.pack.pack.schema ?? {};
    const page = await repo.loadTalentFactsPage(database.db, D, 0, 1000, DAY);
    expect(page.length).toBeGreaterThan(3);
    for (const row of page) {
      const one = (await loadTalentFacts(database.db, row.id, NOW)) ?? {};
      const engineFacts = (f: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(f).filter(([k]) => schema[k] !== undefined));
      expect(engineFacts(row.facts)).toEqual(engineFacts(one));
    }
    // …and matchBulk over them agrees with evaluateSubject on every verdict.
    const pack = active?.pack;
    if (!pack) throw new Error('no pack');
    for (const m of matchBulk(pack, page, DAY, { subject: 'talent', includeEmpty: true, missing: false })) {
      const facts = page.find((p) => p.id === m.id)?.facts ?? {};
      const engine = evaluateSubject(pack, 'talent', facts, DAY);
      const want = engine.decisions.filter((d) => d.verdict !== 'ineligible').map((d) => d.policyId);
      expect(m.matches.map((x) => x.policyId).sort()).toEqual(want.sort());
    }
  });
});

describe('re-deciding', () => {
  it('a profile change re-decides at once and notifies the newly offered policy once', async () => {
    const account = await actorOf(`talent.${D}`);
    await database.db.execute(
      sql`UPDATE talents SET account_id = NULL WHERE account_id = ${account.accountId}`,
    );
    const id = await buildTalent(database.db, {
      district: D,
      accountId: account.accountId,
      name: '林晓',
      birthDate: '1995-03-01',
      facts: { degree: 'phd', graduationDate: '2023-07-01', socialInsuranceLocal: true },
      employed: {},
    });
    const first = await redecideTalent(database.db, D, id, { now: NOW });
    expect(first?.snapshot.rows.find((r) => r.policyId === 'wuxing.living.phd')?.verdict).toBe('unknown');
    const mine = await myPolicies(ctxFor(account));
    const phd = mine.items.find((i) => i.policyId === 'wuxing.living.phd');
    expect(phd?.verdict).toBe('unknown');
    expect(phd?.missing.map((m) => m.name)).toEqual(['socialInsuranceMonths']);
    expect(phd?.missing[0]?.link).toBe('/profile#insurance');

    await setFacts(database.db, id, { socialInsuranceMonths: 6 });
    const second = await redecideTalent(database.db, D, id, { now: NOW });
    expect(second?.newlyEligible).toContain('wuxing.living.phd');
    const after = await myPolicies(ctxFor(account));
    const now = after.items.find((i) => i.policyId === 'wuxing.living.phd');
    expect(now?.verdict).toBe('eligible');
    expect(now?.amount).toBe(108_000);
    const inbox = await listMyNotifications(ctxFor(account), { unread: true, limit: 50 });
    const phdMessages = inbox.items.filter((n) => n.link === '/my-policies#wuxing.living.phd');
    expect(phdMessages).toHaveLength(1);
    expect(phdMessages[0]?.title).toContain('青年博士生活补贴');
    const outbox = await queryRows<{ status: string }>(
      database.db,
      sql`SELECT status FROM email_outbox WHERE account_id = ${account.accountId}`,
    );
    expect(outbox.length).toBeGreaterThanOrEqual(1);
    expect(outbox.every((o) => o.status === 'no_address')).toBe(true);

    // Deciding again changes nothing and sends nothing new.
    const third = await redecideTalent(database.db, D, id, { now: NOW });
    expect(third?.newlyEligible).toEqual([]);
    expect((await listMyNotifications(ctxFor(account), { unread: true, limit: 50 })).unread).toBe(
      inbox.unread,
    );

    // An ineligible policy says why, in words.
    const purchase = after.items.find((i) => i.policyId === 'wuxing.housing.purchase');
    expect(purchase?.verdict).not.toBe('eligible');
  });

  it('offers the higher of two policies of one exclusive group and shows what the other would give', async () => {
    const account = await actorOf(`talent.${D}`);
    await database.db.execute(
      sql`UPDATE talents SET account_id = NULL WHERE account_id = ${account.accountId}`,
    );
    const id = await buildTalent(database.db, {
      district: D,
      accountId: account.accountId,
      birthDate: '1992-01-15',
      facts: housingFacts,
      employed: {},
      tier: 'C',
    });
    await redecideTalent(database.db, D, id, { now: NOW });
    const mine = await myPolicies(ctxFor(account));
    const purchase = mine.items.find((i) => i.policyId === 'wuxing.housing.purchase');
    const rent = mine.items.find((i) => i.policyId === 'wuxing.housing.rent');
    expect(purchase?.verdict).toBe('eligible');
    expect(rent?.verdict).toBe('eligible');
    expect((purchase?.amount ?? 0) > (rent?.amount ?? 0)).toBe(true);
    expect(purchase?.exclusivity?.chosen).toBe(true);
    expect(rent?.exclusivity).toMatchObject({ chosen: false, displacedBy: 'wuxing.housing.purchase' });
    expect(purchase?.applyUrl).toBe('/applications/new?policy=wuxing.housing.purchase');
    expect(rent?.applyUrl).toBeNull();
    const group = mine.groups.find((g) => g.group === 'housing');
    expect(group?.chosen).toBe('wuxing.housing.purchase');
    expect(group?.members.find((m) => m.policyId === 'wuxing.housing.rent')?.amount).toBe(rent?.amount);
    // The total counts the chosen one only.
    const others = mine.items
      .filter((i) => i.verdict === 'eligible' && i.exclusivity?.chosen !== false)
      .reduce((n, i) => n + (i.amount ?? 0), 0);
    expect(mine.total).toBe(others);
  });

  it('a district run decides everyone and the counts per policy add up', async () => {
    const result = await redecideDistrict(database.db, D, NOW);
    expect(result?.subjects).toBeGreaterThan(5);
    const admin = await actorOf(`admin.${D}`);
    const counts = await policyCounts(ctxFor(admin));
    const phd = counts.items.find((i) => i.policyId === 'wuxing.living.phd');
    const [direct] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM eligibility_snapshots WHERE district = ${D}
          AND policy_id = 'wuxing.living.phd' AND verdict = 'eligible'`,
    );
    expect(phd?.eligible).toBe(direct?.n);
    expect(phd?.eligible).toBeGreaterThanOrEqual(2);
    expect(counts.subjects.olderVersions).toBe(0);
  });
});
