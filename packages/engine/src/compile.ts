// A compiled pack: each policy and tier bound lazily to an evaluation date (parameters in force,
// predicate generated) and cached, so bulk and interactive calls pay for compilation once per date.
import { type BoundAmount, bindAmount } from './amounts';
import { type BoundNode, bindCondition } from './conditions/bind';
import { compilePredicate, type Predicate } from './conditions/compile';
import { type DateContext, dateContext } from './dates';
import { type BoundInstalment, bindSchedule } from './schedule';
import type { IsoDate, Pack, Policy, Tier } from './types';

const BINDINGS_MAX = 64;

/** A policy bound to one evaluation date. */
export interface BoundPolicy {
  policy: Policy;
  pack: Pack;
  at: DateContext;
  inForce: boolean;
  condition: BoundNode;
  predicate: Predicate;
  amount: BoundAmount | undefined;
  instalments: BoundInstalment[];
}

/** A tier's criteria bound to one evaluation date. */
export interface BoundTier {
  tier: Tier;
  condition: BoundNode;
  predicate: Predicate;
}

/** A policy ready to evaluate on any date. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly index: number;
  /** The policy bound to a date (cached per date). */
  on(at: DateContext): BoundPolicy;
}

/** A pack ready to evaluate: policies and tiers compiled, bound per date on demand. */
export interface CompiledPack {
  readonly pack: Pack;
  readonly policies: readonly CompiledPolicy[];
  readonly byId: ReadonlyMap<string, CompiledPolicy>;
  /** The catalogue's tiers bound to a date, best first (cached per date). */
  tiersOn(at: DateContext): readonly BoundTier[];
}

function cached<T>(build: (at: DateContext) => T): (at: DateContext) => T {
  const memo = new Map<IsoDate, T>();
  return (at) => {
    let hit = memo.get(at.iso);
    if (hit === undefined) {
      if (memo.size >= BINDINGS_MAX) memo.clear();
      hit = build(at);
      memo.set(at.iso, hit);
    }
    return hit;
  };
}

function compilePolicy(pack: Pack, policy: Policy, index: number): CompiledPolicy {
  const on = cached((at): BoundPolicy => {
    const condition = bindCondition(policy.conditions, pack, at);
    return {
      policy,
      pack,
      at,
      inForce:
        policy.effective.from <= at.iso &&
        (policy.effective.to === undefined || at.iso <= policy.effective.to),
      condition,
      predicate: compilePredicate(condition),
      amount: policy.amount ? bindAmount(policy.amount, pack, at.iso) : undefined,
      instalments: bindSchedule(policy.schedule, pack, at),
    };
  });
  return { policy, index, on };
}

/** Compiles a loaded pack for evaluation; cheap, since binding to a date happens on first use. */
export function compilePack(pack: Pack): CompiledPack {
  const policies = pack.policies.map((p, i) => compilePolicy(pack, p, i));
  const tiersOn = cached((at) =>
    pack.tiers.map((tier) => {
      const condition = bindCondition(tier.criteria, pack, at);
      return { tier, condition, predicate: compilePredicate(condition) };
    }),
  );
  return { pack, policies, byId: new Map(policies.map((p) => [p.policy.id, p])), tiersOn };
}

/** Accepts an ISO date or a Date and returns the parsed evaluation date. */
export function asDate(asOf: IsoDate | Date | DateContext): DateContext {
  return typeof asOf === 'object' && !(asOf instanceof Date) ? asOf : dateContext(asOf);
}
