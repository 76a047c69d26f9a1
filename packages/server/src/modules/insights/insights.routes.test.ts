// The indicators and the dashboard over HTTP: the stable indicators interface, computed and entered
// actuals, the refresh, the index, the exports, and who may see what.

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { publishShippedPacks } from '../policies/policies.service';
import { refreshDistrict } from './insights.refresh';
import { insertTalents } from './insights.testkit';

let t: TestApp;
let admin: Session;
let talent: Session;
beforeAll(async () => {
  t = await createTestApp();
  await publishShippedPacks(t.database.db, t.config);
  admin = await signIn(t.app, 'admin.wuxing');
  talent = await signIn(t.app, 'talent.wuxing');
});
afterAll(() => t.close());

/** 表2 of the Wuxing plan (the seed), row by row: code, name, unit, 2020 situation, 2025 target. */
const TABLE2: [string, string, string, number, number][] = [
  ['T2-01', '人才资源总量', '万人', 23.2, 26.4],
  ['T2-02', '党政人才', '万人', 0.65, 0.75],
  ['T2-03', '经营管理人才', '万人', 5.02, 6],
  ['T2-04', '专业技术人才', '万人', 9.31, 10.22],
  ['T2-05', '高技能人才', '万人', 6.11, 6.91],
  ['T2-06', '农村实用人才', '万人', 1.5, 1.8],
  ['T2-07', '社会工作专业人才', '万人', 0.62, 0.72],
  ['T2-08', '万名劳动力中研发人员数量', '人年', 96.82, 120],
  ['T2-09', '专业技术人才高级职称比例', '%', 31.5, 35],
  ['T2-10', '高技能人才占技能劳动者比例', '%', 31.5, 35],
  ['T2-11', '每万人发明专利拥有量', '件', 43.38, 45],
  ['T2-12', 'PCT专利新增申请量', '件', 35, 100],
  ['T2-13', '高新技术产业增加值占规上工业比重', '%', 79.87, 85],
  ['T2-14', '全员劳动生产率年均增长率', '%', 5.5, 6],
  ['T2-15', '高等教育毛入学率', '%', 63.63, 71],
  ['T2-16', '常住人口每千人执业(助理)医师数量', '人', 3.19, 4],
];

const base = '/api/v1/d/wuxing';
const headers = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

describe('GET /d/{district}/indicators', () => {
  it('answers every 表2 indicator with its 2020 baseline and 2025 target exactly as in the seed, to anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/indicators?plan=current` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => [i.code, i.name, i.unit, i.baseline, i.target])).toEqual(TABLE2);
    for (const i of items)
      expect(i).toMatchObject({ baselineYear: 2020, targetYear: 2025, currentPlan: true });
  });

  it('keeps 表1 with the plan’s own 2020 outcome as the actual', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/indicators` });
    const t101 = res.json().items.find((i: { code: string }) => i.code === 'T1-01');
    expect(t101).toMatchObject({
      baseline: 9.2,
      baselineYear: 2015,
      target: 10,
      actual: 23.2,
      actualSource: 'plan',
    });
  });

  it('names the indicators in English on request', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/indicators?plan=current`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.json().items[0].name).toBe('Total talent resources');
  });

  it('is a 404 in the caller’s language for a district without a pack', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/d/nowhere/indicators' });
    expect(res.statusCode).toBe(404);
  });

  it('rejects an unknown plan filter naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/indicators?plan=some` });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('plan');
  });
});

