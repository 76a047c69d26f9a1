// 一图感知: the district's monitoring indicators (表1/表2) with their actuals, the talent-aggregation index,
// and the dashboard — all read from the pre-aggregated tables the background refresh writes.
import type { Indicator, Lang } from '@rencai/engine';
import type { z } from 'zod';
import { allowPublic, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { inUnit, metricOf, metrics, progressOf } from './insights.metrics';
import { currentPlan, type RefreshReport, refreshOnce } from './insights.refresh';
import * as repo from './insights.repo';
import type {
  Dashboard,
  EnterActualBody,
  EnteredActual,
  IndexSeries,
  IndicatorItem,
  IndicatorSeries,
} from './insights.schema';

export type IndicatorView = z.infer<typeof IndicatorItem>;
export type DashboardView = z.infer<typeof Dashboard>;

/** Called after a change that the aggregates should reflect soon (set by the routes' refresher). */
let onChange: (district: string) => void = () => {};
export function setChangeListener(listener: (district: string) => void): void {
  onChange = listener;
}

async function packOf(db: Db, district: string) {
  const active = await findActivePack(db, district);
  if (!active) {
    throw new AppError(
      'not_found',
      { zh: '该区尚未发布政策包，没有监测指标', en: 'This district has published no pack, so no indicators' },
      { district },
    );
  }
  return active.pack.pack;
}

function districtOf(ctx: Ctx): string {
  if (!ctx.district) throw new AppError('not_found', 'not_found');
  return ctx.district;
}

const text = (t: { zh: string; en: string }, lang: Lang) => t[lang] ?? t.zh;

/** Indicators with their actuals: computed metric, else the latest entered value, else the plan's own. */
async function indicatorViews(db: Db, district: string, lang: Lang): Promise<IndicatorView[]> {
  const pack = await packOf(db, district);
  const plan = new Set(currentPlan(pack.indicators).map((i) => i.code));
  const entered = await repo.latestActuals(db, district);
  const metricRows = await repo.readSeries(db, district, ['metric']);
  const metricNow = new Map(metricRows.filter((r) => r.period === '').map((r) => [r.key, r.value]));
  const refreshed = await repo.findRefresh(db, district);
  const refreshedDay = refreshed?.finishedAt ? chinaDate(refreshed.finishedAt) : null;
  const categories = new Map(pack.indicatorCategories.map((c) => [c.id, c.name]));
  return pack.indicators.map((i: Indicator): IndicatorView => {
    let actual: number | null = null;
    let actualSource: IndicatorView['actualSource'] = null;
    let actualSourceText: string | null = null;
    let actualAt: string | null = null;
    const metric = metricOf(i);
    const computed = metric ? metricNow.get(metric.name) : undefined;
    const entry = entered.get(i.code);
    if (metric && computed !== undefined) {
      actual = round(inUnit(metric, computed, i.unit));
      actualSource = 'computed';
      actualSourceText = text(metric.label, lang);
      actualAt = refreshedDay;
    } else if (entry) {
      actual = entry.value;
      actualSource = 'entered';
      actualSourceText = entry.source;
      actualAt = entry.asOf;
    } else if (i.actual !== undefined && i.actual !== null) {
      actual = i.actual;
      actualSource = 'plan';
      actualSourceText = i.source ?? null;
      actualAt = i.actualYear !== undefined ? String(i.actualYear) : null;
    }
    const category = i.category ?? null;
    const cat = category ? categories.get(category) : undefined;
    return {
      code: i.code,
      name: text(i.name, lang),
      unit: i.unit,
      category,
      categoryName: cat ? text(cat, lang) : null,
      baseline: i.baseline,
      baselineYear: i.baselineYear,
      target: i.target,
      targetYear: i.targetYear,
      actual,
      actualSource,
      actualSourceText,
      actualAt,
      computedFrom: metric?.name ?? null,
      progress: progressOf(actual, i.target),
      currentPlan: plan.has(i.code),
      source: i.source ?? null,
    };
  });
}

/** Rounds a computed figure to 6 significant decimals (万人 of a small register are tiny numbers). */
function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The stable interface: every indicator of the district's pack with baseline, target and actual. */
export async function listIndicators(
  ctx: Ctx,
  query: { plan: 'all' | 'current' },
): Promise<{ items: IndicatorView[] }> {
  allowPublic('indicator:read'); // district-level aggregates only, never a person
  const items = await indicatorViews(ctx.db, districtOf(ctx), ctx.lang);
  return { items: query.plan === 'current' ? items.filter((i) => i.currentPlan) : items };
}

const toEntered = (r: repo.ActualRow): z.infer<typeof EnteredActual> => ({
  id: r.id,
  code: r.code,
  value: r.value,
  asOf: r.asOf,
  source: r.source,
  note: r.note,
  enteredBy: r.enteredBy,
  enteredAt: r.enteredAt.toISOString(),
});

/** Records an actual of an indicator (with its source and date); earlier values stay in the history. */
export async function enterActual(
  ctx: Ctx,
  code: string,
  body: z.infer<typeof EnterActualBody>,
): Promise<z.infer<typeof EnteredActual>> {
  const actor = authorize(ctx, 'insights:manage');
  const district = districtOf(ctx);
  const pack = await packOf(ctx.db, district);
  const indicator = pack.indicators.find((i) => i.code === code);
  if (!indicator) throw new AppError('not_found', { zh: '没有该指标', en: 'No such indicator' }, { code });
  if (metricOf(indicator)) {
    throw new AppError(
      'conflict',
      {
        zh: '该指标由平台数据自动计算，不能手工录入',
        en: 'This indicator is computed from the platform’s records and cannot be entered by hand',
      },
      { code, computedFrom: metricOf(indicator)?.name },
    );
  }
  if (body.asOf > chinaDate(ctx.now())) {
    throw new AppError(
      'validation_failed',
      { zh: '统计时点不能晚于今天', en: 'The date cannot be in the future' },
      { field: 'asOf' },
    );
  }
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertActual(tx as unknown as Db, {
      district,
      code,
      value: body.value,
      asOf: body.asOf,
      source: body.source,
      note: body.note ?? null,
      enteredBy: actor.username,
      enteredAt: ctx.now(),
    });
    await appendAudit(ctx, tx as unknown as Db, {
      action: 'indicator.actual.enter',
      object: `indicator:${code}`,
      outcome: 'success',
      details: { value: body.value, asOf: body.asOf, source: body.source },
    });
    return inserted;
  });
  onChange(district);
  return toEntered(row);
}

