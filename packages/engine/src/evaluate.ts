// Per-subject evaluation: every policy's verdict, amount and schedule on a date, exclusivity resolved,
// the total after 就高不重复; explanations of one policy; the catalogue tier a talent qualifies for.
import { computeAmount } from './amounts';
import { asDate, type BoundPolicy, type CompiledPack } from './compile';
import { explainCondition, missingFacts, PASS, UNKNOWN } from './conditions/explain';
import type { DateContext } from './dates';
import { type Contender, resolveGroup } from './exclusivity';
import { type Derived, deriveInto, emptyDerived, NO_TIER } from './facts';
import { computeSchedule } from './schedule';
import type {
  Audience,
  Decision,
  ExplainNode,
  Explanation,
  Facts,
  GroupResolution,
  IsoDate,
  SubjectEvaluation,
  Text,
  TierClassification,
  Verdict,
} from './types';

/** Options of a per-subject evaluation. */
export interface EvaluateOptions {
  /** When the grant was made (instalments fall due counted from it); defaults to the evaluation date. */
  grantDate?: IsoDate;
  /** Evaluate only these policy ids. */
  policies?: readonly string[];
}

const VERDICTS: readonly Verdict[] = ['ineligible', 'unknown', 'eligible'];

/** Decides one bound policy for prepared facts (the shared core of every entry point). */
export function decideBound(bp: BoundPolicy, facts: Facts, derived: Derived, grantDate?: IsoDate): Decision {
  const policy = bp.policy;
  const decision: Decision = {
    policyId: policy.id,
    title: policy.title,
    kind: policy.kind,
    verdict: 'ineligible',
    summary: { zh: '', en: '' },
    inForce: bp.inForce,
    amount: 0,
    amountMissing: [],
    schedule: [],
    missing: [],
    grantMode: policy.grantMode,
    fund: policy.fund,
    exclusivity: undefined,
  };
  if (policy.exclusivity)
    decision.exclusivity = { group: policy.exclusivity.group, chosen: false, chosenPolicy: null };
  if (!bp.inForce) {
    const { from, to } = policy.effective;
    decision.summary = {
      zh: `不在有效期内（${from} 至 ${to ?? '今'}）`,
      en: `not in force on that date (${from} – ${to ?? 'open'})`,
    };
    return decision;
  }
  const r = bp.predicate(facts, derived);
  decision.verdict = VERDICTS[r] as Verdict;
  if (r === UNKNOWN) decision.missing = missingFacts(bp.condition, facts, derived);
  decision.summary = summarize(bp, r, decision.missing, facts, derived);
  if (r === PASS || r === UNKNOWN) {
    const amount = bp.amount ? bp.amount.value(facts, derived) : 0;
    decision.amount = amount;
    if (amount === null && bp.amount)
      decision.amountMissing = computeAmount(bp.amount, facts, derived, false).missing;
    decision.schedule = computeSchedule(bp.instalments, amount, facts, derived, bp.at, grantDate);
  }
  return decision;
}

function firstFailure(node: ExplainNode): ExplainNode {
  if (node.kind !== 'all' && node.kind !== 'any') return node;
  const child = node.children?.find((c) => c.status === 'fail');
  return child ? firstFailure(child) : node;
}

function summarize(bp: BoundPolicy, r: number, missing: string[], facts: Facts, derived: Derived): Text {
  if (r === PASS) return { zh: '符合条件', en: 'eligible' };
  if (r === UNKNOWN) {
    const label = (lang: 'zh' | 'en') =>
      missing.map((m) => factLabel(bp, m, lang) ?? m).join(lang === 'zh' ? '、' : ', ');
    return { zh: `需补充：${label('zh')}`, en: `tell us: ${label('en')}` };
  }
  const failed = firstFailure(explainCondition(bp.condition, facts, derived)).text;
  return { zh: `不满足：${failed.zh}`, en: `not met: ${failed.en}` };
}

function factLabel(bp: BoundPolicy, fact: string, lang: 'zh' | 'en'): string | undefined {
  return bp.pack.schema[fact]?.label[lang];
}

/** Derives age and friends for one subject on one date. */
export function prepareFacts(facts: Facts, at: DateContext): Derived {
  return deriveInto(emptyDerived(), facts, at);
}

