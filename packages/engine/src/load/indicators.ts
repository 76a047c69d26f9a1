// indicators.yaml (optional): development indicators with baselines and targets, passed through validated.
import type { Indicator } from '../types';
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
];

function numberOrNull(c: Checker, value: unknown, path: (string | number)[]): number | null | undefined {
  return value === null ? null : c.number(value, path);
}

/** Reads indicators.yaml: a list of indicators with unique codes. */
export function readIndicators(c: Checker): Indicator[] {
  const list = c.list(c.parsed.data, []);
  if (!list) return [];
  const out: Indicator[] = [];
  list.forEach((item, i) => {
    const p = [i];
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
    if (o.category !== undefined) ind.category = c.string(o.category, [...p, 'category']);
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
  return out;
}
