// tests/*.yaml: cases named as sentences, each with a date, facts and the expected answers.
import { checkFactValue, factAppliesTo, NO_TIER } from '../facts';
import type { ExclusivityGroup, FactSchema, PackTestCase, Policy, PolicyExpectation, Tier } from '../types';
import { type Checker, suggest } from './checker';

/** What test cases may refer to. */
export interface TestEnv {
  schema: FactSchema;
  policies: ReadonlyMap<string, Policy>;
  groups: readonly ExclusivityGroup[];
  tiers: readonly Tier[];
}

const CASE_KEYS = ['name', 'date', 'subject', 'facts', 'expect', 'grant_date'];
const EXPECT_KEYS = ['tier', 'policies', 'chosen', 'total'];
const POLICY_KEYS = ['verdict', 'amount', 'schedule', 'schedule_states', 'missing'];

function readExpectation(
  c: Checker,
  raw: unknown,
  p: (string | number)[],
  env: TestEnv,
): PolicyExpectation | undefined {
  const o = c.mapping(raw, p);
  if (!o || !c.keys(o, p, POLICY_KEYS, [])) return undefined;
  const e: PolicyExpectation = {};
  if (o.verdict !== undefined)
    e.verdict = c.oneOf(o.verdict, [...p, 'verdict'], ['eligible', 'ineligible', 'unknown'] as const);
  if (o.amount !== undefined) e.amount = c.number(o.amount, [...p, 'amount']);
  if (o.schedule !== undefined) {
    const list = c.list(o.schedule, [...p, 'schedule']);
    if (list) e.schedule = list.map((v, i) => c.number(v, [...p, 'schedule', i]) ?? Number.NaN);
  }
  if (o.schedule_states !== undefined) {
    const list = c.list(o.schedule_states, [...p, 'schedule_states']);
    if (list)
      e.scheduleStates = list.map(
        (v, i) =>
          c.oneOf(v, [...p, 'schedule_states', i], ['due', 'pending', 'unknown'] as const) ?? 'unknown',
      );
  }
  if (o.missing !== undefined) {
    const list = c.list(o.missing, [...p, 'missing']);
    if (list)
      e.missing = list
        .map((v, i) => {
          const name = c.string(v, [...p, 'missing', i]);
          if (name !== undefined && !env.schema[name])
            c.error([...p, 'missing', i], `unknown fact '${name}'`, `未知的事实 '${name}'`);
          return name;
        })
        .filter((v): v is string => v !== undefined);
  }
  return e;
}

/** Reads one tests file. */
export function readTests(c: Checker, env: TestEnv): PackTestCase[] {
  const list = c.list(c.parsed.data, []);
  if (!list) return [];
  const cases: PackTestCase[] = [];
  list.forEach((item, i) => {
    const p = [i];
    const o = c.mapping(item, p);
    if (!o || !c.keys(o, p, CASE_KEYS, ['name', 'date', 'facts', 'expect'])) return;
    const name = c.string(o.name, [...p, 'name']);
    const date = c.date(o.date, [...p, 'date']);
    const subject =
      o.subject === undefined
        ? 'talent'
        : c.oneOf(o.subject, [...p, 'subject'], ['talent', 'enterprise'] as const);
    const facts = c.mapping(o.facts, [...p, 'facts']);
    const expect = c.mapping(o.expect, [...p, 'expect']);
    if (name === undefined || date === undefined || !subject || !facts || !expect) return;
    for (const [fact, value] of Object.entries(facts)) {
      const def = env.schema[fact];
      if (!def || !factAppliesTo(def, subject)) {
        const hint = suggest(
          fact,
          Object.values(env.schema)
            .filter((d) => factAppliesTo(d, subject))
            .map((d) => d.name),
        );
        c.error(
          [...p, 'facts', fact],
          `unknown ${subject} fact '${fact}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
          `未知的${subject === 'talent' ? '人才' : '企业'}事实 '${fact}'${hint ? `（是否应为 '${hint}'？）` : ''}`,
          true,
        );
        continue;
      }
      if (value === null) continue;
      const problem = checkFactValue(def, value);
      if (problem) c.error([...p, 'facts', fact], `${fact}: ${problem[0]}`, `${fact}：${problem[1]}`);
    }
    const tc: PackTestCase = {
      name,
      date,
      subject,
      facts,
      expect: { policies: {} },
      at: { file: c.file, line: c.lineOf([...p, 'name']) },
    };
    if (o.grant_date !== undefined) tc.grantDate = c.date(o.grant_date, [...p, 'grant_date']);
    const ep = [...p, 'expect'];
    c.keys(expect, ep, EXPECT_KEYS, []);
    if (expect.tier !== undefined) {
      const tier = c.string(expect.tier, [...ep, 'tier']);
      if (tier !== undefined && tier !== NO_TIER && !env.tiers.some((t) => t.id === tier))
        c.error([...ep, 'tier'], `unknown tier '${tier}'`, `未知的层次 '${tier}'`);
      else tc.expect.tier = tier;
    }
    if (expect.total !== undefined) tc.expect.total = c.number(expect.total, [...ep, 'total']);
    if (expect.policies !== undefined) {
      const pol = c.mapping(expect.policies, [...ep, 'policies']) ?? {};
      for (const [id, raw] of Object.entries(pol)) {
        const policy = env.policies.get(id);
        if (!policy) {
          const hint = suggest(id, env.policies.keys());
          c.error(
            [...ep, 'policies', id],
            `unknown policy '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
            `未知的政策 '${id}'${hint ? `（是否应为 '${hint}'？）` : ''}`,
            true,
          );
          continue;
        }
        if (policy.audience !== subject) {
          c.error(
            [...ep, 'policies', id],
            `policy '${id}' is for ${policy.audience}s, the case is about a ${subject}`,
            `政策 '${id}' 面向${policy.audience === 'talent' ? '人才' : '企业'}，本用例的对象是${subject === 'talent' ? '人才' : '企业'}`,
            true,
          );
          continue;
        }
        const e = readExpectation(c, raw, [...ep, 'policies', id], env);
        if (e) tc.expect.policies[id] = e;
      }
    }
    if (expect.chosen !== undefined) {
      const chosen = c.mapping(expect.chosen, [...ep, 'chosen']) ?? {};
      tc.expect.chosen = {};
      for (const [group, id] of Object.entries(chosen)) {
        if (!env.groups.some((g) => g.id === group)) {
          c.error(
            [...ep, 'chosen', group],
            `unknown exclusivity group '${group}'`,
            `未知的互斥组 '${group}'`,
            true,
          );
          continue;
        }
        if (id === null) {
          tc.expect.chosen[group] = null;
          continue;
        }
        const pid = c.string(id, [...ep, 'chosen', group]);
        if (pid === undefined) continue;
        if (env.policies.get(pid)?.exclusivity?.group !== group)
          c.error(
            [...ep, 'chosen', group],
            `policy '${pid}' is not a member of group '${group}'`,
            `政策 '${pid}' 不属于互斥组 '${group}'`,
          );
        else tc.expect.chosen[group] = pid;
      }
    }
    cases.push(tc);
  });
  return cases;
}