describe('computed actuals and the refresh', () => {
  type Slice = { key: string; value: number };
  const dashboard = async () =>
    (
      await t.app.inject({ method: 'GET', url: `${base}/insights/dashboard`, headers: headers(admin) })
    ).json();
  const count = (slices: Slice[], key: string) => slices.find((s) => s.key === key)?.value ?? 0;
  let before: { categories: Slice[]; tiers: Slice[]; talents: number; certified: number };

  it('computes T2-01, T2-02, T2-04, T2-05, T2-09 and T2-10 from the register after a refresh', async () => {
    await refreshDistrict(t.database.db, 'wuxing');
    before = await dashboard();
    await insertTalents(t.database.db, 'wuxing', [
      { professionalTitle: 'senior', tier: 'C', industry: '测试行业甲', occupation: '软件工程师' },
      { professionalTitle: 'intermediate', industry: '测试行业甲', occupation: '软件工程师' },
      { professionalTitle: 'associate_senior', skillLevel: 'level2', employerType: 'government', tier: 'E' },
      { skillLevel: 'level4', industry: '测试行业乙', occupation: '焊工' },
      { skillLevel: 'level3', industry: '测试行业乙', occupation: '焊工', arrivalDate: '2026-03-10' },
    ]);
    const refresh = await t.app.inject({
      method: 'POST',
      url: `${base}/insights/refresh`,
      headers: headers(admin),
    });
    expect(refresh.statusCode).toBe(200);
    expect(refresh.json().talents).toBe(before.talents + 5);

    const after = await dashboard();
    const delta = (key: string) => count(after.categories, key) - count(before.categories, key);
    expect(delta('talents.total')).toBe(5);
    expect(delta('talents.party_government')).toBe(1);
    expect(delta('talents.professional')).toBe(3);
    expect(delta('talents.senior_title')).toBe(2);
    expect(delta('talents.skilled')).toBe(3);
    expect(delta('talents.high_skill')).toBe(2);

    const res = await t.app.inject({ method: 'GET', url: `${base}/indicators?plan=current` });
    const by = Object.fromEntries(res.json().items.map((i: { code: string }) => [i.code, i]));
    const c = (key: string) => count(after.categories, key);
    expect(by['T2-01']).toMatchObject({ actualSource: 'computed', computedFrom: 'talents.total' });
    expect(by['T2-01'].actual).toBeCloseTo(c('talents.total') / 10_000, 6);
    expect(by['T2-02'].actual).toBeCloseTo(c('talents.party_government') / 10_000, 6);
    expect(by['T2-04'].actual).toBeCloseTo(c('talents.professional') / 10_000, 6);
    expect(by['T2-05'].actual).toBeCloseTo(c('talents.high_skill') / 10_000, 6);
    expect(by['T2-09'].actual).toBeCloseTo((100 * c('talents.senior_title')) / c('talents.professional'), 4);
    expect(by['T2-10'].actual).toBeCloseTo((100 * c('talents.high_skill')) / c('talents.skilled'), 4);
    expect(by['T2-10'].progress).toBeCloseTo(by['T2-10'].actual / 35, 6);
    expect(by['T2-11']).toMatchObject({ actualSource: 'entered', computedFrom: null }); // demo seed, not computed
  });

  it('shows the dashboard to the administrator only', async () => {
    const d = await dashboard();
    expect(d.talents).toBe(before.talents + 5);
    expect(d.certified).toBe(before.certified + 2);
    expect(count(d.tiers, 'C') - count(before.tiers, 'C')).toBe(1);
    expect(count(d.tiers, 'NONE') - count(before.tiers, 'NONE')).toBe(3);
    expect(d.industries.find((s: Slice) => s.key === '测试行业乙')).toMatchObject({ value: 2 });
    expect(d.arrivals.find((a: { month: string }) => a.month === '2026-03')?.value).toBeGreaterThanOrEqual(1);
    expect(d.indicators).toHaveLength(16);
    expect(d.refreshedAt).not.toBeNull();

    const denied = await t.app.inject({
      method: 'GET',
      url: `${base}/insights/dashboard`,
      headers: headers(talent),
    });
    expect(denied.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `${base}/insights/dashboard` });
    expect(anonymous.statusCode).toBe(401);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/d/jingan/insights/dashboard',
      headers: headers(admin),
    });
    expect(other.statusCode).toBe(403);
  });

  it('exports a chart’s figures as .xlsx', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/insights/export/tiers`,
      headers: headers(admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const sheet = book.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['层次', '人数']);
    const d = await dashboard();
    expect(rows).toContainEqual(['未认定', count(d.tiers, 'NONE')]);
    const unknown = await t.app.inject({
      method: 'GET',
      url: `${base}/insights/export/secrets`,
      headers: headers(admin),
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('entered actuals', () => {
  const url = `${base}/indicators/T2-11/actuals`;

  it('records a value with its source and date, audited, and keeps the history', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url,
      headers: headers(admin),
      payload: { value: 44.1, asOf: '2024-12-31', source: '2024年吴兴区统计公报' },
    });
    expect(first.statusCode).toBe(201);
    const second = await t.app.inject({
      method: 'POST',
      url,
      headers: headers(admin),
      payload: { value: 44.6, asOf: '2025-12-31', source: '2025年吴兴区统计公报', note: '初步数' },
    });
    expect(second.statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: `${base}/indicators?plan=current` });
    const t211 = list.json().items.find((i: { code: string }) => i.code === 'T2-11');
    expect(t211).toMatchObject({
      actual: 44.6,
      actualSource: 'entered',
      actualSourceText: '2025年吴兴区统计公报',
      actualAt: '2025-12-31',
    });
    const history = await t.app.inject({ method: 'GET', url, headers: headers(admin) });
    const values = history.json().items.map((i: { value: number }) => i.value);
    expect(values[0]).toBe(44.6); // the newest date described comes first
    expect(values).toContain(44.1);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'indicator.actual.enter' AND object = 'indicator:T2-11'`,
    );
    expect(Number(audit[0]?.n)).toBe(2);
  });

  it('puts entered values into the monthly series and the index', async () => {
    await refreshDistrict(t.database.db, 'wuxing');
    const series = await t.app.inject({
      method: 'GET',
      url: `${base}/indicators/series`,
      headers: headers(admin),
    });
    const t211 = series.json().items.find((i: { code: string }) => i.code === 'T2-11');
    const last = t211.series[t211.series.length - 1];
    expect(last).toMatchObject({ actual: 44.6 });
    const index = await t.app.inject({
      method: 'GET',
      url: `${base}/insights/index`,
      headers: headers(admin),
    });
    const latest = index.json().items.at(-1);
    const c211 = latest.components.find((c: { code: string }) => c.code === 'T2-11');
    expect(c211.score).toBeCloseTo((44.6 - 43.38) / (45 - 43.38), 6);
    const total = latest.components.reduce((s: number, c: { weight: number }) => s + c.weight, 0);
    const weighted = latest.components.reduce(
      (s: number, c: { weight: number; score: number }) => s + c.weight * c.score,
      0,
    );
    expect(latest.value).toBeCloseTo((100 * weighted) / total, 2);
  });

  it('refuses a computed indicator, a future date, a missing source, another role', async () => {
    const computed = await t.app.inject({
      method: 'POST',
      url: `${base}/indicators/T2-01/actuals`,
      headers: headers(admin),
      payload: { value: 25, asOf: '2025-12-31', source: '统计公报' },
    });
    expect(computed.statusCode).toBe(409);
    const future = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers(admin), 'accept-language': 'en' },
      payload: { value: 45, asOf: '2999-01-01', source: '统计公报' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'The date cannot be in the future',
    });
    const noSource = await t.app.inject({
      method: 'POST',
      url,
      headers: headers(admin),
      payload: { value: 45, asOf: '2025-01-01' },
    });
    expect(noSource.statusCode).toBe(400);
    expect(JSON.stringify(noSource.json().error.details)).toContain('source');
    const byTalent = await t.app.inject({
      method: 'POST',
      url,
      headers: headers(talent),
      payload: { value: 45, asOf: '2025-01-01', source: '统计公报' },
    });
    expect(byTalent.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `${base}/indicators/T9-99/actuals`,
      headers: headers(admin),
      payload: { value: 1, asOf: '2025-01-01', source: '统计公报' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
