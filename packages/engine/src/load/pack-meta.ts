// pack.yaml: identity, references, funds, exclusivity groups and the pack's own facts.
import type { ExclusivityGroup, FactDef, FactType, Fund, Reference, Text } from '../types';
import type { Checker } from './checker';

const FACT_TYPES: readonly FactType[] = [
  'boolean',
  'integer',
  'number',
  'string',
  'date',
  'enum',
  'string_list',
  'money_map',
];

/** A stand-in for a text that failed validation (the error is recorded; this only avoids follow-on errors). */
function fallbackText(value: unknown): Text {
  return { zh: String(value), en: String(value) };
}

/** The parts of pack.yaml the rest of the loader needs. */
export interface PackMeta {
  id: string;
  name: Text;
  version: string;
  currency: string;
  references: Reference[];
  funds: Fund[];
  exclusivityGroups: ExclusivityGroup[];
  facts: FactDef[];
}

function readIdList<T extends { id: string }>(
  c: Checker,
  raw: unknown,
  key: string,
  read: (obj: Record<string, unknown>, path: (string | number)[]) => T | undefined,
): T[] {
  if (raw === undefined) return [];
  const list = c.list(raw, [key]);
  if (!list) return [];
  const out: T[] = [];
  list.forEach((item, i) => {
    const obj = c.mapping(item, [key, i]);
    if (!obj) return;
    const value = read(obj, [key, i]);
    if (!value) return;
    if (out.some((o) => o.id === value.id))
      c.error([key, i, 'id'], `duplicate ${key} id '${value.id}'`, `${key} 的编号 '${value.id}' 重复`);
    else out.push(value);
  });
  return out;
}

/** Reads pack.yaml; the facts returned are the pack's extensions only. */
export function readPackMeta(c: Checker, coreNames: ReadonlySet<string>): PackMeta | undefined {
  const root = c.mapping(c.parsed.data, []);
  if (!root) return undefined;
  const allowed = ['id', 'name', 'version', 'currency', 'references', 'funds', 'exclusivity_groups', 'facts'];
  c.keys(root, [], allowed, ['id', 'name', 'version']);
  const id = c.string(root.id, ['id']);
  const name = c.text(root.name, ['name']);
  const version = c.string(root.version, ['version']);
  const currency = root.currency === undefined ? 'CNY' : c.string(root.currency, ['currency']);
  const references = readIdList(c, root.references, 'references', (o, p) => {
    c.keys(o, p, ['id', 'title', 'issued', 'url'], ['id', 'title']);
    const rid = c.string(o.id, [...p, 'id']);
    const title = c.string(o.title, [...p, 'title']) ?? String(o.id);
    if (rid === undefined) return undefined;
    const ref: Reference = { id: rid, title };
    if (o.issued !== undefined) ref.issued = c.date(o.issued, [...p, 'issued']);
    if (o.url !== undefined) ref.url = c.string(o.url, [...p, 'url']);
    return ref;
  });
  const funds = readIdList(c, root.funds, 'funds', (o, p) => {
    c.keys(o, p, ['id', 'name'], ['id', 'name']);
    const fid = c.string(o.id, [...p, 'id']);
    const fname = c.text(o.name, [...p, 'name']) ?? fallbackText(o.id);
    return fid !== undefined ? { id: fid, name: fname } : undefined;
  });
  const exclusivityGroups = readIdList(c, root.exclusivity_groups, 'exclusivity_groups', (o, p) => {
    c.keys(o, p, ['id', 'name', 'resolution'], ['id', 'name', 'resolution']);
    const gid = c.string(o.id, [...p, 'id']);
    const gname = c.text(o.name, [...p, 'name']) ?? fallbackText(o.id);
    const resolution = c.oneOf(o.resolution, [...p, 'resolution'], [
      'highest',
      'newest',
      'priority',
    ] as const);
    return gid !== undefined ? { id: gid, name: gname, resolution: resolution ?? 'highest' } : undefined;
  });
  const facts: FactDef[] = [];
  if (root.facts !== undefined) {
    const list = c.list(root.facts, ['facts']) ?? [];
    list.forEach((item, i) => {
      const p = ['facts', i];
      const o = c.mapping(item, p);
      if (!o) return;
      c.keys(
        o,
        p,
        ['name', 'type', 'subject', 'label', 'values', 'value_labels'],
        ['name', 'type', 'subject', 'label'],
      );
      const fname = c.string(o.name, [...p, 'name']);
      const type = c.oneOf(o.type, [...p, 'type'], FACT_TYPES);
      const subject = c.oneOf(o.subject, [...p, 'subject'], ['talent', 'enterprise', 'both'] as const);
      const label = c.text(o.label, [...p, 'label']) ?? fallbackText(o.name);
      if (fname === undefined || !type || !subject) return;
      if (!/^[a-z][A-Za-z0-9]*$/.test(fname) || fname in Object.prototype) {
        c.error(
          [...p, 'name'],
          `fact names are camelCase, got '${fname}'`,
          `事实名应为 camelCase，实际为 '${fname}'`,
        );
        return;
      }
      if (coreNames.has(fname) || facts.some((f) => f.name === fname)) {
        c.error(
          [...p, 'name'],
          `duplicate fact '${fname}' (already defined)`,
          `事实 '${fname}' 重复（已定义）`,
        );
        return;
      }
      const def: FactDef = { name: fname, type, subject, label, origin: 'pack' };
      if (o.values !== undefined) {
        if (type !== 'enum' && type !== 'string_list') {
          c.error(
            [...p, 'values'],
            `only enum and string_list facts have values`,
            `只有 enum 和 string_list 事实可以列出取值`,
          );
          return;
        }
        const values = c.list(o.values, [...p, 'values']);
        if (!values) return;
        const strings = values.map((v, j) => c.string(v, [...p, 'values', j]));
        if (strings.some((s) => s === undefined)) return;
        def.values = strings as string[];
      } else if (type === 'enum') {
        c.error(p, `an enum fact needs values`, `枚举事实需要列出 values`);
        return;
      }
      if (o.value_labels !== undefined) {
        const labels = c.mapping(o.value_labels, [...p, 'value_labels']);
        if (!labels) return;
        def.valueLabels = {};
        for (const [v, l] of Object.entries(labels)) {
          if (!def.values?.includes(v)) {
            c.error(
              [...p, 'value_labels', v],
              `'${v}' is not one of the values`,
              `'${v}' 不在 values 中`,
              true,
            );
            continue;
          }
          const text = c.text(l, [...p, 'value_labels', v]);
          if (text) def.valueLabels[v] = text;
        }
      }
      facts.push(def);
    });
  }
  if (id === undefined) return undefined;
  return {
    id,
    name: name ?? fallbackText(id),
    version: version ?? '0.0.0',
    currency: currency ?? 'CNY',
    references,
    funds,
    exclusivityGroups,
    facts,
  };
}
