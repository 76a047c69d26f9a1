// Amounts: one base (fixed, table, percent, monthly, per unit), then multiplier, deduct and cap; never
// below 0; rounded to the cent.
import { DERIVED, type Derived, factValue, inputFact } from './facts';
import { paramUse } from './params';
import { formatValue } from './text';
import type {
  AmountResult,
  AmountSpec,
  AmountStep,
  Facts,
  IsoDate,
  NumberRef,
  Pack,
  ParamUse,
  Text,
} from './types';

/** An amount spec bound to a date: the parameters it reads, resolved once. */
export interface BoundAmount {
  spec: AmountSpec;
  pack: Pack;
  params: Map<string, ParamUse>;
  /** The amount alone, compiled (see compileAmount). */
  value: AmountFunction;
}

/** Resolves the parameters an amount reads on a date. */
export function bindAmount(spec: AmountSpec, pack: Pack, asOf: IsoDate): BoundAmount {
  const params = new Map<string, ParamUse>();
  const add = (ref: NumberRef | undefined) => {
    if (ref !== undefined && typeof ref === 'object' && 'param' in ref)
      params.set(ref.param, paramUse(pack, ref.param, asOf));
  };
  const base = spec.base;
  if (base.kind === 'fixed') add(base.value);
  else if (base.kind === 'table') params.set(base.param, paramUse(pack, base.param, asOf));
  else if (base.kind === 'monthly') {
    add(base.perMonth);
    add(base.months);
  } else {
    add(base.rate);
    add(base.max);
  }
  add(spec.multiplier);
  add(spec.cap);
  const bound: BoundAmount = { spec, pack, params, value: () => null };
  bound.value = compileAmount(bound);
  return bound;
}

function money(n: number): string {
  return formatValue(n, undefined, 'en');
}

/** Computes an amount for a subject; with `explain`, records each step with its parameters and facts. */
export function computeAmount(
  bound: BoundAmount,
  facts: Facts,
  derived: Derived,
  explain: boolean,
): AmountResult {
  const { spec, pack } = bound;
  const steps: AmountStep[] = [];
  const missing: string[] = [];
  let usedParams: ParamUse[] = [];
  let usedFacts: Record<string, unknown> = {};
  const resolve = (ref: NumberRef): number | null => {
    if (typeof ref === 'number') return ref;
    if ('param' in ref) {
      const use = bound.params.get(ref.param);
      if (explain && use) usedParams.push(use);
      return typeof use?.value === 'number' ? use.value : null;
    }
    const v = factValue(facts, derived, ref.fact);
    if (explain) usedFacts[ref.fact] = v ?? null;
    if (typeof v === 'number') return v;
    if (!missing.includes(inputFact(ref.fact))) missing.push(inputFact(ref.fact));
    return null;
  };
  const step = (name: AmountStep['step'], total: number, text: (total: number) => Text) => {
    if (!explain) return;
    steps.push({ step: name, total, text: text(total), params: usedParams, facts: usedFacts });
    usedParams = [];
    usedFacts = {};
  };
  const fact = (name: string): number | null => resolve({ fact: name });
  const label = (name: string) => pack.schema[name]?.label ?? { zh: name, en: name };

  let total: number | null;
  const base = spec.base;
  switch (base.kind) {
    case 'fixed': {
      total = resolve(base.value);
      if (total !== null)
        step('fixed', total, (total) => ({ zh: `定额 ${money(total)}`, en: `fixed amount ${money(total)}` }));
      break;
    }
    case 'table': {
      const key = factValue(facts, derived, base.fact);
      if (explain) usedFacts[base.fact] = key ?? null;
      const use = bound.params.get(base.param);
      if (explain && use) usedParams.push(use);
      if (key === null || key === undefined) {
        missing.push(inputFact(base.fact));
        total = null;
        break;
      }
      const table = (use?.value ?? {}) as Record<string, number>;
      total = table[String(key)] ?? 0;
      const def = pack.schema[base.fact];
      step('table', total, (total) => ({
        zh: `按${label(base.fact).zh}（${formatValue(key, def, 'zh')}）查 ${base.param}：${money(total)}`,
        en: `${base.param} for ${label(base.fact).en} ${formatValue(key, def, 'en')}: ${money(total)}`,
      }));
      break;
    }
    case 'percent':
    case 'per_unit': {
      const x = fact(base.fact);
      const rate = resolve(base.rate);
      const max = base.max === undefined ? undefined : resolve(base.max);
      if (x === null || rate === null || max === null) {
        total = null;
        break;
      }
      total = x * rate;
      const kind = base.kind;
      const factName = base.fact;
      step(kind, total, (total) => {
        const what = label(factName);
        const r = kind === 'percent' ? `${Number((rate * 100).toFixed(6))}%` : money(rate);
        return {
          zh: `${what.zh} ${money(x)} × ${r} = ${money(total)}`,
          en: `${what.en} ${money(x)} × ${r} = ${money(total)}`,
        };
      });
      if (max !== undefined && total > max) {
        total = max;
        step('cap', total, () => ({
          zh: `不超过上限 ${money(max)}`,
          en: `limited to the maximum ${money(max)}`,
        }));
      }
      break;
    }
    case 'monthly': {
      const perMonth = resolve(base.perMonth);
      const months = resolve(base.months);
      if (perMonth === null || months === null) {
        total = null;
        break;
      }
      total = perMonth * months;
      step('monthly', total, (total) => ({
        zh: `每月 ${money(perMonth)} × ${months} 个月 = ${money(total)}`,
        en: `${money(perMonth)} a month × ${months} months = ${money(total)}`,
      }));
      break;
    }
  }
  if (total !== null && spec.multiplier !== undefined) {
    const m = resolve(spec.multiplier);
    if (m === null) total = null;
    else {
      total *= m;
      step('multiplier', total, (total) => ({
        zh: `乘以系数 ${m}：${money(total)}`,
        en: `times ${m}: ${money(total)}`,
      }));
    }
  }
  if (total !== null && spec.deduct) {
    const received = facts.received as Record<string, number> | null | undefined;
    for (const id of spec.deduct) {
      const got = received?.[id];
      if (typeof got !== 'number' || got === 0) continue;
      total -= got;
      if (explain) usedFacts[`received.${id}`] = got;
      step('deduct', total, (total) => ({
        zh: `扣除已享受的 ${id}：${money(got)}，余 ${money(total)}`,
        en: `minus ${money(got)} already received under ${id}: ${money(total)}`,
      }));
    }
  }
  if (total !== null && spec.cap !== undefined) {
    const cap = resolve(spec.cap);
    if (cap === null) total = null;
    else if (total > cap) {
      total = cap;
      step('cap', total, () => ({ zh: `不超过 ${money(cap)}`, en: `capped at ${money(cap)}` }));
    }
  }
  if (total !== null && total < 0) {
    total = 0;
    step('floor', 0, () => ({ zh: '金额不低于 0', en: 'never below 0' }));
  }
  const value = total === null ? null : Math.round(total * 100) / 100;
  return { value, missing: value === null ? missing : [], steps };
}