/** Every value entered for one indicator, newest first. */
export async function listActualHistory(
  ctx: Ctx,
  code: string,
): Promise<{ items: z.infer<typeof EnteredActual>[] }> {
  authorize(ctx, 'insights:read');
  return { items: (await repo.listActuals(ctx.db, districtOf(ctx), code)).map(toEntered) };
}

/** Each plan indicator's monthly actual and progress (from the aggregates). */
export async function indicatorSeries(ctx: Ctx): Promise<z.infer<typeof IndicatorSeries>> {
  authorize(ctx, 'insights:read');
  const district = districtOf(ctx);
  const pack = await packOf(ctx.db, district);
  const rows = await repo.readSeries(ctx.db, district, ['indicator']);
  return {
    items: currentPlan(pack.indicators).map((i) => {
      const byMonth = new Map<string, { actual?: number; progress?: number }>();
      for (const r of rows) {
        if (r.key !== i.code) continue;
        const e = byMonth.get(r.period) ?? {};
        if (r.subKey === 'actual') e.actual = r.value;
        else e.progress = r.value;
        byMonth.set(r.period, e);
      }
      return {
        code: i.code,
        name: text(i.name, ctx.lang),
        target: i.target,
        series: [...byMonth]
          .filter(([, v]) => v.actual !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([month, v]) => ({ month, actual: v.actual as number, progress: v.progress ?? null })),
      };
    }),
  };
}

export const INDEX_FORMULA =
  'index = 100 × Σ wᵢ·clamp((actualᵢ − baselineᵢ) ÷ (targetᵢ − baselineᵢ), 0, 1.2) ÷ Σ wᵢ (docs/talent-aggregation-index.md)';

/** The talent-aggregation index (人才集聚指数) per month, with its components. */
export async function getIndex(ctx: Ctx): Promise<z.infer<typeof IndexSeries>> {
  authorize(ctx, 'insights:read');
  const rows = await repo.readIndex(ctx.db, districtOf(ctx));
  return {
    formula: INDEX_FORMULA,
    items: rows.map((r) => ({
      month: r.month,
      value: r.value,
      components: r.components as z.infer<typeof IndexSeries>['items'][number]['components'],
    })),
  };
}

