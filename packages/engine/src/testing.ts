// The pack test runner: runs each case of tests/*.yaml and says, in the case's own sentence, what differed.
import { type CompiledPack, compilePack } from './compile';
import { classifyTier, evaluateSubject } from './evaluate';
import type { Decision, Pack, PackTestCase } from './types';

/** The outcome of one test case. */
export interface PackTestResult {
  name: string;
  file: string;
  line: number;
  ok: boolean;
  /** One line per difference, e.g. `demo.housing.purchase amount: expected 600000, got 500000`. */
  failures: string[];
}

/** The outcome of a pack's tests. */
export interface PackTestReport {
  packId: string;
  passed: number;
  failed: number;
  results: PackTestResult[];
}

const CENT = 0.005;

function show(value: unknown): string {
  return value === null || value === undefined
    ? 'nothing'
    : Array.isArray(value)
      ? `[${value.join(', ')}]`
      : String(value);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function checkDecision(
  id: string,
  d: Decision,
  e: PackTestCase['expect']['policies'][string],
  out: string[],
): void {
  if (e.verdict !== undefined && d.verdict !== e.verdict) {
    const why =
      d.verdict === 'unknown'
        ? ` (missing: ${d.missing.join(', ')})`
        : !d.inForce
          ? ' (not in force on that date)'
          : '';
    out.push(`${id} verdict: expected ${e.verdict}, got ${d.verdict}${why}`);
  }
  if (e.amount !== undefined) {
    if (d.amount === null)
      out.push(`${id} amount: expected ${e.amount}, got nothing (missing: ${d.amountMissing.join(', ')})`);
    else if (Math.abs(d.amount - e.amount) > CENT)
      out.push(`${id} amount: expected ${e.amount}, got ${d.amount}`);
  }
  if (e.schedule !== undefined) {
    const got = d.schedule.map((i) => i.amount);
    const ok =
      got.length === e.schedule.length &&
      got.every((g, i) => g !== null && Math.abs(g - (e.schedule?.[i] ?? 0)) <= CENT);
    if (!ok) out.push(`${id} schedule: expected ${show(e.schedule)}, got ${show(got)}`);
  }
  if (e.scheduleStates !== undefined) {
    const got = d.schedule.map((i) => i.state);
    if (got.join() !== e.scheduleStates.join())
      out.push(`${id} schedule_states: expected ${show(e.scheduleStates)}, got ${show(got)}`);
  }
  if (e.missing !== undefined && !sameSet(d.missing, e.missing))
    out.push(`${id} missing: expected ${show(e.missing)}, got ${show(d.missing)}`);
}

/** Runs one case against a compiled pack. */
export function runPackTest(pack: CompiledPack, tc: PackTestCase): PackTestResult {
  const failures: string[] = [];
  try {
    const evaluation = evaluateSubject(
      pack,
      tc.subject,
      tc.facts,
      tc.date,
      tc.grantDate ? { grantDate: tc.grantDate } : {},
    );
    if (tc.expect.tier !== undefined) {
      const got = classifyTier(pack, tc.facts, tc.date);
      if (got.tier !== tc.expect.tier) failures.push(`tier: expected ${tc.expect.tier}, got ${got.tier}`);
    }
    for (const [id, e] of Object.entries(tc.expect.policies)) {
      const d = evaluation.decisions.find((x) => x.policyId === id);
      if (!d) failures.push(`${id}: not evaluated for a ${tc.subject}`);
      else checkDecision(id, d, e, failures);
    }
    for (const [group, want] of Object.entries(tc.expect.chosen ?? {})) {
      const got = evaluation.groups.find((g) => g.group === group)?.chosen ?? null;
      if (got !== want) failures.push(`chosen ${group}: expected ${show(want)}, got ${show(got)}`);
    }
    if (tc.expect.total !== undefined && Math.abs(evaluation.total - tc.expect.total) > CENT)
      failures.push(`total: expected ${tc.expect.total}, got ${evaluation.total}`);
  } catch (e) {
    failures.push(`error: ${(e as Error).message}`);
  }
  return { name: tc.name, file: tc.at.file, line: tc.at.line, ok: failures.length === 0, failures };
}

/** Runs every test case of a pack and reports which passed and, for the others, what differed. */
export function runPackTests(pack: Pack | CompiledPack): PackTestReport {
  const compiled = 'byId' in pack ? pack : compilePack(pack);
  const results = compiled.pack.tests.map((tc) => runPackTest(compiled, tc));
  const passed = results.filter((r) => r.ok).length;
  return { packId: compiled.pack.id, passed, failed: results.length - passed, results };
}