/** The amount alone — no steps, no allocation — as generated code; null when a fact it needs is missing. */
export type AmountFunction = (facts: Facts, derived: Derived) => number | null;

function access(name: string): string {
  return `${Object.hasOwn(DERIVED, name) ? 'd' : 'f'}.${name}`;
}

/**
 * How an amount's generated code reads facts. `none` is the value returned when a fact it needs is
 * missing (null here; the columnar matcher uses -Infinity, which no amount can be).
 */
export interface AmountReader {
  none: string;
  /** Statements declaring `name` as the fact's value, returning `none` unless it is a number. */
  number(fact: string, name: string): string;
  /** Statements declaring `let t` from a table keyed by the fact (String(value) → amount, else 0). */
  table(fact: string, table: Record<string, unknown>): string;
  /** Statements subtracting what `received` records under each id (numbers only). */
  deduct(ids: readonly string[]): string;
}

const objectReader: AmountReader = {
  none: 'null',
  number: (fact, name) => `const ${name} = ${access(fact)}; if (typeof ${name} !== "number") return null;`,
  table: (fact, table) => {
    const cases = Object.entries(table)
      .map(([k, v]) => `case ${JSON.stringify(k)}: t = ${JSON.stringify(v)}; break;`)
      .join(' ');
    return `const k = ${access(fact)}; if (k === null || k === undefined) return null; let t = 0; switch (String(k)) { ${cases} }`;
  },
  deduct: (ids) =>
    `const got = f.received; if (got !== null && got !== undefined) { ${ids
      .map((id) => `{ const g = got[${JSON.stringify(id)}]; if (typeof g === "number") t -= g; }`)
      .join(' ')} }`,
};

/** The statements of a bound amount's fast path (parameters inlined, the same steps as computeAmount). */
export function amountBody(bound: BoundAmount, reader: AmountReader = objectReader): string {
  const lines: string[] = [];
  let n = 0;
  const num = (ref: NumberRef): string => {
    if (typeof ref === 'number') return JSON.stringify(ref);
    if ('param' in ref) {
      const v = bound.params.get(ref.param)?.value;
      if (typeof v !== 'number') lines.push(`return ${reader.none};`);
      return typeof v === 'number' ? JSON.stringify(v) : '0';
    }
    const name = `v${n++}`;
    lines.push(reader.number(ref.fact, name));
    return name;
  };
  const { spec } = bound;
  const base = spec.base;
  switch (base.kind) {
    case 'fixed':
      lines.push(`let t = ${num(base.value)};`);
      break;
    case 'table': {
      const table = bound.params.get(base.param)?.value;
      lines.push(
        reader.table(base.fact, (table && typeof table === 'object' ? table : {}) as Record<string, unknown>),
      );
      break;
    }
    case 'monthly': {
      const perMonth = num(base.perMonth);
      lines.push(`let t = ${perMonth} * ${num(base.months)};`);
      break;
    }
    default: {
      const x = num({ fact: base.fact });
      const rate = num(base.rate);
      const max = base.max === undefined ? undefined : num(base.max);
      lines.push(`let t = ${x} * ${rate};`);
      if (max !== undefined) lines.push(`if (t > ${max}) t = ${max};`);
    }
  }
  if (spec.multiplier !== undefined) lines.push(`t *= ${num(spec.multiplier)};`);
  if (spec.deduct?.length) lines.push(reader.deduct(spec.deduct));
  if (spec.cap !== undefined) {
    const cap = num(spec.cap);
    lines.push(`if (t > ${cap}) t = ${cap};`);
  }
  lines.push('return t < 0 ? 0 : Math.round(t * 100) / 100;');
  return lines.join(' ');
}

/** Generates the fast path of a bound amount. */
function amountSource(bound: BoundAmount): string {
  return `"use strict"; return function amount(f, d) { ${amountBody(bound)} };`;
}

/** Compiles a bound amount into its fast path. */
export function compileAmount(bound: BoundAmount): AmountFunction {
  return new Function(amountSource(bound))() as AmountFunction;
}
