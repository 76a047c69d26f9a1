// Validation of condition trees against the fact schema: fact names, operators per type, value and
// parameter shapes, enum members.
import { isIsoDate } from '../dates';
import { factAppliesTo } from '../facts';
import type {
  Audience,
  Condition,
  FactDef,
  FactSchema,
  FactType,
  LeafCondition,
  Op,
  Parameter,
  Period,
  Scalar,
} from '../types';
import { type Checker, describe, suggest } from './checker';
import type { YamlPath } from './yaml';

/** What a condition may refer to. */
export interface ConditionEnv {
  schema: FactSchema;
  params: Record<string, Parameter>;
  audience: Audience;
  /** Facts a condition may not read here (e.g. `tier` inside the tier catalogue). */
  forbidden?: readonly string[];
  /** Reference ids declared in pack.yaml (for checking `ref:` citations). */
  references: ReadonlySet<string>;
}

/** Every operator, in the order of the format doc. */
export const OPS: readonly Op[] = [
  'eq',
  'ne',
  'in',
  'not_in',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'contains',
  'exists',
  'within',
  'before',
  'after',
];

const ORDERED: readonly Op[] = ['eq', 'ne', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'between', 'exists'];

/** The operators each fact type supports. */
export const OPS_BY_TYPE: Record<FactType, readonly Op[]> = {
  boolean: ['eq', 'ne', 'exists'],
  integer: ORDERED,
  number: ORDERED,
  string: ['eq', 'ne', 'in', 'not_in', 'exists'],
  enum: ['eq', 'ne', 'in', 'not_in', 'exists'],
  date: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'before', 'after', 'within', 'exists'],
  string_list: ['contains', 'exists'],
  money_map: ['exists'],
};

const PERIOD_UNITS = ['years', 'months', 'days'] as const;

function scalarProblem(def: FactDef, value: unknown): [string, string] | undefined {
  const got = describe(value);
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : [`expected true or false, got ${got}`, `应为 true 或 false，实际为 ${got}`];
    case 'integer':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : [`expected a number, got ${got}`, `应为数字，实际为 ${got}`];
    case 'date':
      return isIsoDate(value)
        ? undefined
        : [`expected a date YYYY-MM-DD, got ${got}`, `应为日期 YYYY-MM-DD，实际为 ${got}`];
    case 'string':
      return typeof value === 'string'
        ? undefined
        : [`expected a string, got ${got}`, `应为字符串，实际为 ${got}`];
    case 'enum':
    case 'string_list': {
      if (typeof value !== 'string') return [`expected a string, got ${got}`, `应为字符串，实际为 ${got}`];
      if (def.values && !def.values.includes(value)) {
        const hint = suggest(value, def.values);
        return [
          `unknown ${def.name} value '${value}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${def.values.join(', ')}`,
          `${def.name} 没有取值 '${value}'${hint ? `（是否应为 '${hint}'？）` : ''}；应为 ${def.values.join('、')} 之一`,
        ];
      }
      return undefined;
    }
    case 'money_map':
      return [`a money_map cannot be compared to a value`, `money_map 类型不能与值比较`];
  }
}

/** Checks a value (literal or one dated parameter value) for a leaf's operator and fact; [en, zh] on a problem. */
export function leafValueProblem(op: Op, def: FactDef, value: unknown): [string, string] | undefined {
  switch (op) {
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value) || value.length === 0)
        return [
          `'${op}' needs a non-empty list, got ${describe(value)}`,
          `'${op}' 需要非空列表，实际为 ${describe(value)}`,
        ];
      for (const item of value) {
        const p = scalarProblem(def, item);
        if (p) return p;
      }
      return undefined;
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2)
        return [
          `'between' needs [low, high], got ${describe(value)}`,
          `'between' 需要 [下限, 上限]，实际为 ${describe(value)}`,
        ];
      const p = scalarProblem(def, value[0]) ?? scalarProblem(def, value[1]);
      if (p) return p;
      if ((value[0] as Scalar) > (value[1] as Scalar))
        return [
          `'between' low ${value[0]} is above high ${value[1]}`,
          `'between' 的下限 ${value[0]} 大于上限 ${value[1]}`,
        ];
      return undefined;
    }
    case 'before':
    case 'after':
      return isIsoDate(value)
        ? undefined
        : [
            `'${op}' needs a date YYYY-MM-DD, got ${describe(value)}`,
            `'${op}' 需要日期 YYYY-MM-DD，实际为 ${describe(value)}`,
          ];
    case 'within':
      return typeof value === 'number' && value >= 0
        ? undefined
        : [
            `'within' needs a number of years, months or days, got ${describe(value)}`,
            `'within' 需要年数、月数或天数，实际为 ${describe(value)}`,
          ];
    default:
      if (Array.isArray(value))
        return [`'${op}' compares with one value, got a list`, `'${op}' 只与单个值比较，实际为列表`];
      return scalarProblem(def, value);
  }
}

