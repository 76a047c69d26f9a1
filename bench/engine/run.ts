// Engine benchmark: compiled evaluations/s, explanations/s and the 1M × 100-policy sweep on the
// district packs, beside json-logic-js and json-rules-engine on the same rule and data, in one run.
// `npm run bench:engine` (BENCH_N=200000 for a quicker run). Targets are printed, never asserted.
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  compilePack,
  explainPolicy,
  loadPack,
  matchBulk,
  matchBulkColumnar,
  matchTable,
  matchTableParallel,
  type Pack,
  type Policy,
  subjectTable,
  type TableBatch,
} from '@rencai/engine';
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import type { BoundNode } from '../../packages/engine/src/conditions/bind';
import { explainCondition } from '../../packages/engine/src/conditions/explain';
import { dateContext } from '../../packages/engine/src/dates';
import { type Derived, deriveInto, emptyDerived, inputFact } from '../../packages/engine/src/facts';
import { leavesOf } from '../../packages/engine/src/load/conditions';
import { mergeTalentPolicies } from './merge';
import { factsOf, toJsonLogic, toRulesEngine } from './peers';
import { generateProfiles } from './profiles';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const JRE_N = Math.min(N, Number(process.env.BENCH_JRE_N ?? 100_000));
const POLICIES = 100;
const THREADS = Math.max(1, Number(process.env.BENCH_THREADS ?? Math.min(2, availableParallelism())));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const AS_OF = '2025-06-01';
const ROOT = resolve(import.meta.dirname, '../..');
const log = (s = '') => process.stdout.write(`${s}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function rate(n: number, ms: number): string {
  const perSec = (n / ms) * 1000;
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(1)} M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k/s`;
  return `${perSec.toFixed(0)} /s`;
}

function seconds(ms: number): string {
  return ms >= 3_600_000
    ? `${(ms / 3_600_000).toFixed(1)} h`
    : ms >= 60_000
      ? `${(ms / 60_000).toFixed(1)} min`
      : `${(ms / 1000).toFixed(2)} s`;
}

