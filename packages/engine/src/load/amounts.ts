// Validation of a policy's `amount:` and `schedule:` blocks.
import { factAppliesTo } from '../facts';
import type { AmountBase, AmountSpec, InstalmentSpec, NumberRef, ScheduleSpec } from '../types';
import { type Checker, describe, suggest } from './checker';
import { type ConditionEnv, checkParamFor, readCondition } from './conditions';
import type { YamlPath } from './yaml';

const BASES = ['fixed', 'table', 'percent', 'monthly', 'per_unit'] as const;

function numberProblem(value: unknown): [string, string] | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : [`expected a number, got ${describe(value)}`, `应为数字，实际为 ${describe(value)}`];
}

function readNumericFact(c: Checker, raw: unknown, path: YamlPath, env: ConditionEnv): string | undefined {
  const name = c.string(raw, path);
  if (name === undefined) return undefined;
  const def = env.schema[name];
  if (!def || !factAppliesTo(def, env.audience)) {
    const hint = suggest(
      name,
      Object.values(env.schema)
        .filter((d) => factAppliesTo(d, env.audience))
        .map((d) => d.name),
    );
    c.error(
      path,
      `unknown ${env.audience} fact '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
      `未知的${env.audience === 'talent' ? '人才' : '企业'}事实 '${name}'${hint ? `（是否应为 '${hint}'？）` : ''}`,
    );
    return undefined;
  }
  if (def.type !== 'number' && def.type !== 'integer') {
    c.error(
      path,
      `fact '${name}' is ${def.type}, expected a number`,
      `事实 '${name}' 的类型是 ${def.type}，应为数字`,
    );
    return undefined;
  }
  return name;
}

/** Reads a quantity: a number, `{ param }`, or (when allowed) `{ fact }`. */
function readRef(
  c: Checker,
  raw: unknown,
  path: YamlPath,
  env: ConditionEnv,
  allowFact: boolean,
): NumberRef | undefined {
  if (typeof raw === 'number') return c.number(raw, path, { min: 0 });
  const obj = c.mapping(raw, path);
  if (!obj) return undefined;
  const allowed = allowFact ? ['param', 'fact'] : ['param'];
  if (!c.keys(obj, path, allowed, [])) return undefined;
  if (obj.param !== undefined && obj.fact === undefined) {
    const name = c.string(obj.param, [...path, 'param']);
    if (name === undefined || !checkParamFor(c, name, [...path, 'param'], env.params, numberProblem))
      return undefined;
    return { param: name };
  }
  if (allowFact && obj.fact !== undefined && obj.param === undefined) {
    const fact = readNumericFact(c, obj.fact, [...path, 'fact'], env);
    return fact === undefined ? undefined : { fact };
  }
  c.error(
    path,
    allowFact ? `expected a number, { param } or { fact }` : `expected a number or { param }`,
    allowFact ? `应为数字、{ param } 或 { fact }` : `应为数字或 { param }`,
  );
  return undefined;
}

function readBase(c: Checker, kind: (typeof BASES)[number], raw: unknown, path: YamlPath, env: ConditionEnv) {
  if (kind === 'fixed') {
    const value = readRef(c, raw, path, env, false);
    return value === undefined ? undefined : ({ kind, value } satisfies AmountBase);
  }
  const obj = c.mapping(raw, path);
  if (!obj) return undefined;
  if (kind === 'table') {
    if (!c.keys(obj, path, ['fact', 'param'], ['fact', 'param'])) return undefined;
    const fact = c.string(obj.fact, [...path, 'fact']);
    const param = c.string(obj.param, [...path, 'param']);
    if (fact === undefined || param === undefined) return undefined;
    const def = env.schema[fact];
    if (
      !def ||
      !factAppliesTo(def, env.audience) ||
      !['enum', 'string', 'boolean', 'integer'].includes(def.type)
    ) {
      c.error(
        [...path, 'fact'],
        def
          ? `a table needs an enum, string, boolean or integer fact; '${fact}' is ${def.type}`
          : `unknown fact '${fact}'`,
        def ? `表格需要枚举、字符串、布尔或整数事实；'${fact}' 的类型是 ${def.type}` : `未知的事实 '${fact}'`,
      );
      return undefined;
    }
    const ok = checkParamFor(c, param, [...path, 'param'], env.params, (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return [
          `expected a table of key → number, got ${describe(value)}`,
          `应为"键 → 数字"的表，实际为 ${describe(value)}`,
        ];
      for (const key of Object.keys(value)) {
        if (def.values && !def.values.includes(key))
          return [
            `table key '${key}' is not a ${fact} value (${def.values.join(', ')})`,
            `表格的键 '${key}' 不是 ${fact} 的取值（${def.values.join('、')}）`,
          ];
      }
      return undefined;
    });
    return ok ? ({ kind, fact, param } satisfies AmountBase) : undefined;
  }
  if (kind === 'monthly') {
    if (!c.keys(obj, path, ['per_month', 'months'], ['per_month', 'months'])) return undefined;
    const perMonth = readRef(c, obj.per_month, [...path, 'per_month'], env, false);
    const months = readRef(c, obj.months, [...path, 'months'], env, true);
    return perMonth === undefined || months === undefined
      ? undefined
      : ({ kind, perMonth, months } satisfies AmountBase);
  }
  if (!c.keys(obj, path, ['fact', 'rate', 'max'], ['fact', 'rate'])) return undefined;
  const fact = readNumericFact(c, obj.fact, [...path, 'fact'], env);
  const rate = readRef(c, obj.rate, [...path, 'rate'], env, false);
  const max = obj.max === undefined ? undefined : readRef(c, obj.max, [...path, 'max'], env, false);
  if (fact === undefined || rate === undefined || (obj.max !== undefined && max === undefined))
    return undefined;
  const base: { kind: 'percent' | 'per_unit'; fact: string; rate: NumberRef; max?: NumberRef } = {
    kind,
    fact,
    rate,
  };
  if (max !== undefined) base.max = max;
  return base as AmountBase;
}

/** Reads `amount:`; undefined with errors recorded when invalid. */
export function readAmount(
  c: Checker,
  raw: unknown,
  path: YamlPath,
  env: ConditionEnv,
): AmountSpec | undefined {
  const obj = c.mapping(raw, path);
  if (!obj) return undefined;
  if (!c.keys(obj, path, [...BASES, 'multiplier', 'deduct', 'cap'], [])) return undefined;
  const bases = BASES.filter((b) => obj[b] !== undefined);
  if (bases.length !== 1) {
    c.error(
      path,
      `an amount has exactly one base: ${BASES.join(', ')}${bases.length ? ` (got ${bases.join(', ')})` : ''}`,
      `金额只能有一个基数：${BASES.join('、')}${bases.length ? `（实际有 ${bases.join('、')}）` : ''}`,
    );
    return undefined;
  }
  const kind = bases[0] as (typeof BASES)[number];
  const base = readBase(c, kind, obj[kind], [...path, kind], env);
  if (!base) return undefined;
  const spec: AmountSpec = { base };
  let ok = true;
  if (obj.multiplier !== undefined) {
    const m = readRef(c, obj.multiplier, [...path, 'multiplier'], env, true);
    if (m === undefined) ok = false;
    else spec.multiplier = m;
  }
  if (obj.cap !== undefined) {
    const cap = readRef(c, obj.cap, [...path, 'cap'], env, true);
    if (cap === undefined) ok = false;
    else spec.cap = cap;
  }
  if (obj.deduct !== undefined) {
    const list = c.list(obj.deduct, [...path, 'deduct']);
    if (!list) ok = false;
    else {
      const ids: string[] = [];
      list.forEach((item, i) => {
        const id = c.string(item, [...path, 'deduct', i]);
        if (id === undefined) ok = false;
        else ids.push(id);
      });
      spec.deduct = ids;
    }
  }
  return ok ? spec : undefined;
}

/** Reads `schedule:`; shares must sum to 1. */
export function readSchedule(
  c: Checker,
  raw: unknown,
  path: YamlPath,
  env: ConditionEnv,
): ScheduleSpec | undefined {
  const obj = c.mapping(raw, path);
  if (!obj || !c.keys(obj, path, ['instalments'], ['instalments'])) return undefined;
  const list = c.list(obj.instalments, [...path, 'instalments']);
  if (!list) return undefined;
  if (list.length === 0) {
    c.error([...path, 'instalments'], `a schedule needs at least one instalment`, `分期计划至少需要一期`);
    return undefined;
  }
  const instalments: InstalmentSpec[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const p = [...path, 'instalments', i];
    const inst = c.mapping(item, p);
    if (!inst || !c.keys(inst, p, ['share', 'due'], ['share', 'due'])) {
      ok = false;
      return;
    }
    const share = c.number(inst.share, [...p, 'share']);
    if (share !== undefined && (share <= 0 || share > 1)) {
      c.error(
        [...p, 'share'],
        `a share lies in (0, 1], got ${share}`,
        `份额应在 (0, 1] 之间，实际为 ${share}`,
      );
      ok = false;
      return;
    }
    let due: InstalmentSpec['due'] | undefined;
    if (inst.due === 'on_grant') due = 'on_grant';
    else {
      const d = c.mapping(inst.due, [...p, 'due']);
      if (d && c.keys(d, [...p, 'due'], ['after_months', 'condition'], ['after_months'])) {
        const afterMonths = c.number(d.after_months, [...p, 'due', 'after_months'], {
          integer: true,
          min: 0,
        });
        const condition =
          d.condition === undefined
            ? undefined
            : readCondition(c, d.condition, [...p, 'due', 'condition'], env);
        if (afterMonths !== undefined && (d.condition === undefined || condition))
          due = condition ? { afterMonths, condition } : { afterMonths };
      }
    }
    if (share === undefined || due === undefined) ok = false;
    else instalments.push({ share, due });
  });
  if (!ok) return undefined;
  const sum = instalments.reduce((s, i) => s + i.share, 0);
  if (Math.abs(sum - 1) > 1e-9) {
    c.error(
      [...path, 'instalments'],
      `instalment shares sum to ${Number(sum.toFixed(6))}, expected 1`,
      `各期份额之和为 ${Number(sum.toFixed(6))}，应为 1`,
    );
    return undefined;
  }
  return { instalments };
}
