// Drawing a committee panel (小同行评议) and totalling rubric scores. Pure: the service loads the pool
// and the case's conflicts, and stores what these functions decide.
import { randomInt } from 'node:crypto';
import { AppError } from '../../errors';

export type PoolExpert = { accountId: number; enterpriseId: number | null; active: boolean };

/** A source of uniform integers in [0, n); crypto-strong by default, seedable in tests. */
export type RandomInt = (n: number) => number;

export const cryptoRandom: RandomInt = (n) => randomInt(n);

/** A small seeded generator (mulberry32) for reproducible draws in tests. */
export function seededRandom(seed: number): RandomInt {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const x = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(x * n);
  };
}

/** The experts who may sit on a case: active, and not employed by any enterprise in conflict. */
export function eligibleExperts(pool: readonly PoolExpert[], conflicts: ReadonlySet<number>): PoolExpert[] {
  return pool.filter((e) => e.active && (e.enterpriseId === null || !conflicts.has(e.enterpriseId)));
}

/**
 * Draws `size` distinct experts uniformly at random from the eligible pool (partial Fisher–Yates),
 * never one whose employer is in `conflicts` (the talent's employer, the nominating employer). Refuses
 * with a clear error when fewer than `size` eligible experts remain.
 */
export function drawPanel(
  pool: readonly PoolExpert[],
  conflicts: ReadonlySet<number>,
  size: number,
  random: RandomInt = cryptoRandom,
): number[] {
  const eligible = eligibleExperts(pool, conflicts).map((e) => e.accountId);
  if (eligible.length < size) {
    throw new AppError(
      'conflict',
      {
        zh: `可抽取的专家不足：需要 ${size} 名，回避同单位专家后只剩 ${eligible.length} 名，请先扩充专家库`,
        en: `Not enough eligible experts: ${size} needed, only ${eligible.length} remain after excluding the talent's own employer; add experts to the pool first`,
      },
      { needed: size, eligible: eligible.length, excludedEmployers: [...conflicts] },
    );
  }
  for (let i = 0; i < size; i++) {
    const j = i + random(eligible.length - i);
    const tmp = eligible[i] as number;
    eligible[i] = eligible[j] as number;
    eligible[j] = tmp;
  }
  return eligible.slice(0, size);
}

export type Rubric = {
  scale: 'percent' | 'five';
  criteria: { id: string; zh: string; en: string; weight: number }[];
};

/** The weighted total of one expert's scores on a 0–100 scale (a 1–5 rubric maps 1 → 0, 5 → 100). */
export function weightedTotal(rubric: Rubric, scores: Record<string, number>): number {
  const weights = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  let total = 0;
  for (const c of rubric.criteria) {
    const v = scores[c.id] ?? 0;
    const normalised = rubric.scale === 'five' ? ((v - 1) / 4) * 100 : v;
    total += normalised * c.weight;
  }
  return Math.round((total / (weights || 1)) * 100) / 100;
}

/** Checks that every criterion has a score in range and nothing else is scored; lists each problem by field. */
export function checkScores(
  rubric: Rubric,
  scores: Record<string, number>,
): { field: string; message: string }[] {
  const [lo, hi] = rubric.scale === 'five' ? [1, 5] : [0, 100];
  const problems: { field: string; message: string }[] = [];
  for (const c of rubric.criteria) {
    const v = scores[c.id];
    if (v === undefined) problems.push({ field: `scores.${c.id}`, message: 'missing' });
    else if (!Number.isFinite(v) || v < lo || v > hi || (rubric.scale === 'five' && !Number.isInteger(v)))
      problems.push({ field: `scores.${c.id}`, message: `out of range ${lo}–${hi}` });
  }
  for (const id of Object.keys(scores))
    if (!rubric.criteria.some((c) => c.id === id))
      problems.push({ field: `scores.${id}`, message: 'unknown' });
  return problems;
}