function readPeriod(c: Checker, obj: Record<string, unknown>, path: YamlPath): Period | undefined {
  const period: Period = {};
  let any = false;
  for (const unit of PERIOD_UNITS) {
    if (obj[unit] === undefined) continue;
    const n = c.number(obj[unit], [...path, unit], { min: 0 });
    if (n === undefined) return undefined;
    period[unit] = n;
    any = true;
  }
  return any ? period : undefined;
}

/** The reference id a citation such as `plan §七(三)` names. */
export function citedReference(ref: string): string {
  return ref.split(/[\s§]/)[0] ?? ref;
}

/** Reads a citation (`plan §七(三)`), warning when its reference id is not declared in pack.yaml. */
export function readReference(
  c: Checker,
  ref: unknown,
  path: YamlPath,
  env: { references: ReadonlySet<string> },
): string | undefined {
  const text = c.string(ref, path);
  if (text !== undefined && env.references.size > 0 && !env.references.has(citedReference(text)))
    c.warn(
      path,
      `reference '${citedReference(text)}' is not listed under references in pack.yaml`,
      `引用 '${citedReference(text)}' 未在 pack.yaml 的 references 中列出`,
    );
  return text;
}

function readLeaf(c: Checker, obj: Record<string, unknown>, path: YamlPath, env: ConditionEnv) {
  if (!c.keys(obj, path, ['fact', 'op', 'value', 'param', 'label', 'ref', ...PERIOD_UNITS], ['fact', 'op']))
    return undefined;
  const fact = c.string(obj.fact, [...path, 'fact']);
  const op = c.oneOf(obj.op, [...path, 'op'], OPS);
  if (fact === undefined || op === undefined) return undefined;
  const def = env.schema[fact];
  if (!def || !factAppliesTo(def, env.audience)) {
    const names = Object.values(env.schema)
      .filter((d) => factAppliesTo(d, env.audience))
      .map((d) => d.name);
    const hint = suggest(fact, names);
    const other = def ? ` (it is an ${def.subject} fact)` : '';
    const otherZh = def ? `（它是${def.subject === 'talent' ? '人才' : '企业'}事实）` : '';
    c.error(
      [...path, 'fact'],
      `unknown ${env.audience} fact '${fact}'${other}${hint ? ` (did you mean '${hint}'?)` : ''}`,
      `未知的${env.audience === 'talent' ? '人才' : '企业'}事实 '${fact}'${otherZh}${hint ? `（是否应为 '${hint}'？）` : ''}`,
    );
    return undefined;
  }
  if (env.forbidden?.includes(fact)) {
    c.error([...path, 'fact'], `fact '${fact}' cannot be used here`, `此处不能使用事实 '${fact}'`);
    return undefined;
  }
  if (!OPS_BY_TYPE[def.type].includes(op)) {
    c.error(
      [...path, 'op'],
      `operator '${op}' does not apply to ${def.type} fact '${fact}'; use ${OPS_BY_TYPE[def.type].join(', ')}`,
      `运算符 '${op}' 不适用于 ${def.type} 类型的事实 '${fact}'；可用：${OPS_BY_TYPE[def.type].join('、')}`,
    );
    return undefined;
  }
  const leaf: LeafCondition = { fact, op };
  const hasValue = obj.value !== undefined;
  const hasParam = obj.param !== undefined;
  const hasPeriod = PERIOD_UNITS.some((u) => obj[u] !== undefined);
  if (op !== 'within' && hasPeriod) {
    c.error(path, `years/months/days only go with 'within'`, `years/months/days 只用于 'within'`);
    return undefined;
  }
  if (op === 'exists') {
    if (hasValue || hasParam) {
      c.error(path, `'exists' takes no value or param`, `'exists' 不接受 value 或 param`);
      return undefined;
    }
  } else if (op === 'within') {
    const given = Number(hasValue) + Number(hasParam) + Number(hasPeriod);
    if (given !== 1) {
      c.error(
        path,
        `'within' needs exactly one of years/months/days, value: { years: N } or param`,
        `'within' 需要且只需要 years/months/days、value: { years: N } 或 param 之一`,
      );
      return undefined;
    }
    if (hasPeriod) leaf.period = readPeriod(c, obj, path);
    else if (hasValue) {
      const inner = c.mapping(obj.value, [...path, 'value']);
      if (!inner || !c.keys(inner, [...path, 'value'], PERIOD_UNITS, [])) return undefined;
      leaf.period = readPeriod(c, inner, [...path, 'value']);
      if (!leaf.period) {
        c.error(
          [...path, 'value'],
          `'within' needs years, months or days`,
          `'within' 需要 years、months 或 days`,
        );
        return undefined;
      }
    }
    if (!hasParam && !leaf.period) return undefined;
  } else if (hasValue === hasParam) {
    c.error(
      path,
      `a '${op}' condition needs exactly one of value or param`,
      `'${op}' 条件需要且只需要 value 或 param 之一`,
    );
    return undefined;
  } else if (hasValue) {
    const problem = leafValueProblem(op, def, obj.value);
    if (problem) {
      c.error([...path, 'value'], `${fact} ${op}: ${problem[0]}`, `${fact} ${op}：${problem[1]}`);
      return undefined;
    }
    leaf.value = obj.value as Scalar | Scalar[];
  }
  if (hasParam) {
    const name = c.string(obj.param, [...path, 'param']);
    if (name === undefined) return undefined;
    if (!checkParamFor(c, name, [...path, 'param'], env.params, (v) => leafValueProblem(op, def, v)))
      return undefined;
    if (op === 'within') {
      const unit = env.params[name]?.unit;
      if (!unit || !(PERIOD_UNITS as readonly string[]).includes(unit)) {
        c.error(
          [...path, 'param'],
          `parameter '${name}' used by 'within' must have unit years, months or days (it has ${unit ?? 'none'})`,
          `'within' 使用的参数 '${name}' 的单位应为 years、months 或 days（实际为 ${unit ?? '无'}）`,
        );
        return undefined;
      }
    }
    leaf.param = name;
  }
  return leaf;
}