async function loadPacks(): Promise<{ packs: Pack[]; notes: string[] }> {
  const notes: string[] = [];
  const packs: Pack[] = [];
  let dirs: string[] = [];
  try {
    dirs = readdirSync(join(ROOT, 'packs'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    notes.push('no packs/ directory');
  }
  for (const dir of dirs) {
    try {
      packs.push(await loadPack(join(ROOT, 'packs', dir)));
    } catch (e) {
      notes.push(`packs/${dir} did not load (${(e as Error).message.split('\n')[0]}): skipped`);
    }
  }
  if (packs.length === 0) {
    notes.push('no district pack loaded: using the engine fixture pack packages/engine/test-fixtures/demo');
    packs.push(await loadPack(join(ROOT, 'packages/engine/test-fixtures/demo')));
  }
  return { packs, notes };
}

function amountFacts(p: Policy): string[] {
  const out: string[] = [];
  const a = p.amount;
  if (!a) return out;
  const add = (r: unknown) => {
    if (r && typeof r === 'object' && 'fact' in r) out.push((r as { fact: string }).fact);
  };
  const b = a.base;
  if (b.kind === 'table' || b.kind === 'percent' || b.kind === 'per_unit') out.push(b.fact);
  if (b.kind === 'monthly') add(b.months);
  add(a.multiplier);
  add(a.cap);
  return out;
}

async function main() {
  const t0 = performance.now();
  log(
    `Rencai engine benchmark · node ${process.version} · ${cpus()[0]?.model ?? 'cpu'} · ${availableParallelism()} cores · N = ${N.toLocaleString('en-US')}`,
  );
  const { packs, notes } = await loadPacks();
  log(
    `packs: ${packs.map((p) => `${p.id} (${p.policies.filter((x) => x.audience === 'talent').length} talent policies)`).join(', ')}`,
  );
  for (const n of notes) log(`note: ${n}`);
  const { pack: merged, original } = mergeTalentPolicies(packs, POLICIES);
  if (original < POLICIES)
    log(
      `note: the packs have ${original} talent policies; replicated with perturbed thresholds to ${merged.policies.length}`,
    );
  const compiled = compilePack(merged);
  const at = dateContext(AS_OF);

  const used = new Set<string>();
  for (const p of merged.policies) {
    for (const leaf of leavesOf(p.conditions)) used.add(inputFact(leaf.fact));
    for (const f of amountFacts(p)) used.add(inputFact(f));
  }
  let t = performance.now();
  const profiles = generateProfiles(merged.schema, [...used], N, 42, 2025);
  const derived: Derived[] = profiles.map((f) => deriveInto(emptyDerived(), f, at));
  log(
    `generated ${N.toLocaleString('en-US')} profiles over ${used.size} facts in ${seconds(performance.now() - t)}`,
  );

  const candidates = merged.policies
    .filter((p) => !p.id.includes('#') && compiled.byId.get(p.id)?.on(at).inForce)
    .map((p) => ({ p, leaves: leavesOf(p.conditions).length }));
  const typical =
    candidates.filter((c) => c.leaves >= 6 && c.leaves <= 12).sort((a, b) => b.leaves - a.leaves)[0] ??
    candidates.sort((a, b) => b.leaves - a.leaves)[0];
  if (!typical) throw new Error('no talent policy in force');
  const bp = compiled.byId.get(typical.p.id)?.on(at);
  if (!bp) throw new Error('unbound');
  const predicate = bp.predicate;
  log(`single policy: ${typical.p.id} (${typical.leaves} leaves)`);

  // 1. compiled evaluations/s
  const counts = [0, 0, 0];
  const pass = (limit: number) => {
    let c2 = 0;
    for (let i = 0; i < limit; i++) if (predicate(profiles[i] as never, derived[i] as Derived) === 2) c2++;
    return c2;
  };
  pass(Math.min(N, 100_000));
  pass(Math.min(N, 100_000));
  const evalTimes: number[] = [];
  for (let k = 0; k < 5; k++) {
    t = performance.now();
    pass(N);
    evalTimes.push(performance.now() - t);
  }
  for (let i = 0; i < N; i++) (counts[predicate(profiles[i] as never, derived[i] as Derived)] as number)++;
  const evalMs = median(evalTimes);
  log(
    `  verdicts over ${N.toLocaleString('en-US')}: eligible ${counts[2]}, unknown ${counts[1]}, ineligible ${counts[0]}`,
  );

  // 2. explanations/s (condition tree with values, parameters and missing facts), and full explainPolicy
  const explainN = Math.min(N, 200_000);
  let sink = 0;
  for (let i = 0; i < 20_000 && i < N; i++)
    sink += explainCondition(bp.condition, profiles[i] as never, derived[i] as Derived).missing.length;
  t = performance.now();
  for (let i = 0; i < explainN; i++)
    sink += explainCondition(bp.condition, profiles[i] as never, derived[i] as Derived).missing.length;
  const explainMs = performance.now() - t;
  const fullN = Math.min(N, 50_000);
  t = performance.now();
  for (let i = 0; i < fullN; i++)
    sink += explainPolicy(compiled, typical.p.id, profiles[i] as never, AS_OF).missing.length;
  const fullExplainMs = performance.now() - t;

  // 3. the 1M × 100 sweep
  const subjects = profiles.map((facts, id) => ({ id, facts }));
  const sweep = (list: typeof subjects, missing: boolean) => {
    let matches = 0;
    let eligible = 0;
    for (const m of matchBulk(compiled, list, AS_OF, { missing })) {
      matches += m.matches.length;
      for (const x of m.matches) if (x.verdict === 'eligible') eligible++;
    }
    return { matches, eligible };
  };
  sweep(subjects.slice(0, 50_000), false);
  const sweepTimes: number[] = [];
  let sweepResult = { matches: 0, eligible: 0 };
  for (let k = 0; k < 2; k++) {
    t = performance.now();
    sweepResult = sweep(subjects, false);
    sweepTimes.push(performance.now() - t);
  }
  const sweepMs = Math.min(...sweepTimes);
  // A digest of every match (subject, policy, verdict, amount, chosen) and of every subject's total, so
  // that the paths below are checked equal match by match, not only by counts.
  const digest = { matches: 0, eligible: 0, total: 0, hash: 0 };
  const fold = (
    d: typeof digest,
    id: number,
    policy: number,
    verdict: number,
    amount: number,
    chosen: number,
  ) => {
    d.matches++;
    if (verdict === 2) d.eligible++;
    const cents = Number.isNaN(amount) ? 7 : Math.round(amount * 100) % 1_000_003;
    d.hash = (Math.imul(d.hash, 31) + id * 131 + policy * 7 + verdict * 3 + chosen + cents) | 0;
  };
  // the same work with results in reused typed arrays (no object per match)
  const sweepColumnar = (list: typeof subjects) => {
    const d = { ...digest };
    for (const b of matchBulkColumnar(compiled, list, AS_OF)) {
      for (let r = 0; r < b.rows; r++) {
        d.total += b.total[r] as number;
        for (let i = b.offsets[r] as number; i < (b.offsets[r + 1] as number); i++)
          fold(
            d,
            b.ids[r] as number,
            b.policy[i] as number,
            b.verdict[i] as number,
            b.amount[i] as number,
            b.chosen[i] as number,
          );
      }
    }
    return d;
  };
  const digestOf = (batches: TableBatch[]) => {
    const d = { ...digest };
    for (const b of batches)
      for (let r = 0; r < b.rows; r++) {
        d.total += b.total[r] as number;
        for (let i = b.offsets[r] as number; i < (b.offsets[r + 1] as number); i++)
          fold(
            d,
            table.ids[b.row[r] as number] as number,
            b.policy[i] as number,
            b.verdict[i] as number,
            b.amount[i] as number,
            b.chosen[i] as number,
          );
      }
    return d;
  };
  sweepColumnar(subjects.slice(0, 50_000));
  const columnarTimes: number[] = [];
  let columnarResult = { ...digest };
  for (let k = 0; k < 3; k++) {
    t = performance.now();
    columnarResult = sweepColumnar(subjects);
    columnarTimes.push(performance.now() - t);
  }
  const columnarMs = median(columnarTimes);

  // The columnar subject table (typed arrays per fact, shared memory), built once from the objects: its
  // build is reported apart (a bulk run would read columns from the database, not objects).
  t = performance.now();
  const table = subjectTable(compiled, subjects);
  const tableMs = performance.now() - t;
  // matchTable in this thread; then matchTableParallel over THREADS threads, each run starting its own
  // workers (their start-up is inside the figure). Nothing is kept from run to run but the table.
  const tableTimes: number[] = [];
  let tableBatches: TableBatch[] = [];
  for (let k = 0; k < 3; k++) {
    tableBatches = [];
    t = performance.now();
    tableBatches = matchTable(compiled, table, AS_OF);
    tableTimes.push(performance.now() - t);
  }
  const tableResult = digestOf(tableBatches);
  tableBatches = [];
  const parallelTimes: number[] = [];
  let parallelResult = { ...digest };
  for (let k = 0; k < RUNS; k++) {
    t = performance.now();
    const batches = await matchTableParallel(compiled, table, AS_OF, { threads: THREADS });
    parallelTimes.push(performance.now() - t);
    parallelResult = digestOf(batches);
  }
  const parallelMs = median(parallelTimes);
  // what starting one worker costs here, for the record (already inside the parallel figure)
  const startups: number[] = [];
  for (let k = 0; k < 3; k++) {
    t = performance.now();
    const w = new Worker('require("node:worker_threads").parentPort.postMessage(1)', {
      eval: true,
      execArgv: [],
    });
    await new Promise((ok) => w.once('message', ok));
    startups.push(performance.now() - t);
    await w.terminate();
  }
  t = performance.now();
  sweep(subjects, true);
  const sweepMissingMs = performance.now() - t;
  const predicates = compiled.policies
    .map((cp) => cp.on(at))
    .filter((b) => b.inForce)
    .map((b) => b.predicate);
  const scratch = emptyDerived();
  const verdictsOnly = () => {
    let pairs = 0;
    for (let i = 0; i < N; i++) {
      const f = profiles[i] as never;
      deriveInto(scratch, f, at);
      for (let j = 0; j < predicates.length; j++)
        if ((predicates[j] as (typeof predicates)[number])(f, scratch) === 2) pairs++;
    }
    return pairs;
  };
  verdictsOnly();
  t = performance.now();
  const verdictPairs = verdictsOnly();
  const verdictsMs = performance.now() - t;
  log(
    `  verdicts only: ${verdictPairs.toLocaleString('en-US')} eligible pairs (must equal the sweep's eligible count)`,
  );
  const same = (a: typeof digest, b: typeof digest) =>
    a.matches === b.matches &&
    a.eligible === b.eligible &&
    a.hash === b.hash &&
    Math.abs(a.total - b.total) < 0.5;
  const sweepsAgree =
    columnarResult.eligible === sweepResult.eligible &&
    columnarResult.matches === sweepResult.matches &&
    verdictPairs === sweepResult.eligible &&
    same(tableResult, columnarResult) &&
    same(parallelResult, columnarResult);
  log(
    `  columnar sweep: ${columnarResult.eligible.toLocaleString('en-US')} eligible, ${(columnarResult.matches - columnarResult.eligible).toLocaleString('en-US')} unknown, total entitlement ${Math.round(columnarResult.total).toLocaleString('en-US')}, digest ${columnarResult.hash}`,
  );
  log(
    `  table, 1 thread: digest ${tableResult.hash}; ${THREADS} threads: digest ${parallelResult.hash}, total ${Math.round(parallelResult.total).toLocaleString('en-US')} (${sweepsAgree ? 'all paths agree match by match with matchBulkColumnar, matchBulk and verdicts only ✔' : 'DISAGREE ✘'})`,
  );
  log(
    `  sweep: ${merged.policies.length} policies × ${N.toLocaleString('en-US')} talents → ${sweepResult.eligible.toLocaleString('en-US')} eligible and ${(sweepResult.matches - sweepResult.eligible).toLocaleString('en-US')} unknown (policy, talent) pairs`,
  );

  // 4. peers on the same rule: only subjects where every fact the rule reads is known (no missing data)
  const ruleFacts = [...factsOf(bp.condition as BoundNode)];
  const derivedNames = new Set(['age', 'ageOnJan1', 'yearsSinceGraduation', 'monthsInDistrict']);
  const complete: number[] = [];
  const flat: Record<string, unknown>[] = [];
  for (let i = 0; i < N; i++) {
    const f = profiles[i] as Record<string, unknown>;
    const d = derived[i] as Derived;
    const row: Record<string, unknown> = {};
    let ok = true;
    for (const name of ruleFacts) {
      const v = derivedNames.has(name) ? d[name as keyof Derived] : f[name];
      if (v === null || v === undefined) {
        ok = false;
        break;
      }
      row[name] = v;
    }
    if (ok) {
      complete.push(i);
      flat.push(row);
    }
  }
  const M = complete.length;
  const oursOn = (limit: number) => {
    let c = 0;
    for (let k = 0; k < limit; k++) {
      const i = complete[k] as number;
      if (predicate(profiles[i] as never, derived[i] as Derived) === 2) c++;
    }
    return c;
  };
  const oursCompleteTimes: number[] = [];
  let oursComplete = 0;
  for (let k = 0; k < 3; k++) {
    t = performance.now();
    oursComplete = oursOn(M);
    oursCompleteTimes.push(performance.now() - t);
  }
  const oursJre = oursOn(JRE_N);

  const logic = toJsonLogic(bp.condition as BoundNode);
  for (let k = 0; k < Math.min(M, 20_000); k++) jsonLogic.apply(logic as never, flat[k]);
  t = performance.now();
  let logicCount = 0;
  for (let k = 0; k < M; k++) if (jsonLogic.apply(logic as never, flat[k])) logicCount++;
  const logicMs = performance.now() - t;

  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('exists', (a: unknown) => a !== null && a !== undefined);
  engine.addRule({
    conditions: toRulesEngine(bp.condition as BoundNode) as never,
    event: { type: 'eligible' },
  });
  for (let k = 0; k < Math.min(JRE_N, 2_000); k++) await engine.run(flat[k]);
  t = performance.now();
  let jreCount = 0;
  for (let k = 0; k < JRE_N && k < M; k++) {
    const r = await engine.run(flat[k]);
    if (r.events.length > 0) jreCount++;
  }
  const jreMs = performance.now() - t;
  const jreN = Math.min(JRE_N, M);

  const oursRate = (N / evalMs) * 1000;
  const logicRate = (M / logicMs) * 1000;
  const jreRate = (jreN / jreMs) * 1000;
  const explainRate = (explainN / explainMs) * 1000;
  const total = merged.policies.length * N;
  const x = (a: number, b: number) => `${(a / b).toFixed(a / b >= 100 ? 0 : 1)}×`;
  const rows: string[][] = [
    [
      'metric',
      'Rencai',
      'json-logic-js',
      'json-rules-engine',
      'ratio (Rencai vs js-logic / vs JRE)',
      'target',
    ],
    [
      `compiled evaluations/s (${typical.leaves}-leaf policy)`,
      rate(N, evalMs),
      rate(M, logicMs),
      rate(jreN, jreMs),
      `${x(oursRate, logicRate)} / ${x(oursRate, jreRate)}`,
      '≥ 20 M/s',
    ],
    [
      'explanations/s (condition tree, values, params, missing)',
      rate(explainN, explainMs),
      '— (none)',
      `${rate(jreN, jreMs)} (per-condition results)`,
      `— / ${x(explainRate, jreRate)}`,
      '≥ 0.5 M/s',
    ],
    ['explainPolicy/s (tree + amount steps + schedule)', rate(fullN, fullExplainMs), '—', '—', '—', ''],
    [
      `${(N / 1e6).toLocaleString('en-US')}M × ${merged.policies.length} matching, eligible + unknown (matchTableParallel, ${THREADS} threads, worker start-up included)`,
      seconds(parallelMs),
      `${seconds((total / logicRate) * 1000)} (est.)`,
      `${seconds((total / jreRate) * 1000)} (est.)`,
      `${x((total / logicRate) * 1000, parallelMs)} / ${x((total / jreRate) * 1000, parallelMs)}`,
      `≤ 1 s ${parallelMs <= 1000 && sweepsAgree ? '✔ met' : '✘ not met'}`,
    ],
    [`same, matchTable (1 thread)`, seconds(median(tableTimes)), '—', '—', '—', ''],
    [`same, matchBulkColumnar (subject objects, 1 thread)`, seconds(columnarMs), '—', '—', '—', ''],
    [`same, matchBulk (an object per subject and per match)`, seconds(sweepMs), '—', '—', '—', ''],
    [`same, with missing facts for each unknown`, seconds(sweepMissingMs), '—', '—', '—', ''],
    [
      `verdicts only: ${predicates.length} predicates × ${(N / 1e6).toLocaleString('en-US')}M, no index, no results`,
      seconds(verdictsMs),
      '—',
      '—',
      '—',
      `(${rate(predicates.length * N, verdictsMs)})`,
    ],
    [
      `eligible count, complete-data subset (${M.toLocaleString('en-US')} / ${jreN.toLocaleString('en-US')})`,
      `${oursComplete} / ${oursJre}`,
      String(logicCount),
      String(jreCount),
      oursComplete === logicCount && oursJre === jreCount ? 'agree ✔' : 'DISAGREE ✘',
      '',
    ],
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  log();
  for (const [i, r] of rows.entries()) {
    log(`| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`);
    if (i === 0) log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  log();
  log(
    `notes: ours on the complete subset ${rate(M, median(oursCompleteTimes))}; matchTableParallel ${seconds(parallelMs)} = median of ${RUNS} runs (${parallelTimes.map((ms) => seconds(ms)).join(', ')}; range ${seconds(Math.min(...parallelTimes))}–${seconds(Math.max(...parallelTimes))}) = ${rate(total, parallelMs)} effective, each run starting ${THREADS - 1} worker(s) (one worker's start-up here ≈ ${median(startups).toFixed(0)} ms, inside the figure) and choosing its index again; the table it reads was built once from the objects in ${seconds(tableMs)} (not in the figure); matchTable ${tableTimes.map((ms) => seconds(ms)).join(', ')}; matchBulkColumnar ${columnarTimes.map((ms) => seconds(ms)).join(', ')}; matchBulk best of 2 (policies narrowed per subject by per-fact bit sets); json-rules-engine timed on ${jreN.toLocaleString('en-US')} subjects (async), its 1M × 100 figure extrapolated; json-logic on all ${M.toLocaleString('en-US')} complete subjects.`,
  );
  log(
    `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB · total ${seconds(performance.now() - t0)} · checksum ${sink % 1000}`,
  );
}

await main();
