// The named metrics Rencai computes from its own records, which a pack's indicators.yaml may name in
// `computed_from`, and the talent-aggregation index (人才集聚指数) over the indicators
// (docs/talent-aggregation-index.md). Pure functions: no SQL, no I/O.
import type { Indicator } from '@rencai/engine';

/** What a talent counts as, for the category metrics (表2 一级指标 人才资源总量 and 人才结构). */
export type TalentFlags = {
  professionalTitle?: string | null;
  skillLevel?: string | null;
  employerType?: string | null;
};

const SENIOR_TITLES = new Set(['associate_senior', 'senior']);
/** 高技能人才: 高级工 (三级) and above — 技师 (二级), 高级技师 (一级). */
const HIGH_SKILLS = new Set(['level3', 'level2', 'level1']);

/** The counters each talent contributes to (a talent may be in several categories). */
export function talentCounters(f: TalentFlags): string[] {
  const out = ['talents.total'];
  if (f.employerType === 'government') out.push('talents.party_government');
  if (f.professionalTitle && f.professionalTitle !== 'none') {
    out.push('talents.professional');
    if (SENIOR_TITLES.has(f.professionalTitle)) out.push('talents.senior_title');
  }
  if (f.skillLevel && f.skillLevel !== 'none') {
    out.push('talents.skilled');
    if (HIGH_SKILLS.has(f.skillLevel)) out.push('talents.high_skill');
  }
  return out;
}

export type MetricKind = 'persons' | 'percent' | 'cents';

export type MetricDef = {
  name: string;
  kind: MetricKind;
  label: { zh: string; en: string };
  /** From the counters of one period to the metric's value (undefined: no data to compute it from). */
  compute: (c: Record<string, number>) => number | undefined;
};

const count = (key: string) => (c: Record<string, number>) => c[key] ?? 0;
const share = (part: string, whole: string) => (c: Record<string, number>) => {
  const w = c[whole] ?? 0;
  return w > 0 ? (100 * (c[part] ?? 0)) / w : undefined;
};

/** Every metric an indicator can be computed from, by name. */
export const metrics: Record<string, MetricDef> = Object.fromEntries(
  (
    [
      {
        name: 'talents.total',
        kind: 'persons',
        label: { zh: '人才库在册人才数', en: 'Talents on the register' },
        compute: count('talents.total'),
      },
      {
        name: 'talents.party_government',
        kind: 'persons',
        label: { zh: '在机关单位就业的人才数', en: 'Talents employed by government bodies' },
        compute: count('talents.party_government'),
      },
      {
        name: 'talents.professional',
        kind: 'persons',
        label: { zh: '具有职称的人才数', en: 'Talents with a professional title' },
        compute: count('talents.professional'),
      },
      {
        name: 'talents.high_skill',
        kind: 'persons',
        label: { zh: '高级工及以上技能人才数', en: 'Talents at skill level 3 or above' },
        compute: count('talents.high_skill'),
      },
      {
        name: 'talents.skilled',
        kind: 'persons',
        label: { zh: '具有职业技能等级的人才数', en: 'Talents with a skill level' },
        compute: count('talents.skilled'),
      },
      {
        name: 'talents.certified',
        kind: 'persons',
        label: { zh: '在有效期内的认定人才数', en: 'Certified talents (in validity)' },
        compute: count('talents.certified'),
      },
      {
        name: 'share.senior_title',
        kind: 'percent',
        label: { zh: '副高级及以上职称占有职称人才比例', en: 'Senior titles among titled talents' },
        compute: share('talents.senior_title', 'talents.professional'),
      },
      {
        name: 'share.high_skill',
        kind: 'percent',
        label: { zh: '高技能人才占技能人才比例', en: 'Highly skilled among skilled talents' },
        compute: share('talents.high_skill', 'talents.skilled'),
      },
      {
        name: 'grants.amount',
        kind: 'cents',
        label: { zh: '已兑现政策金额', en: 'Policy amounts granted' },
        compute: (c) => c['grants.amount'],
      },
      {
        name: 'payments.amount',
        kind: 'cents',
        label: { zh: '已拨付金额', en: 'Amounts paid' },
        compute: (c) => c['payments.amount'],
      },
    ] satisfies MetricDef[]
  ).map((m) => [m.name, m]),
);

/** The metric an indicator names in `computed_from` (the first known one of a list). */
export function metricOf(indicator: Indicator): MetricDef | undefined {
  const names = Array.isArray(indicator.computedFrom)
    ? indicator.computedFrom
    : indicator.computedFrom
      ? [indicator.computedFrom]
      : [];
  for (const n of names) if (metrics[n]) return metrics[n];
  return undefined;
}

/** A metric value in the indicator's unit (persons → 万人 when the indicator counts in 万人; cents → 万元/元). */
export function inUnit(metric: MetricDef, value: number, unit: string): number {
  if (metric.kind === 'persons') return unit === '万人' ? value / 10_000 : value;
  if (metric.kind === 'cents')
    return unit === '万元' ? value / 1_000_000 : unit === '亿元' ? value / 1e10 : value / 100;
  return value;
}

/** 完成度: the actual as a share of the target (undefined without a target or an actual). */
export function progressOf(actual: number | null | undefined, target: number | null): number | null {
  if (actual === null || actual === undefined || target === null || target === 0) return null;
  return actual / target;
}

/** The index's weight of each indicator category; indicators share their category's weight equally. */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  talent_total: 0.4,
  structure: 0.25,
  effectiveness: 0.2,
  environment: 0.15,
};
const OTHER_WEIGHT = 0.1;

export type IndexComponent = {
  code: string;
  actual: number;
  baseline: number;
  target: number;
  /** Normalised 0–1: 0 at the baseline, 1 at the target. */
  score: number;
  weight: number;
};

/**
 * 人才集聚指数 = 100 × Σ wᵢ·sᵢ / Σ wᵢ over the plan's indicators that have a baseline, a target and an
 * actual, where sᵢ = clamp((actualᵢ − baselineᵢ) / (targetᵢ − baselineᵢ), 0, 1.2) and wᵢ is the
 * category weight split equally among the category's indicators. Undefined when no indicator has an actual.
 */
export function aggregationIndexOf(
  indicators: readonly Indicator[],
  actualOf: (code: string) => number | null | undefined,
): { value: number; components: IndexComponent[] } | undefined {
  const eligible = indicators.filter(
    (i) => i.baseline !== null && i.target !== null && i.target !== i.baseline,
  );
  const perCategory = new Map<string, number>();
  for (const i of eligible) perCategory.set(i.category ?? '', (perCategory.get(i.category ?? '') ?? 0) + 1);
  const components: IndexComponent[] = [];
  for (const i of eligible) {
    const actual = actualOf(i.code);
    if (actual === null || actual === undefined || !Number.isFinite(actual)) continue;
    const baseline = i.baseline as number;
    const target = i.target as number;
    const raw = (actual - baseline) / (target - baseline);
    const score = Math.round(Math.min(1.2, Math.max(0, raw)) * 1e6) / 1e6;
    const cat = i.category ?? '';
    const weight = (CATEGORY_WEIGHTS[cat] ?? OTHER_WEIGHT) / (perCategory.get(cat) ?? 1);
    components.push({ code: i.code, actual, baseline, target, score, weight });
  }
  if (components.length === 0) return undefined;
  const totalWeight = components.reduce((s, c) => s + c.weight, 0);
  const value = (100 * components.reduce((s, c) => s + c.weight * c.score, 0)) / totalWeight;
  return { value: Math.round(value * 100) / 100, components };
}
