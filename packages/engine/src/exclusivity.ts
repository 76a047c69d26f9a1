// Exclusivity groups (就高不重复 and friends): of a group's eligible members a subject keeps one —
// the highest amount, the newest policy or the lowest priority number; ties go to the lower priority.
import type { ExclusivityGroup, Policy, Resolution, Verdict } from './types';

/** A group member as the resolution sees it. */
export interface Contender {
  policy: Policy;
  verdict: Verdict;
  amount: number | null;
}

function priorityOf(p: Policy): number {
  return p.exclusivity?.priority ?? Number.POSITIVE_INFINITY;
}

/** Orders two eligible policies with their amounts: negative when the first wins. */
export function comparePolicies(
  resolution: Resolution,
  a: Policy,
  amountA: number | null,
  b: Policy,
  amountB: number | null,
): number {
  if (resolution === 'highest') {
    const d = (amountB ?? Number.NEGATIVE_INFINITY) - (amountA ?? Number.NEGATIVE_INFINITY);
    if (d !== 0 && !Number.isNaN(d)) return d;
  } else if (resolution === 'newest' && a.effective.from !== b.effective.from) {
    return a.effective.from > b.effective.from ? -1 : 1;
  }
  const pa = priorityOf(a);
  const pb = priorityOf(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Orders two contenders: negative when `a` wins. */
export function compareContenders(resolution: Resolution, a: Contender, b: Contender): number {
  return comparePolicies(resolution, a.policy, a.amount, b.policy, b.amount);
}

/** Picks the member a group keeps among the eligible ones; `undecided` when an unknown member could still win. */
export function resolveGroup(
  group: ExclusivityGroup,
  members: readonly Contender[],
): { chosen: Contender | undefined; undecided: boolean } {
  let chosen: Contender | undefined;
  for (const m of members) {
    if (m.verdict !== 'eligible') continue;
    if (!chosen || compareContenders(group.resolution, m, chosen) < 0) chosen = m;
  }
  const undecided = members.some(
    (m) =>
      m.verdict === 'unknown' &&
      (!chosen ||
        (group.resolution === 'highest' && m.amount === null) ||
        compareContenders(group.resolution, m, chosen) < 0),
  );
  return { chosen, undecided };
}
