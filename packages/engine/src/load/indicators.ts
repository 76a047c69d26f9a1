// indicators.yaml (optional): development indicators with baselines and targets, passed through validated.
import type { Indicator, IndicatorCategory } from '../types';
import type { Checker } from './checker';

const KEYS = [
  'code',
  'name',
  'unit',
  'baseline',
  'baseline_year',
  'target',
  'target_year',
  'category',
  'source',
  'computed_from',
  'actual',
  'actual_year',
  'completion',
];

function numberOrNull(c: Checker, value: unknown, path: (string | number)[]): number | null | undefined {
  return value === null ? null : c.number(value, path);
}

/** Reads indicators.yaml: a list of indicators, or `{ categories, indicators }` with categories by id. */
export function readIndicators(c: Checker): { indicators: Indicator[]; categories: IndicatorCategory[] } {
  const data = c.parsed.data;
  const root = Array.isArray(data) ? undefined : c.mapping(data, []);
  if (root) c.keys(root, [], ['categories', 'indicators'], ['indicators']);
  const base: (string | number)[] = root ? ['indicators'] : [];
  const categories: IndicatorCategory[] = [];
  if (root?.categories !== undefined) {
    (c.list(root.categories, ['categories']) ?? []).forEach((item, i) => {
      const p = ['categories', i];
      const o = c.mapping(item, p);
      if (!o || !c.keys(o, p, ['id', 'name'], ['id', 'name'])) return;
      const id = c.string(o.id, [...p, 'id']);
      const name = c.text(o.name, [...p, 'name']);
      if (id === undefined || !name) return;
      if (categories.some((x) => x.id === id))
        c.error([...p, 'id'], `duplicate category '${id}'`, `类别 '${id}' 重复`);
      else categories.push({ id, name });
    });
  }
  const list = c.list(root ? root.indicators : data, base);
  if (!list) return { indicators: [], categories };
  const out: Indicator[] = [];
  list.forEach((item, i) => {
    const p = [...base, i];
    const o = c.mapping(item, p);
    if (!o || !c.keys(o, p, KEYS, ['code', 'name', 'unit', 'baseline_year', 'target_year'])) return;
    const code = c.string(o.code, [...p, 'code']);
    const name = c.text(o.name, [...p, 'name']);
    const unit = c.string(o.unit, [...p, 'unit']);
    const baseline = numberOrNull(c, o.baseline ?? null, [...p, 'baseline']);
    const baselineYear = c.number(o.baseline_year, [...p, 'baseline_year'], { integer: true });
    const target = numberOrNull(c, o.target ?? null, [...p, 'target']);
    const targetYear = c.number(o.target_year, [...p, 'target_year'], { integer: true });
    if (
      code === undefined ||
      !name ||
      unit === undefined ||
      baseline === undefined ||
      baselineYear === undefined ||
      target === undefined ||
      targetYear === undefined
    )
      return;
    if (out.some((x) => x.code === code)) {
      c.error([...p, 'code'], `duplicate indicator code '${code}'`, `指标编码 '${code}' 重复`);
      return;
    }
    const ind: Indicator = { code, name, unit, baseline, baselineYear, target, targetYear };
    if (o.category !== undefined) {
      ind.category = c.string(o.category, [...p, 'category']);
      if (root?.categories !== undefined && !categories.some((x) => x.id === ind.category))
        c.error([...p, 'category'], `unknown category '${ind.category}'`, `未知的类别 '${ind.category}'`);
    }
    if (o.actual !== undefined) ind.actual = numberOrNull(c, o.actual, [...p, 'actual']) ?? null;
    if (o.actual_year !== undefined)
      ind.actualYear = c.number(o.actual_year, [...p, 'actual_year'], { integer: true });
    if (o.completion !== undefined && o.completion !== null)
      ind.completion = c.string(o.completion, [...p, 'completion']);
    if (o.source !== undefined) ind.source = c.string(o.source, [...p, 'source']);
    if (o.computed_from !== undefined) {
      if (Array.isArray(o.computed_from))
        ind.computedFrom = o.computed_from
          .map((v, j) => c.string(v, [...p, 'computed_from', j]))
          .filter((v): v is string => v !== undefined);
      else ind.computedFrom = c.string(o.computed_from, [...p, 'computed_from']);
    }
    out.push(ind);
  });
  return { indicators: out, categories };
}
