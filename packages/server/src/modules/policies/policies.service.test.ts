// The policy library against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): publishing
// the shipped packs, Chinese search, plain-language pages and the calculator's verdicts.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { type Config, loadConfig } from '../../config';
import type { Ctx } from '../../ctx';
import { queryRows } from '../../db/client';
import { AppError } from '../../errors';
import type { Lang } from '../../i18n';
import { seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import {
  calculate,
  getPolicy,
  listPolicies,
  listQuestions,
  publishPack,
  publishShippedPacks,
  readPackDir,
} from './policies.service';

let database: TestDatabase;
let config: Config;
const DATE = '2025-06-01';

function ctxFor(district: string, lang: Lang = 'zh', actor: Actor | null = null): Ctx {
  return {
    db: database.db,
    config,
    actor,
    district,
    lang,
    requestId: 'test',
    ip: '127.0.0.1',
    now: () => new Date(`${DATE}T04:00:00Z`),
    audited: { done: false },
  };
}

const admin = (district: string): Actor => ({
  accountId: 1,
  username: `admin.${district}`,
  displayName: 'admin',
  role: 'admin',
  district,
  departmentId: null,
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const ids = (r: { items: { policyId: string }[] }) => r.items.map((i) => i.policyId);

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig({ LOG_LEVEL: 'silent' });
  await seedDemo(database.db);
  await publishShippedPacks(database.db, config);
});
afterAll(() => database.destroy());

describe('publishing the shipped packs', () => {
  it('stores each district as version 1 with its policies and an audit row, once', async () => {
    const versions = await queryRows<{ district: string; version: number; status: string; n: number }>(
      database.db,
      sql`SELECT v.district, v.version, v.status::text AS status, count(p.id)::int AS n
          FROM pack_versions v JOIN policies p ON p.pack_version_id = v.id
          GROUP BY v.district, v.version, v.status ORDER BY v.district`,
    );
    expect(versions.map((v) => v.district)).toEqual(['chaoyang', 'horinger', 'jingan', 'wuchang', 'wuxing']);
    for (const v of versions) {
      expect(v).toMatchObject({ version: 1, status: 'active' });
      expect(v.n).toBeGreaterThanOrEqual(12);
    }
    const again = await publishShippedPacks(database.db, config);
    expect(again.every((r) => !r.published)).toBe(true);
    const audit = await queryRows<{ object: string; actor: string }>(
      database.db,
      sql`SELECT object, actor FROM audit_log WHERE action = 'pack.publish' ORDER BY seq`,
    );
    expect(audit).toHaveLength(5);
    expect(audit[0]).toMatchObject({ actor: 'system' });
  });
});

describe('searching the library', () => {
  it('finds the home-purchase subsidy first for 购房', async () => {
    const r = await listPolicies(ctxFor('wuxing'), { q: '购房', page: 1, pageSize: 10 });
    expect(ids(r)[0]).toBe('wuxing.housing.purchase');
    expect(r.items[0]).toMatchObject({ automatic: false, illustrative: true, audience: 'talent' });
    expect(r.items[0]?.amountText).toMatch(/万元/);
  });

  it('finds the PhD and postdoc allowances for 博士', async () => {
    const r = await listPolicies(ctxFor('wuxing'), { q: '博士', page: 1, pageSize: 10 });
    expect(ids(r)).toEqual(expect.arrayContaining(['wuxing.living.phd', 'wuxing.living.postdoc']));
  });

  it('filters 免申即享 (granted without application), by query or by grant mode', async () => {
    const byMode = await listPolicies(ctxFor('wuxing'), { grantMode: 'automatic', page: 1, pageSize: 50 });
    expect(byMode.total).toBeGreaterThanOrEqual(2);
    expect(byMode.items.every((i) => i.automatic && i.tags.includes('automatic'))).toBe(true);
    expect(ids(byMode)).toContain('wuxing.living.phd');
    const byWords = await listPolicies(ctxFor('wuxing'), { q: '免申即享', page: 1, pageSize: 50 });
    expect(ids(byWords).sort()).toEqual(ids(byMode).sort());
  });

  it('combines filters, counts facets and pages', async () => {
    const all = await listPolicies(ctxFor('wuxing'), { page: 1, pageSize: 50 });
    expect(all.total).toBe(19);
    expect(all.facets.audiences.reduce((n, a) => n + a.count, 0)).toBe(19);
    expect(all.facets.kinds.reduce((n, k) => n + k.count, 0)).toBe(19);
    const housing = all.facets.kinds.find((k) => k.value === 'housing');
    expect(housing).toMatchObject({ label: '购房补贴' });
    const enterprise = await listPolicies(ctxFor('wuxing'), {
      audience: 'enterprise',
      page: 1,
      pageSize: 50,
    });
    expect(enterprise.items.every((i) => i.audience === 'enterprise')).toBe(true);
    // the audience facet ignores its own filter, so the other audience stays countable
    expect(enterprise.facets.audiences.map((a) => a.value).sort()).toEqual(['enterprise', 'talent']);
    const page2 = await listPolicies(ctxFor('wuxing'), { page: 2, pageSize: 5 });
    expect(page2.items).toHaveLength(5);
    expect(ids(page2)).not.toContain(ids(await listPolicies(ctxFor('wuxing'), { page: 1, pageSize: 5 }))[0]);
    const department = all.items[0]?.department as string;
    const byDept = await listPolicies(ctxFor('wuxing'), { department, page: 1, pageSize: 50 });
    expect(byDept.items.every((i) => i.department === department)).toBe(true);
  });

  it('answers nothing for words no policy contains, and English words in English', async () => {
    const none = await listPolicies(ctxFor('wuxing'), { q: '火星移民', page: 1, pageSize: 10 });
    expect(none).toMatchObject({ total: 0, items: [] });
    const en = await listPolicies(ctxFor('wuxing', 'en'), { q: 'purchase subsidy', page: 1, pageSize: 10 });
    expect(en.items[0]).toMatchObject({ policyId: 'wuxing.housing.purchase' });
    expect(en.items[0]?.title).toMatch(/^Home-purchase subsidy/);
  });

  it("searches only the caller's district", async () => {
    const r = await listPolicies(ctxFor('jingan'), { q: '购房', page: 1, pageSize: 50 });
    expect(r.items.every((i) => i.policyId.startsWith('jingan.'))).toBe(true);
  });
});

describe('a policy page', () => {
  it('explains conditions, amount, schedule, materials, review and 就高不重复', async () => {
    const p = await getPolicy(ctxFor('wuxing'), 'wuxing.housing.purchase');
    expect(p.title).toBe('人才购房补贴（提前预支）');
    expect(p.reference).toMatchObject({ id: 'plan', article: '§七(三)' });
    expect(p.reference?.title).toContain('吴兴区人才发展');
    expect(p.conditions.text).toBe('同时满足以下全部条件');
    expect(p.conditions.children?.map((c) => c.text)).toContain('年龄不超过45周岁');
    expect(p.amountText).toContain('扣除已领取的「人才租房补贴（免申即享）」');
    expect(p.schedule.map((s) => s.text)).toEqual([
      '批准时发放 50%',
      '12 个月后发放 50%（条件：连续缴纳社保满12个月）',
    ]);
    expect(p.materials.length).toBeGreaterThan(0);
    expect(p.reviewStages.map((s) => s.id)).toEqual(['employer', 'department', 'office']);
    expect(p.exclusivity).toMatchObject({
      group: 'housing',
      resolution: 'highest',
      members: [{ policyId: 'wuxing.housing.rent' }],
    });
    expect(p.exclusivity?.name).toContain('就高不重复');
    expect(p.exclusivity?.resolutionText).toBe('符合多项时只享受金额最高的一项，不重复享受');
    expect(p).toMatchObject({ grantMode: 'apply', automatic: false, illustrative: true, inForce: true });
  });

  it('speaks English to an English reader', async () => {
    const p = await getPolicy(ctxFor('wuxing', 'en'), 'wuxing.living.phd');
    expect(p.title).toMatch(/young PhDs/);
    expect(p.conditions.text).toBe('all of the following');
    expect(p.amountText).toMatch(/^CNY [\d,]+ a month for \d+ months/);
    expect(p.automatic).toBe(true);
  });

  it('is not_found for an unknown policy or a district with nothing published', async () => {
    expect((await refusal(getPolicy(ctxFor('wuxing'), 'wuxing.nope'))).code).toBe('not_found');
    expect((await refusal(listPolicies(ctxFor('atlantis'), { page: 1, pageSize: 10 }))).code).toBe(
      'not_found',
    );
  });
});

describe('the calculator', () => {
  const phd = {
    degree: 'phd',
    birthDate: '1994-03-01',
    graduationDate: '2023-06-30',
    employerInDistrict: true,
    socialInsuranceLocal: true,
    socialInsuranceMonths: 12,
  };

  it('asks the most used facts first, and a chosen policy’s facts before all', async () => {
    const q = await listQuestions(ctxFor('wuxing'), { audience: 'talent', limit: 15 });
    expect(q.items).toHaveLength(15);
    expect(q.items.slice(0, 3).map((i) => i.name)).toContain('employerInDistrict');
    const tier = q.items.find((i) => i.name === 'tier');
    expect(tier?.values?.map((v) => v.value)).toContain('NONE');
    expect(tier?.values?.[0]?.label).not.toBe('A');
    const counts = q.items.map((i) => i.policyCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const forPurchase = await listQuestions(ctxFor('wuxing'), {
      audience: 'talent',
      policyId: 'wuxing.housing.purchase',
      limit: 5,
    });
    expect(forPurchase.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['homePurchaseDate', 'purchasePrice', 'birthDate', 'tier']),
    );
    expect(forPurchase.items.map((i) => i.name)).not.toContain('age');
    const enterprise = await listQuestions(ctxFor('wuxing'), { audience: 'enterprise', limit: 15 });
    expect(enterprise.items.map((i) => i.name)).toContain('registeredInDistrict');
  });

  it('asks in English with readable labels and values', async () => {
    const q = await listQuestions(ctxFor('wuxing', 'en'), { audience: 'talent', limit: 100 });
    const degree = q.items.find((i) => i.name === 'degree');
    expect(degree?.label).toBe('Degree');
    expect(degree?.values?.find((v) => v.value === 'phd')?.label).toBe('Doctorate (PhD)');
    const tier = q.items.find((i) => i.name === 'tier');
    expect(tier?.values?.find((v) => v.value === 'NONE')?.label).toBe('No tier');
  });

  it('finds a young PhD eligible for the allowance, with amount and schedule', async () => {
    const r = await calculate(ctxFor('wuxing'), { audience: 'talent', facts: phd, date: DATE });
    const allowance = r.results.find((x) => x.policyId === 'wuxing.living.phd');
    expect(allowance).toMatchObject({ verdict: 'eligible', automatic: true, missing: [], reasons: [] });
    expect(allowance?.amount).toBeGreaterThan(0);
    expect(r.results[0]?.verdict).toBe('eligible');
    expect(r.total).toBeGreaterThanOrEqual(allowance?.amount ?? 0);
  });

  it('answers unknown with the facts to give when facts are missing', async () => {
    const r = await calculate(ctxFor('wuxing'), { audience: 'talent', facts: { degree: 'phd' }, date: DATE });
    const allowance = r.results.find((x) => x.policyId === 'wuxing.living.phd');
    expect(allowance?.verdict).toBe('unknown');
    expect(allowance?.missing.map((m) => m.name)).toEqual(
      expect.arrayContaining(['birthDate', 'graduationDate', 'employerInDistrict']),
    );
    expect(allowance?.missing.find((m) => m.name === 'birthDate')?.label).toBe('出生日期');
    expect(r.missing.length).toBeGreaterThan(0);
  });

  it('says in plain words why a policy does not apply', async () => {
    const r = await calculate(ctxFor('wuxing'), {
      audience: 'talent',
      facts: { ...phd, degree: 'master' },
      date: DATE,
    });
    const allowance = r.results.find((x) => x.policyId === 'wuxing.living.phd');
    expect(allowance).toMatchObject({ verdict: 'ineligible', amount: 0, reasons: ['博士研究生学历学位'] });
    const en = await calculate(ctxFor('wuxing', 'en'), {
      audience: 'talent',
      facts: { ...phd, degree: 'master' },
      date: DATE,
    });
    expect(en.results.find((x) => x.policyId === 'wuxing.living.phd')?.reasons).toEqual(['Doctorate']);
  });

  it('keeps the higher of purchase and rent subsidy (就高不重复) and totals after it', async () => {
    const facts = {
      tier: 'E',
      birthDate: '1990-01-01',
      employerInDistrict: true,
      socialInsuranceLocal: true,
      ownsHomeInDistrict: false,
      homePurchaseDate: '2024-05-01',
      purchasePrice: 2_000_000,
      rentsInDistrict: true,
      livesInTalentApartment: false,
      socialInsuranceContinuousMonths: 6,
    };
    const r = await calculate(ctxFor('wuxing'), { audience: 'talent', facts, date: DATE });
    const group = r.groups.find((g) => g.group === 'housing');
    expect(group).toMatchObject({ resolution: 'highest', chosen: 'wuxing.housing.purchase' });
    expect(group?.members.map((m) => m.verdict)).toEqual(['eligible', 'eligible']);
    const purchase = r.results.find((x) => x.policyId === 'wuxing.housing.purchase');
    const rent = r.results.find((x) => x.policyId === 'wuxing.housing.rent');
    expect(purchase?.exclusivity).toEqual({ group: 'housing', chosen: true });
    expect(rent?.exclusivity).toEqual({ group: 'housing', chosen: false });
    expect(purchase?.schedule.map((s) => s.state)).toEqual(['due', 'pending']);
    const counted = r.results
      .filter((x) => x.verdict === 'eligible' && x.exclusivity?.chosen !== false)
      .reduce((n, x) => n + (x.amount ?? 0), 0);
    expect(r.total).toBe(counted);
  });

  it('refuses unknown fact names, listing them, in Chinese and English', async () => {
    const facts = { degree: 'phd', shoeSize: 42, registeredInDistrict: true };
    const zh = await refusal(calculate(ctxFor('wuxing'), { audience: 'talent', facts }));
    expect(zh.code).toBe('validation_failed');
    expect(zh.details).toEqual({ unknownFacts: ['shoeSize', 'registeredInDistrict'] });
    expect(zh.localized('zh')).toBe('未知的人才信息项：shoeSize、registeredInDistrict');
    const en = await refusal(calculate(ctxFor('wuxing', 'en'), { audience: 'talent', facts }));
    expect(en.localized('en')).toBe('Unknown talent facts: shoeSize, registeredInDistrict');
  });

  it('refuses a fact of the wrong type', async () => {
    const e = await refusal(
      calculate(ctxFor('wuxing'), {
        audience: 'talent',
        facts: { degree: 'wizard', birthDate: 'yesterday' },
      }),
    );
    expect(e.code).toBe('validation_failed');
    expect((e.details as { problems: { fact: string }[] }).problems.map((p) => p.fact).sort()).toEqual([
      'birthDate',
      'degree',
    ]);
  });
});

describe('publishing an uploaded pack', () => {
  const dir = path.join(loadConfig({ LOG_LEVEL: 'silent' }).packsDir, 'horinger');

  it('is for administrators of the district only', async () => {
    const files = readPackDir(dir);
    expect((await refusal(publishPack(ctxFor('horinger'), 'horinger', files))).code).toBe('unauthenticated');
    const talent = { ...admin('horinger'), role: 'talent' as const };
    expect((await refusal(publishPack(ctxFor('horinger', 'zh', talent), 'horinger', files))).code).toBe(
      'forbidden',
    );
    expect(
      (await refusal(publishPack(ctxFor('horinger', 'zh', admin('wuxing')), 'horinger', files))).code,
    ).toBe('forbidden');
  });

  it("refuses a pack that does not load, with the loader's file and line", async () => {
    const files = readPackDir(dir);
    const policy = Object.keys(files).find((f) => f.startsWith('policies/')) as string;
    files[policy] = `${files[policy]}\nsurprise_key: 1\n`;
    const e = await refusal(publishPack(ctxFor('horinger', 'en', admin('horinger')), 'horinger', files));
    expect(e.code).toBe('validation_failed');
    const issues = (e.details as { issues: { file: string; line: number; message: string }[] }).issues;
    expect(issues[0]).toMatchObject({ file: policy });
    expect(issues[0]?.line).toBeGreaterThan(1);
  });

  it('refuses a pack whose own test cases fail', async () => {
    const files = readPackDir(dir);
    const tests = Object.keys(files).find((f) => f.startsWith('tests/')) as string;
    files[tests] = (files[tests] as string).replace(/verdict: eligible/, 'verdict: ineligible');
    const e = await refusal(publishPack(ctxFor('horinger', 'zh', admin('horinger')), 'horinger', files));
    expect(e.code).toBe('validation_failed');
    expect(e.localized('zh')).toMatch(/个测试用例未通过/);
    expect((e.details as { failures: unknown[] }).failures.length).toBeGreaterThan(0);
  });

  it('refuses another district’s pack', async () => {
    const e = await refusal(
      publishPack(
        ctxFor('horinger', 'zh', admin('horinger')),
        'horinger',
        readPackDir(dir.replace('horinger', 'wuxing')),
      ),
    );
    expect(e.code).toBe('validation_failed');
  });

  it('publishes a changed pack as the next version and supersedes the old one', async () => {
    const files = readPackDir(dir);
    files['CHANGELOG.md'] = `${files['CHANGELOG.md'] ?? ''}\n- a note\n`;
    const r = await publishPack(ctxFor('horinger', 'zh', admin('horinger')), 'horinger', files);
    expect(r).toMatchObject({ district: 'horinger', version: 2, published: true });
    const rows = await queryRows<{ version: number; status: string }>(
      database.db,
      sql`SELECT version, status::text AS status FROM pack_versions WHERE district = 'horinger' ORDER BY version`,
    );
    expect(rows).toEqual([
      { version: 1, status: 'superseded' },
      { version: 2, status: 'active' },
    ]);
    const list = await listPolicies(ctxFor('horinger'), { page: 1, pageSize: 50 });
    expect(list.packVersion.version).toBe(2);
    expect(list.total).toBe(r.policies);
  });
});