/** Checks that a parameter exists and every dated value fits; false (with errors) otherwise. */
export function checkParamFor(
  c: Checker,
  name: string,
  path: YamlPath,
  params: Record<string, Parameter>,
  problemOf: (value: unknown) => [string, string] | undefined,
): boolean {
  const param = params[name];
  if (!param) {
    const hint = suggest(name, Object.keys(params));
    c.error(
      path,
      `unknown parameter '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
      `未知的参数 '${name}'${hint ? `（是否应为 '${hint}'？）` : ''}`,
    );
    return false;
  }
  for (const { from, value } of param.values) {
    const problem = problemOf(value);
    if (problem) {
      c.error(
        path,
        `parameter '${name}' (value from ${from}, ${param.at.file}:${param.at.line}) has the wrong shape: ${problem[0]}`,
        `参数 '${name}'（${from} 起的取值，${param.at.file}:${param.at.line}）形式不符：${problem[1]}`,
      );
      return false;
    }
  }
  return true;
}

/** Reads and validates a condition tree; undefined (with errors recorded) when it is not valid. */
export function readCondition(
  c: Checker,
  raw: unknown,
  path: YamlPath,
  env: ConditionEnv,
): Condition | undefined {
  const obj = c.mapping(raw, path);
  if (!obj) return undefined;
  const forms = ['all', 'any', 'not', 'fact'].filter((k) => obj[k] !== undefined);
  if (forms.length !== 1) {
    c.error(
      path,
      forms.length === 0
        ? `a condition needs all, any, not or fact`
        : `a condition has exactly one of all, any, not or fact (got ${forms.join(', ')})`,
      forms.length === 0
        ? `条件需要 all、any、not 或 fact 之一`
        : `条件只能有 all、any、not、fact 其中之一（实际有 ${forms.join('、')}）`,
    );
    return undefined;
  }
  const form = forms[0] as string;
  let result: Condition | undefined;
  if (form === 'fact') result = readLeaf(c, obj, path, env);
  else {
    if (!c.keys(obj, path, [form, 'label', 'ref'], [])) return undefined;
    if (form === 'not') {
      const child = readCondition(c, obj.not, [...path, 'not'], env);
      result = child ? { not: child } : undefined;
    } else {
      const list = c.list(obj[form], [...path, form]);
      if (!list) return undefined;
      const children: Condition[] = [];
      let ok = true;
      list.forEach((item, i) => {
        const child = readCondition(c, item, [...path, form, i], env);
        if (child) children.push(child);
        else ok = false;
      });
      if (ok) result = form === 'all' ? { all: children } : { any: children };
    }
  }
  if (!result) return undefined;
  if (obj.label !== undefined) {
    const label = c.text(obj.label, [...path, 'label']);
    if (label) result.label = label;
  }
  if (obj.ref !== undefined) {
    const ref = readReference(c, obj.ref, [...path, 'ref'], env);
    if (ref) result.ref = ref;
  }
  return result;
}

/** Every leaf of a condition tree. */
export function leavesOf(cond: Condition): LeafCondition[] {
  if ('all' in cond) return cond.all.flatMap(leavesOf);
  if ('any' in cond) return cond.any.flatMap(leavesOf);
  if ('not' in cond) return leavesOf(cond.not);
  return [cond];
}
