// For the sweep: all packs' talent policies in one pack (parameters and groups prefixed by pack id),
// replicated with perturbed thresholds up to the number of policies the target names.
import type { AmountSpec, Condition, FactSchema, NumberRef, Pack, Parameter, Policy } from '@rencai/engine';

function renameRef(ref: NumberRef | undefined, prefix: string): NumberRef | undefined {
  return ref !== undefined && typeof ref === 'object' && 'param' in ref ? { param: prefix + ref.param } : ref;
}

function renameCondition(c: Condition, prefix: string, bump: number): Condition {
  if ('all' in c) return { ...c, all: c.all.map((x) => renameCondition(x, prefix, bump)) };
  if ('any' in c) return { ...c, any: c.any.map((x) => renameCondition(x, prefix, bump)) };
  if ('not' in c) return { ...c, not: renameCondition(c.not, prefix, bump) };
  const leaf = { ...c };
  if (leaf.param) leaf.param = prefix + leaf.param;
  if (bump > 0 && typeof leaf.value === 'number') leaf.value += bump;
  if (bump > 0 && Array.isArray(leaf.value) && leaf.value.length > 1 && leaf.fact === 'tier')
    leaf.value = leaf.value.slice(0, leaf.value.length - (bump % leaf.value.length));
  return leaf;
}

function renameAmount(a: AmountSpec, prefix: string): AmountSpec {
  const base = a.base;
  let b: AmountSpec['base'];
  if (base.kind === 'fixed') b = { ...base, value: renameRef(base.value, prefix) as NumberRef };
  else if (base.kind === 'table') b = { ...base, param: prefix + base.param };
  else if (base.kind === 'monthly')
    b = {
      ...base,
      perMonth: renameRef(base.perMonth, prefix) as NumberRef,
      months: renameRef(base.months, prefix) as NumberRef,
    };
  else {
    b = { ...base, rate: renameRef(base.rate, prefix) as NumberRef };
    if (base.max !== undefined) b.max = renameRef(base.max, prefix) as NumberRef;
  }
  const out: AmountSpec = { ...a, base: b };
  if (a.multiplier !== undefined) out.multiplier = renameRef(a.multiplier, prefix) as NumberRef;
  if (a.cap !== undefined) out.cap = renameRef(a.cap, prefix) as NumberRef;
  return out;
}

function renamePolicy(p: Policy, packId: string, copy: number): Policy {
  const prefix = `${packId}/`;
  const out: Policy = { ...p, conditions: renameCondition(p.conditions, prefix, copy) };
  if (copy > 0) {
    out.id = `${p.id}#${copy}`;
    delete out.exclusivity;
  } else if (p.exclusivity) out.exclusivity = { ...p.exclusivity, group: prefix + p.exclusivity.group };
  if (p.amount) out.amount = renameAmount(p.amount, prefix);
  if (p.schedule)
    out.schedule = {
      instalments: p.schedule.instalments.map((i) =>
        i.due === 'on_grant' || !i.due.condition
          ? i
          : { ...i, due: { ...i.due, condition: renameCondition(i.due.condition, prefix, 0) } },
      ),
    };
  return out;
}

/** Merges the packs' talent policies into one pack of at least `target` policies; says how it got there. */
export function mergeTalentPolicies(packs: Pack[], target: number): { pack: Pack; original: number } {
  const first = packs[0] as Pack;
  const schema: FactSchema = structuredClone(first.schema);
  const tiers = new Set<string>();
  for (const pack of packs) {
    for (const def of Object.values(pack.schema)) {
      const have = schema[def.name];
      if (!have) schema[def.name] = structuredClone(def);
      else if (have.values && def.values) have.values = [...new Set([...have.values, ...def.values])];
    }
    for (const t of pack.tiers) tiers.add(t.id);
  }
  (schema.tier as { values?: string[] }).values = [...tiers, 'NONE'];
  const parameters: Record<string, Parameter> = {};
  const originals: { policy: Policy; packId: string }[] = [];
  for (const pack of packs) {
    for (const [name, param] of Object.entries(pack.parameters))
      parameters[`${pack.id}/${name}`] = { ...param, name: `${pack.id}/${name}` };
    for (const policy of pack.policies)
      if (policy.audience === 'talent') originals.push({ policy, packId: pack.id });
  }
  const policies = originals.map((o) => renamePolicy(o.policy, o.packId, 0));
  for (let copy = 1; policies.length < target; copy++) {
    for (const o of originals) {
      if (policies.length >= target) break;
      policies.push(renamePolicy(o.policy, o.packId, copy));
    }
  }
  const pack: Pack = {
    ...first,
    id: 'bench',
    schema,
    parameters,
    policies,
    tests: [],
    exclusivityGroups: packs.flatMap((p) =>
      p.exclusivityGroups.map((g) => ({ ...g, id: `${p.id}/${g.id}` })),
    ),
  };
  return { pack, original: originals.length };
}