const CATEGORY_LABELS: Record<string, { zh: string; en: string }> = {
  'talents.total': { zh: '在册人才', en: 'On the register' },
  'talents.party_government': { zh: '党政人才', en: 'Party and government' },
  'talents.professional': { zh: '专业技术人才', en: 'Professional and technical' },
  'talents.senior_title': { zh: '高级职称人才', en: 'Senior titles' },
  'talents.skilled': { zh: '技能人才', en: 'Skilled workers' },
  'talents.high_skill': { zh: '高技能人才', en: 'Highly skilled' },
  'talents.certified': { zh: '认定人才', en: 'Certified' },
};

function parseLabel(label: string | null | undefined, lang: Lang, fallback: string): string {
  if (!label) return fallback;
  try {
    const t = JSON.parse(label) as { zh?: string; en?: string };
    return t[lang] ?? t.zh ?? fallback;
  } catch {
    return fallback;
  }
}

const DATASETS = [
  'tier',
  'category',
  'industry',
  'registrations',
  'arrivals',
  'fund',
  'grants',
  'payments',
  'stage',
  'demand',
  'occupation_supply',
  'metric',
];

const dashboards = new Map<string, Promise<DashboardView>>();

/**
 * The dashboard, from a small in-process cache keyed by the district's last refresh and newest entered
 * actual: the figures change only then, so most reads cost two tiny queries.
 */
export async function buildDashboard(db: Db, district: string, lang: Lang): Promise<DashboardView> {
  const [refreshed, actualId, active] = [
    await repo.findRefresh(db, district),
    await repo.latestActualId(db, district),
    await findActivePack(db, district),
  ];
  const key = `${district}:${lang}:${refreshed?.finishedAt?.getTime() ?? 0}:${actualId}:${active?.versionId ?? 0}`;
  let hit = dashboards.get(key);
  if (!hit) {
    hit = computeDashboard(db, district, lang);
    hit.catch(() => dashboards.delete(key));
    dashboards.set(key, hit);
    while (dashboards.size > 32) {
      const oldest = dashboards.keys().next().value;
      if (oldest === undefined) break;
      dashboards.delete(oldest);
    }
  }
  return hit;
}

