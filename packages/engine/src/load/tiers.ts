// tiers.yaml: the district's talent catalogue (分层分类人才目录), ordered best first.
import { NO_TIER } from '../facts';
import type { Catalogue, Entitlement, Tier } from '../types';
import type { Checker } from './checker';
import { type ConditionEnv, readCondition, readReference } from './conditions';

/** The tier ids declared in tiers.yaml, read before the fact schema is complete. */
export function readTierIds(c: Checker): string[] {
  const root = c.parsed.data as { tiers?: unknown } | undefined;
  if (!root || !Array.isArray(root.tiers)) return [];
  return root.tiers
    .map((t) => (t && typeof t === 'object' ? (t as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
}

/** Reads tiers.yaml: the catalogue header and each tier's criteria and entitlements. */
export function readTiers(c: Checker, env: ConditionEnv): { catalogue?: Catalogue; tiers: Tier[] } {
  const root = c.mapping(c.parsed.data, []);
  if (!root) return { tiers: [] };
  c.keys(root, [], ['catalogue', 'tiers'], ['tiers']);
  let catalogue: Catalogue | undefined;
  if (root.catalogue !== undefined) {
    const o = c.mapping(root.catalogue, ['catalogue']);
    if (o && c.keys(o, ['catalogue'], ['name', 'validity_years', 'reference'], ['name'])) {
      const name = c.text(o.name, ['catalogue', 'name']);
      if (name) {
        catalogue = { name };
        if (o.validity_years !== undefined)
          catalogue.validityYears = c.number(o.validity_years, ['catalogue', 'validity_years'], { min: 0 });
        if (o.reference !== undefined)
          catalogue.reference = readReference(c, o.reference, ['catalogue', 'reference'], env);
      }
    }
  }
  const tiers: Tier[] = [];
  const list = c.list(root.tiers, ['tiers']) ?? [];
  list.forEach((item, i) => {
    const p = ['tiers', i];
    const o = c.mapping(item, p);
    if (!o) return;
    c.keys(o, p, ['id', 'name', 'criteria', 'entitlements', 'description'], ['id', 'name', 'criteria']);
    const id = c.string(o.id, [...p, 'id']);
    const name = c.text(o.name, [...p, 'name']) ?? { zh: String(o.id), en: String(o.id) };
    if (id === NO_TIER) {
      c.error([...p, 'id'], `'${NO_TIER}' is reserved for "no tier"`, `'${NO_TIER}' 保留表示"无层次"`);
      return;
    }
    if (id !== undefined && tiers.some((t) => t.id === id)) {
      c.error([...p, 'id'], `duplicate tier id '${id}'`, `层次编号 '${id}' 重复`);
      return;
    }
    const criteria = readCondition(c, o.criteria, [...p, 'criteria'], {
      ...env,
      forbidden: ['tier', 'tierCertifiedDate'],
    });
    const entitlements: Entitlement[] = [];
    const ents = o.entitlements === undefined ? [] : (c.list(o.entitlements, [...p, 'entitlements']) ?? []);
    ents.forEach((e, j) => {
      const ep = [...p, 'entitlements', j];
      const eo = c.mapping(e, ep);
      if (!eo || !c.keys(eo, ep, ['service', 'name', 'quota'], ['service', 'name'])) return;
      const service = c.string(eo.service, [...ep, 'service']);
      const ename = c.text(eo.name, [...ep, 'name']);
      if (service === undefined || !ename) return;
      const ent: Entitlement = { service, name: ename };
      if (eo.quota !== undefined) {
        const q = c.mapping(eo.quota, [...ep, 'quota']);
        if (q && c.keys(q, [...ep, 'quota'], ['count', 'per'], ['count', 'per'])) {
          const count = c.number(q.count, [...ep, 'quota', 'count'], { integer: true, min: 0 });
          const per = c.oneOf(q.per, [...ep, 'quota', 'per'], [
            'year',
            'month',
            'week',
            'day',
            'validity',
          ] as const);
          if (count !== undefined && per) ent.quota = { count, per };
        }
      }
      entitlements.push(ent);
    });
    if (id !== undefined)
      tiers.push({
        id,
        name,
        criteria: criteria ?? { any: [] },
        entitlements,
        at: { file: c.file, line: c.lineOf([...p, 'id']) },
      });
  });
  return catalogue ? { catalogue, tiers } : { tiers };
}
