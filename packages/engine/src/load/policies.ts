// policies/*.yaml: one policy a file, validated field by field.
import type { Material, Policy, PolicyKind, ReviewStage } from '../types';
import { readAmount, readSchedule } from './amounts';
import type { Checker } from './checker';
import { type ConditionEnv, readCondition, readReference } from './conditions';

const KINDS: readonly PolicyKind[] = [
  'housing',
  'rent',
  'living_allowance',
  'startup',
  'project',
  'award',
  'employer_reward',
  'loan',
  'schooling',
  'medical',
  'transport',
  'event',
  'apartment',
  'training',
  'other',
];

const KEYS = [
  'id',
  'title',
  'summary',
  'original_text',
  'reference',
  'department',
  'audience',
  'kind',
  'illustrative',
  'effective',
  'conditions',
  'amount',
  'schedule',
  'exclusivity',
  'grant_mode',
  'materials',
  'review_stages',
  'fund',
  'stacks_on',
];

/** Reads one policy file (partially, when parts are invalid); cross-references are checked by the caller. */
export function readPolicy(c: Checker, base: Omit<ConditionEnv, 'audience'>): Policy | undefined {
  const root = c.mapping(c.parsed.data, []);
  if (!root) return undefined;
  c.keys(root, [], KEYS, ['id', 'title', 'audience', 'kind', 'effective', 'conditions']);
  const id = c.string(root.id, ['id']);
  if (id !== undefined && !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(id))
    c.error(
      ['id'],
      `policy ids look like <district>.<area>.<name>, got '${id}'`,
      `政策编号形如 <区>.<领域>.<名称>，实际为 '${id}'`,
    );
  const title = c.text(root.title, ['title']);
  const audience = c.oneOf(root.audience, ['audience'], ['talent', 'enterprise'] as const);
  const kind = c.oneOf(root.kind, ['kind'], KINDS);
  const eff = c.mapping(root.effective, ['effective']);
  let effective: Policy['effective'] | undefined;
  if (eff && c.keys(eff, ['effective'], ['from', 'to'], ['from'])) {
    const from = c.date(eff.from, ['effective', 'from']);
    const to = eff.to === undefined || eff.to === null ? undefined : c.date(eff.to, ['effective', 'to']);
    if (from !== undefined && to !== undefined && to < from)
      c.error(
        ['effective', 'to'],
        `effective.to ${to} is before effective.from ${from}`,
        `effective.to ${to} 早于 effective.from ${from}`,
      );
    else if (from !== undefined && (eff.to === undefined || eff.to === null || to !== undefined))
      effective = to === undefined ? { from } : { from, to };
  }
  if (id === undefined || !title || !audience || !kind || !effective) return undefined;
  const env: ConditionEnv = { ...base, audience };
  const conditions =
    root.conditions === undefined ? undefined : readCondition(c, root.conditions, ['conditions'], env);
  const policy: Policy = {
    id,
    title,
    audience,
    kind,
    illustrative: false,
    effective,
    conditions: conditions ?? { all: [] },
    grantMode: 'apply',
    materials: [],
    reviewStages: [],
    at: { file: c.file, line: c.lineOf(['id']) },
  };
  if (root.summary !== undefined) policy.summary = c.text(root.summary, ['summary']);
  if (root.original_text !== undefined) policy.originalText = c.string(root.original_text, ['original_text']);
  if (root.reference !== undefined) policy.reference = readReference(c, root.reference, ['reference'], base);
  if (root.department !== undefined) policy.department = c.text(root.department, ['department']);
  if (root.illustrative !== undefined)
    policy.illustrative = c.boolean(root.illustrative, ['illustrative']) ?? false;
  if (root.amount !== undefined) {
    policy.amount = readAmount(c, root.amount, ['amount'], env);
  }
  if (root.schedule !== undefined) {
    policy.schedule = readSchedule(c, root.schedule, ['schedule'], env);
  }
  if (root.exclusivity !== undefined) {
    const ex = c.mapping(root.exclusivity, ['exclusivity']);
    if (ex && c.keys(ex, ['exclusivity'], ['group', 'priority'], ['group'])) {
      const group = c.string(ex.group, ['exclusivity', 'group']);
      const priority =
        ex.priority === undefined
          ? undefined
          : c.number(ex.priority, ['exclusivity', 'priority'], { integer: true });
      if (group !== undefined) policy.exclusivity = priority === undefined ? { group } : { group, priority };
    }
  }
  if (root.grant_mode !== undefined)
    policy.grantMode = c.oneOf(root.grant_mode, ['grant_mode'], ['apply', 'automatic'] as const) ?? 'apply';
  if (root.materials !== undefined) {
    const list = c.list(root.materials, ['materials']) ?? [];
    list.forEach((item, i) => {
      const p = ['materials', i];
      const m = c.mapping(item, p);
      if (!m || !c.keys(m, p, ['id', 'name', 'optional'], ['id', 'name'])) return;
      const mid = c.string(m.id, [...p, 'id']);
      const name = c.text(m.name, [...p, 'name']);
      const optional =
        m.optional === undefined ? false : (c.boolean(m.optional, [...p, 'optional']) ?? false);
      if (mid === undefined || !name) return;
      if (policy.materials.some((x) => x.id === mid))
        c.error([...p, 'id'], `duplicate material id '${mid}'`, `材料编号 '${mid}' 重复`);
      else policy.materials.push({ id: mid, name, optional } satisfies Material);
    });
  }
  if (root.review_stages !== undefined) {
    const list = c.list(root.review_stages, ['review_stages']) ?? [];
    list.forEach((item, i) => {
      const p = ['review_stages', i];
      const s = c.mapping(item, p);
      if (!s || !c.keys(s, p, ['id', 'name', 'days', 'department'], ['id', 'name'])) return;
      const sid = c.string(s.id, [...p, 'id']);
      const name = c.text(s.name, [...p, 'name']);
      if (sid === undefined || !name) return;
      const stage: ReviewStage = { id: sid, name };
      if (s.days !== undefined) stage.days = c.number(s.days, [...p, 'days'], { integer: true, min: 0 });
      if (s.department !== undefined) stage.department = c.string(s.department, [...p, 'department']);
      if (policy.reviewStages.some((x) => x.id === sid))
        c.error([...p, 'id'], `duplicate review stage id '${sid}'`, `审核环节编号 '${sid}' 重复`);
      else policy.reviewStages.push(stage);
    });
  }
  if (root.fund !== undefined) policy.fund = c.string(root.fund, ['fund']);
  if (root.stacks_on !== undefined) {
    const list = c.list(root.stacks_on, ['stacks_on']) ?? [];
    policy.stacksOn = list
      .map((v, i) => c.string(v, ['stacks_on', i]))
      .filter((v): v is string => v !== undefined);
  }
  if (root.notes !== undefined) policy.notes = c.string(root.notes, ['notes']);
  return policy;
}