/** Builds the whole dashboard from the aggregates (a handful of indexed reads). */
async function computeDashboard(db: Db, district: string, lang: Lang): Promise<DashboardView> {
  const pack = await packOf(db, district);
  const [rows, indexRows, refreshed, indicators] = [
    await repo.readSeries(db, district, DATASETS),
    await repo.readIndex(db, district),
    await repo.findRefresh(db, district),
    await indicatorViews(db, district, lang),
  ];
  const of = (dataset: string) => rows.filter((r) => r.dataset === dataset);
  const tierNames = new Map(pack.tiers.map((t) => [t.id, text(t.name, lang)]));
  tierNames.set('NONE', lang === 'zh' ? '未认定' : 'Not certified');
  const bySize = (a: { value: number }, b: { value: number }) => b.value - a.value;
  const tierOrder = [...pack.tiers.map((t) => t.id), 'NONE'];
  const tiers = of('tier')
    .map((r) => ({ key: r.key, label: tierNames.get(r.key) ?? r.key, value: r.value }))
    .sort((a, b) => tierOrder.indexOf(a.key) - tierOrder.indexOf(b.key));
  const categories = of('category')
    .map((r) => ({
      key: r.key,
      label: text(CATEGORY_LABELS[r.key] ?? { zh: r.key, en: r.key }, lang),
      value: r.value,
    }))
    .sort(bySize);
  const industries = of('industry')
    .map((r) => ({ key: r.key, label: r.key, value: r.value }))
    .sort(bySize);
  let total = 0;
  const registrations = of('registrations')
    .sort((a, b) => (a.period < b.period ? -1 : 1))
    .map((r) => {
      total += r.value;
      return { month: r.period, new: r.value, total };
    });
  const arrivals = of('arrivals')
    .map((r) => ({ month: r.period, value: r.value }))
    .sort((a, b) => (a.month < b.month ? -1 : 1));
  const yuan = (cents: number) => cents / 100;
  const funds = new Map<string, DashboardView['funds'][number]>();
  for (const r of of('fund')) {
    const k = `${r.key}:${r.period}`;
    const f = funds.get(k) ?? {
      code: r.key,
      year: Number(r.period),
      name: parseLabel(r.label, lang, r.key),
      budget: 0,
      committed: 0,
      paid: 0,
      burn: null,
    };
    if (r.subKey === 'budget' || r.subKey === 'committed' || r.subKey === 'paid') f[r.subKey] = yuan(r.value);
    f.burn = f.budget > 0 ? f.committed / f.budget : null;
    funds.set(k, f);
  }
  const grants = new Map<string, DashboardView['grants'][number]>();
  const monthly = new Map<string, { granted: number; paid: number }>();
  for (const dataset of ['grants', 'payments'] as const) {
    for (const r of of(dataset)) {
      if (r.subKey !== 'amount' && r.subKey !== 'count') continue;
      if (r.period === '') {
        const g = grants.get(r.key) ?? {
          code: r.key,
          name: parseLabel(r.label, lang, r.key),
          count: 0,
          amount: 0,
          paid: 0,
        };
        if (dataset === 'grants' && r.subKey === 'count') g.count = r.value;
        if (dataset === 'grants' && r.subKey === 'amount') g.amount = yuan(r.value);
        if (dataset === 'payments' && r.subKey === 'amount') g.paid = yuan(r.value);
        grants.set(r.key, g);
      } else if (r.subKey === 'amount') {
        const m = monthly.get(r.period) ?? { granted: 0, paid: 0 };
        if (dataset === 'grants') m.granted += yuan(r.value);
        else m.paid += yuan(r.value);
        monthly.set(r.period, m);
      }
    }
  }
  const stages = new Map<string, DashboardView['stages'][number]>();
  for (const r of of('stage')) {
    const s = stages.get(r.key) ?? {
      stage: r.key,
      name: parseLabel(r.label, lang, r.key),
      limitDays: 0,
      avgDays: null,
      done: 0,
      open: 0,
      overdue: 0,
    };
    if (r.subKey === 'limitDays' || r.subKey === 'done' || r.subKey === 'open' || r.subKey === 'overdue')
      s[r.subKey] = r.value;
    if (r.subKey === 'avgDays') s.avgDays = r.value;
    stages.set(r.key, s);
  }
  const supply = new Map(of('occupation_supply').map((r) => [r.key, r.value]));
  const demand = new Map<string, { demand: number; posts: number }>();
  for (const r of of('demand')) {
    const d = demand.get(r.key) ?? { demand: 0, posts: 0 };
    if (r.subKey === 'headcount') d.demand = r.value;
    if (r.subKey === 'posts') d.posts = r.value;
    demand.set(r.key, d);
  }
  const demandSupply = [...demand]
    .map(([occupation, d]) => ({
      occupation,
      demand: d.demand,
      posts: d.posts,
      supply: supply.get(occupation) ?? 0,
    }))
    .sort((a, b) => b.demand - a.demand);
  const metricNow = new Map(
    of('metric')
      .filter((r) => r.period === '')
      .map((r) => [r.key, r.value]),
  );
  const lastIndex = indexRows[indexRows.length - 1];
  return {
    district,
    refreshedAt: refreshed?.finishedAt?.toISOString() ?? null,
    refreshMs: refreshed?.durationMs ?? null,
    talents: metricNow.get('talents.total') ?? 0,
    certified: metricNow.get('talents.certified') ?? 0,
    tiers,
    categories,
    industries,
    registrations,
    arrivals,
    funds: [...funds.values()],
    grants: [...grants.values()],
    grantsByMonth: [...monthly]
      .map(([month, m]) => ({ month, ...m }))
      .sort((a, b) => (a.month < b.month ? -1 : 1)),
    stages: [...stages.values()],
    demandSupply,
    indicators: indicators.filter((i) => i.currentPlan),
    index: {
      current: lastIndex?.value ?? null,
      month: lastIndex?.month ?? null,
      series: indexRows.map((r) => ({ month: r.month, value: r.value })),
    },
  };
}

/** The dashboard of the caller's district (administrators). */
export async function getDashboard(ctx: Ctx): Promise<DashboardView> {
  authorize(ctx, 'insights:read');
  return buildDashboard(ctx.db, districtOf(ctx), ctx.lang);
}

/** Recomputes the district's aggregates now (the background job does it on an interval). */
export async function refreshNow(ctx: Ctx): Promise<RefreshReport> {
  authorize(ctx, 'insights:manage');
  const district = districtOf(ctx);
  const report = await refreshOnce(ctx.db, district);
  await ctx.db.transaction((tx) =>
    appendAudit(ctx, tx as unknown as Db, {
      action: 'insights.refresh',
      object: `district:${district}`,
      outcome: 'success',
      details: { steps: report.steps, durationMs: report.durationMs },
    }),
  );
  return report;
}

export { metrics };