function resolveExclusivity(pack: CompiledPack, decisions: Decision[]): GroupResolution[] {
  const groups: GroupResolution[] = [];
  for (const group of pack.pack.exclusivityGroups) {
    const members = decisions.filter((d) => d.exclusivity?.group === group.id);
    if (members.length === 0) continue;
    const contenders: (Contender & { decision: Decision })[] = members.map((d) => ({
      policy: pack.byId.get(d.policyId)?.policy as Contender['policy'],
      verdict: d.verdict,
      amount: d.amount,
      decision: d,
    }));
    const { chosen, undecided } = resolveGroup(group, contenders);
    const chosenId = chosen?.policy.id ?? null;
    for (const d of members)
      if (d.exclusivity)
        d.exclusivity = { group: group.id, chosen: d.policyId === chosenId, chosenPolicy: chosenId };
    groups.push({
      group: group.id,
      resolution: group.resolution,
      chosen: chosenId,
      members: members.map((d) => ({ policyId: d.policyId, verdict: d.verdict, amount: d.amount })),
      undecided,
    });
  }
  return groups;
}

/** Evaluates every policy for a talent or an enterprise on a date, with exclusivity and the total entitlement. */
export function evaluateSubject(
  pack: CompiledPack,
  subject: Audience,
  facts: Facts,
  asOf: IsoDate | Date,
  options: EvaluateOptions = {},
): SubjectEvaluation {
  const at = asDate(asOf);
  const derived = prepareFacts(facts, at);
  const only = options.policies ? new Set(options.policies) : undefined;
  const decisions: Decision[] = [];
  for (const cp of pack.policies) {
    if (cp.policy.audience !== subject || (only && !only.has(cp.policy.id))) continue;
    decisions.push(decideBound(cp.on(at), facts, derived, options.grantDate));
  }
  const groups = resolveExclusivity(pack, decisions);
  let total = 0;
  let totalComplete = true;
  const missing: string[] = [];
  for (const d of decisions) {
    if (d.verdict === 'unknown') for (const m of d.missing) if (!missing.includes(m)) missing.push(m);
    if (d.verdict !== 'eligible' || (d.exclusivity && !d.exclusivity.chosen)) continue;
    if (d.amount === null) totalComplete = false;
    else total += d.amount;
  }
  return {
    subject,
    asOf: at.iso,
    decisions,
    groups,
    total: Math.round(total * 100) / 100,
    totalComplete,
    missing,
  };
}

function policyOrThrow(pack: CompiledPack, policyId: string) {
  const cp = pack.byId.get(policyId);
  if (!cp) throw new RangeError(`unknown policy '${policyId}' in pack '${pack.pack.id}'`);
  return cp;
}

/** Decides one policy for one subject on a date (no exclusivity: see evaluateSubject for that). */
export function decide(
  pack: CompiledPack,
  policyId: string,
  facts: Facts,
  asOf: IsoDate | Date,
  options: EvaluateOptions = {},
): Decision {
  const at = asDate(asOf);
  return decideBound(policyOrThrow(pack, policyId).on(at), facts, prepareFacts(facts, at), options.grantDate);
}

/** Explains one policy's decision: the condition tree with values and parameters, the amount steps, the schedule. */
export function explainPolicy(
  pack: CompiledPack,
  policyId: string,
  facts: Facts,
  asOf: IsoDate | Date,
  options: EvaluateOptions = {},
): Explanation {
  const at = asDate(asOf);
  const bp = policyOrThrow(pack, policyId).on(at);
  const derived = prepareFacts(facts, at);
  const condition = explainCondition(bp.condition, facts, derived);
  const r = condition.status === 'pass' ? PASS : condition.status === 'unknown' ? UNKNOWN : 0;
  const verdict: Verdict = bp.inForce ? (VERDICTS[r] as Verdict) : 'ineligible';
  const amount = bp.amount
    ? computeAmount(bp.amount, facts, derived, true)
    : { value: 0, missing: [], steps: [] };
  const payable = verdict === 'ineligible' ? null : amount.value;
  return {
    policyId,
    title: bp.policy.title,
    asOf: at.iso,
    verdict,
    window: { from: bp.policy.effective.from, to: bp.policy.effective.to, inForce: bp.inForce },
    condition,
    missing: verdict === 'unknown' ? [...condition.missing] : [],
    amount,
    schedule:
      verdict === 'ineligible'
        ? []
        : computeSchedule(bp.instalments, payable, facts, derived, at, options.grantDate),
  };
}

/** Finds the best catalogue tier a talent's facts qualify for, and the better tiers still unknown. */
export function classifyTier(pack: CompiledPack, facts: Facts, asOf: IsoDate | Date): TierClassification {
  const at = asDate(asOf);
  const derived = prepareFacts(facts, at);
  const unknown: TierClassification['unknown'] = [];
  for (const bt of pack.tiersOn(at)) {
    const explanation = explainCondition(bt.condition, facts, derived);
    if (explanation.status === 'pass')
      return { tier: bt.tier.id, definite: unknown.length === 0, explanation, unknown };
    if (explanation.status === 'unknown')
      unknown.push({ tier: bt.tier.id, missing: [...explanation.missing], explanation });
  }
  return { tier: NO_TIER, definite: unknown.length === 0, explanation: undefined, unknown };
}
