// parameters/*.yaml: named amounts and thresholds with values keyed by effective date.
import type { Parameter, ParamValue } from '../types';
import type { Checker } from './checker';
import { readReference } from './conditions';

function readValue(c: Checker, raw: unknown, path: (string | number)[]): ParamValue | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) {
    if (raw.every((v) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'))
      return raw;
    c.error(path, `a list parameter holds numbers or strings only`, `列表参数只能包含数字或字符串`);
    return undefined;
  }
  if (raw !== null && typeof raw === 'object') {
    const table: Record<string, number> = {};
    for (const [key, v] of Object.entries(raw)) {
      const n = c.number(v, [...path, key]);
      if (n === undefined) return undefined;
      table[key] = n;
    }
    return table;
  }
  c.error(
    path,
    `a parameter value is a number, a string, a list or a table of key → number`,
    `参数取值应为数字、字符串、列表或"键 → 数字"的表`,
  );
  return undefined;
}

/** Reads one parameters file into `into`, reporting duplicates across files. */
export function readParameters(
  c: Checker,
  into: Record<string, Parameter>,
  references: ReadonlySet<string>,
): void {
  const root = c.mapping(c.parsed.data, []);
  if (!root) return;
  for (const [name, raw] of Object.entries(root)) {
    const path = [name];
    if (!/^[A-Za-z][\w.-]*$/.test(name)) {
      c.error(
        path,
        `parameter name '${name}' must be letters, digits, '.', '_' or '-'`,
        `参数名 '${name}' 只能包含字母、数字、'.'、'_'、'-'`,
        true,
      );
      continue;
    }
    const existing = into[name];
    if (existing) {
      c.error(
        path,
        `duplicate parameter '${name}' (first declared at ${existing.at.file}:${existing.at.line})`,
        `参数 '${name}' 重复（首次声明于 ${existing.at.file}:${existing.at.line}）`,
        true,
      );
      continue;
    }
    const obj = c.mapping(raw, path);
    if (!obj) continue;
    if (!c.keys(obj, path, ['description', 'unit', 'reference', 'illustrative', 'values'], ['values']))
      continue;
    const param: Parameter = {
      name,
      illustrative: false,
      values: [],
      at: { file: c.file, line: c.lineOf(path) },
    };
    if (obj.description !== undefined) param.description = c.text(obj.description, [...path, 'description']);
    if (obj.unit !== undefined) param.unit = c.string(obj.unit, [...path, 'unit']);
    if (obj.reference !== undefined)
      param.reference = readReference(c, obj.reference, [...path, 'reference'], { references });
    if (obj.illustrative !== undefined)
      param.illustrative = c.boolean(obj.illustrative, [...path, 'illustrative']) ?? false;
    const values = c.mapping(obj.values, [...path, 'values']);
    if (!values) continue;
    let ok = true;
    for (const [from, v] of Object.entries(values)) {
      const date = c.date(from, [...path, 'values', from]);
      const value = readValue(c, v, [...path, 'values', from]);
      if (date === undefined || value === undefined) ok = false;
      else param.values.push({ from: date, value });
    }
    if (param.values.length === 0 && ok) {
      c.error([...path, 'values'], `parameter '${name}' has no values`, `参数 '${name}' 没有取值`);
      ok = false;
    }
    if (!ok) continue;
    param.values.sort((a, b) => (a.from < b.from ? -1 : 1));
    into[name] = param;
  }
}
