// Bulk matching ("policy finds people"): stream subjects through every in-force policy's compiled
// predicate, compute amounts only for the eligible, resolve exclusivity per subject.
//
// The index: every leaf of a policy's top-level `all` on a fact with a small domain (booleans, enums
// and strings compared for equality, integers such as age) can veto the policy — if it fails for the
// subject's value, so does the policy. Per fact and value the matcher precomputes a bit set of the
// policies not vetoed (by evaluating the leaves themselves on that value), so a subject costs a few
// lookups and word-wide ANDs, and only the policies left standing run their predicates. A missing or
// unforeseen value vetoes nothing. The facts used are chosen greedily on the first subjects.
import { asDate, type BoundPolicy, type CompiledPack } from './compile';
import type { BoundLeaf, BoundNode } from './conditions/bind';
import { compilePredicate } from './conditions/compile';
import { missingFacts } from './conditions/explain';
import type { DateContext } from './dates';
import { comparePolicies } from './exclusivity';
import { type Derived, deriveInto, emptyDerived } from './facts';
import type { Audience, ExclusivityGroup, Facts, IsoDate } from './types';

/** One subject to match. */
export interface BulkSubject {
  id: string | number;
  facts: Facts;
}

/** Options of a bulk run. */
export interface BulkOptions {
  /** Which policies to run: those of this audience (default talent). */
  subject?: Audience;
  /** Only these policy ids. */
  policies?: readonly string[];
  /** Report unknown verdicts ("maybe: tell us X") as well as eligible ones (default true). */
  includeUnknown?: boolean;
  /** Work out the missing facts of unknown verdicts (default true; costs an explanation each). */
  missing?: boolean;
  /** Yield subjects with no match too (default false). */
  includeEmpty?: boolean;
  /** How many leading subjects inform the choice of index (default 1000; 0 disables indexing). */
  sample?: number;
}

/** One policy a subject matched. */
export interface BulkPolicyMatch {
  policyId: string;
  verdict: 'eligible' | 'unknown';
  amount: number | null;
  missing: string[] | undefined;
  /** False when an exclusivity group kept another policy for this subject. */
  chosen: boolean;
}

/** A subject's matches, its exclusivity choices and its total entitlement after 就高不重复. */
export interface BulkMatch {
  id: string | number;
  matches: BulkPolicyMatch[];
  chosen: Record<string, string>;
  total: number;
}

/** Options of a columnar bulk run (`missing` is not offered: ask explainPolicy for the few you show). */
export interface ColumnarOptions extends Omit<BulkOptions, 'missing'> {
  /** Subjects per yielded batch (default 65,536). */
  batch?: number;
}

/**
 * A batch of bulk results without an object per match. Row r (a subject) owns the matches
 * `offsets[r] … offsets[r + 1] - 1`, in policy order. The arrays are reused by the next batch: copy
 * what you keep. The group → chosen policy map of a row is its eligible, chosen matches whose policy
 * has a group (`policyGroup`).
 */
export interface ColumnarBatch {
  /** The policies run, in order; `policy` values index this list. */
  readonly policyIds: readonly string[];
  /** Per policy, its exclusivity group id, or undefined. */
  readonly policyGroup: readonly (string | undefined)[];
  /** Rows in this batch. */
  rows: number;
  /** Subject id per row. */
  ids: (string | number)[];
  /** Per row, its first match (rows + 1 entries used). */
  offsets: Int32Array;
  /** Per row, the total entitlement after exclusivity, rounded to the cent. */
  total: Float64Array;
  /** Matches in this batch. */
  matches: number;
  /** Per match, the policy's index in `policyIds`. */
  policy: Int32Array;
  /** Per match, 2 eligible or 1 unknown. */
  verdict: Uint8Array;
  /** Per match, the amount (NaN for unknown verdicts, and where matchBulk says null). */
  amount: Float64Array;
  /** Per match, 0 when an exclusivity group kept another policy for this subject. */
  chosen: Uint8Array;
}

/** A policy the matcher runs, in run order. */
export interface Entry {
  bp: BoundPolicy;
  order: number;
  group: ExclusivityGroup | undefined;
  /** Index of the group among the groups in play, or -1. */
  slot: number;
  /** This policy's hit, reused from subject to subject (a policy matches a subject at most once). */
  hit: Hit;
}

interface Hit {
  entry: Entry;
  verdict: 'eligible' | 'unknown';
  amount: number | null;
}

type Collector = (facts: Facts, derived: Derived, hits: Hit[]) => void;

/** How one fact's value maps to a slot of the mask table. */
export interface Filter {
  fact: string;
  derived: boolean;
  kind: 'boolean' | 'integer' | 'value';
  /** First slot: the one that vetoes nothing (missing or unforeseen value). */
  base: number;
  /** integer: the range of values with their own slot (base + 1 + v - lo). */
  lo: number;
  hi: number;
  /** value: the values with their own slot (base + 1 + i); others share base + 1 + values.length. */
  values: unknown[];
}

/** A value equal to nothing a policy names (stands for "any other value" of a value filter). */
const OTHER = '\u0000other';
/** An integer filter covers at most this many values. */
const INT_SPAN = 256;
/** A filter must save at least this many predicate calls per sampled subject to be worth its lookup. */
const MIN_SAVING = 0.5;
/** At most this many filters. */
const MAX_FILTERS = 12;

/** The leaves whose failure fails the policy: the root leaf, or the leaves of nested top-level `all`s. */
function vetoLeaves(node: BoundNode, out: BoundLeaf[] = []): BoundLeaf[] {
  if (node.kind === 'leaf') {
    if (!node.unresolved) out.push(node);
  } else if (node.kind === 'all') for (const c of node.children) vetoLeaves(c, out);
  return out;
}

const VALUE_OPS = new Set(['eq', 'ne', 'in', 'not_in', 'exists']);

function filterKind(leaf: BoundLeaf): Filter['kind'] | undefined {
  const type = leaf.def.type;
  if (type === 'boolean') return VALUE_OPS.has(leaf.op) ? 'boolean' : undefined;
  if (type === 'integer') return leaf.op === 'contains' ? undefined : 'integer';
  if (type === 'enum' || type === 'string') return VALUE_OPS.has(leaf.op) ? 'value' : undefined;
  return undefined;
}

/** The slot values of a filter, in slot order after the base (which is "anything"). */
function slotValues(filter: Filter): unknown[] {
  if (filter.kind === 'boolean') return [false, true];
  if (filter.kind === 'value') return [...filter.values, OTHER];
  const out: number[] = [];
  for (let v = filter.lo; v <= filter.hi; v++) out.push(v);
  return out;
}

/** The source of an expression giving the slot of the value in `v`. */
export function slotSource(filter: Filter): string {
  const b = filter.base;
  if (filter.kind === 'boolean') return `k = v === true ? ${b + 2} : v === false ? ${b + 1} : ${b};`;
  if (filter.kind === 'integer')
    return `k = typeof v === "number" && v >= ${filter.lo} && v <= ${filter.hi} && Math.floor(v) === v ? v + ${b + 1 - filter.lo} : ${b};`;
  const cases = filter.values.map((value, i) => `case ${JSON.stringify(value)}: k = ${b + 1 + i}; break;`);
  const other = b + 1 + filter.values.length;
  return `switch (v) { ${cases.join(' ')} default: k = v === null || v === undefined || typeof v === "object" ? ${b} : ${other}; }`;
}

/** The words of a policy bit set. */
export function words(n: number): number {
  return Math.max(1, Math.ceil(n / 32));
}

/**
 * Generates the subject loop's first half: narrow the policy set with the filters' masks, then call
 * each remaining policy's predicate directly (in policy order), pushing its hit.
 */
function buildCollector(
  entries: Entry[],
  filters: Filter[],
  masks: Int32Array,
  includeUnknown: boolean,
): Collector {
  const w = words(entries.length);
  const call = (e: Entry) => {
    const i = e.order;
    const unknown = includeUnknown
      ? ` else if (r === 1) { h${i}.verdict = "unknown"; hits.push(h${i}); }`
      : '';
    const body = `r = p${i}(f, d); if (r === 2) { h${i}.verdict = "eligible"; hits.push(h${i}); }${unknown}`;
    return filters.length === 0 ? body : `if ((m${i >> 5} & ${1 << (i & 31)}) !== 0) { ${body} }`;
  };
  const ms = Array.from({ length: w }, (_, j) => `m${j} = -1`).join(', ');
  let body = '';
  for (const filter of filters) {
    body += `v = ${filter.derived ? 'd' : 'f'}.${filter.fact}; ${slotSource(filter)} k *= ${w};`;
    for (let j = 0; j < w; j++) body += ` m${j} &= M[k${j ? ` + ${j}` : ''}];`;
    body += '\n';
  }
  body += entries.map(call).join('\n');
  const consts = entries.map(
    (e) => `const p${e.order} = E[${e.order}].bp.predicate, h${e.order} = E[${e.order}].hit;`,
  );
  const source = `"use strict";\n${consts.join('\n')}\nreturn function collect(f, d, hits) {\nlet v, k, r, ${ms};\n${body}\n};`;
  return new Function('E', 'M', source)(entries, masks) as Collector;
}

function beats(a: Hit, b: Hit): boolean {
  const group = a.entry.group as ExclusivityGroup;
  return comparePolicies(group.resolution, a.entry.bp.policy, a.amount, b.entry.bp.policy, b.amount) < 0;
}

/** A growable typed array: a larger copy when full. */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** The per-subject core of matchBulk, primed with a sample to choose its index. */
export class Matcher {
  readonly entries: Entry[];
  /** The exclusivity groups in play; an entry's `slot` indexes this list. */
  readonly groups: ExclusivityGroup[];
  /** The index chosen by prime: the filters, and their masks (slot × words). */
  index: { filters: Filter[]; masks: Int32Array } = { filters: [], masks: new Int32Array(0) };
  private readonly derived: Derived = emptyDerived();
  private readonly hits: Hit[] = [];
  private readonly winners: (Hit | undefined)[];
  private collect: Collector;

  constructor(
    pack: CompiledPack,
    private readonly at: DateContext,
    private readonly includeUnknown: boolean,
    private readonly includeEmpty: boolean,
    private readonly missing: boolean,
    audience: Audience,
    policies: readonly string[] | undefined,
  ) {
    const only = policies ? new Set(policies) : undefined;
    this.entries = pack.policies
      .filter((cp) => cp.policy.audience === audience && (!only || only.has(cp.policy.id)))
      .map((cp) => cp.on(at))
      .filter((bp) => bp.inForce)
      .map((bp, order) => {
        const group = pack.pack.exclusivityGroups.find((g) => g.id === bp.policy.exclusivity?.group);
        const entry: Entry = { bp, order, group, slot: -1, hit: undefined as unknown as Hit };
        entry.hit = { entry, verdict: 'eligible', amount: 0 };
        return entry;
      });
    const groups = [...new Set(this.entries.map((e) => e.group).filter((g) => g !== undefined))];
    this.groups = groups;
    for (const e of this.entries) e.slot = e.group ? groups.indexOf(e.group) : -1;
    this.winners = new Array(groups.length).fill(undefined);
    this.collect = buildCollector(this.entries, [], new Int32Array(0), includeUnknown);
  }

  /** Chooses the filters: greedily, the fact that saves the most predicate calls on the sample. */
  prime(sample: readonly BulkSubject[]): void {
    if (sample.length === 0 || this.entries.length === 0) return;
    const w = words(this.entries.length);
    const d = emptyDerived();
    const derivedOf = sample.map((s) => ({ ...deriveInto(d, s.facts, this.at) }));
    // Candidate filters, each with its leaves per policy.
    const byFact = new Map<string, { filter: Filter; leaves: BoundLeaf[][] }>();
    for (const entry of this.entries) {
      for (const leaf of vetoLeaves(entry.bp.condition)) {
        const kind = filterKind(leaf);
        if (!kind) continue;
        let c = byFact.get(leaf.fact);
        if (!c) {
          c = {
            filter: { fact: leaf.fact, derived: leaf.derived, kind, base: 0, lo: 0, hi: -1, values: [] },
            leaves: this.entries.map(() => []),
          };
          byFact.set(leaf.fact, c);
        }
        (c.leaves[entry.order] as BoundLeaf[]).push(leaf);
      }
    }
    const sampledValue = (f: Filter, i: number) =>
      f.derived ? derivedOf[i]?.[f.fact as keyof Derived] : sample[i]?.facts[f.fact];
    const candidates: { filter: Filter; table: Int32Array; slots: Int32Array }[] = [];
    for (const { filter, leaves } of byFact.values()) {
      if (filter.kind === 'integer') {
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < sample.length; i++) {
          const v = sampledValue(filter, i);
          if (typeof v === 'number' && Number.isInteger(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
        if (lo > hi) continue;
        filter.lo = lo;
        filter.hi = Math.min(hi, lo + INT_SPAN - 1);
      } else if (filter.kind === 'value') {
        const values = new Set<unknown>();
        for (const list of leaves)
          for (const leaf of list)
            if (leaf.op !== 'exists')
              for (const v of leaf.op === 'in' || leaf.op === 'not_in'
                ? (leaf.expected as unknown[])
                : [leaf.expected])
                values.add(v);
        filter.values = [...values].filter((v) => typeof v === 'string' || typeof v === 'number');
      }
      // Slot table, relative to base 0: slot 0 vetoes nothing; slot 1 + j is slotValues[j].
      const values = slotValues(filter);
      const table = new Int32Array((values.length + 1) * w);
      for (let j = 0; j < w; j++) table[j] = -1;
      const facts: Record<string, unknown> = {};
      const derived: Record<string, unknown> = {};
      for (const [s, value] of values.entries()) {
        facts[filter.fact] = value;
        derived[filter.fact] = value;
        for (const entry of this.entries) {
          let pass = true;
          for (const leaf of leaves[entry.order] as BoundLeaf[])
            if (compilePredicate(leaf)(facts as Facts, derived as unknown as Derived) === 0) pass = false;
          if (pass) {
            const at = (s + 1) * w + (entry.order >> 5);
            table[at] = (table[at] as number) | (1 << (entry.order & 31));
          }
        }
      }
      const slotOf = new Function('v', `let k; ${slotSource({ ...filter, base: 0 })} return k;`) as (
        v: unknown,
      ) => number;
      const slots = new Int32Array(sample.length);
      for (let i = 0; i < sample.length; i++) slots[i] = slotOf(sampledValue(filter, i));
      candidates.push({ filter, table, slots });
    }
    // Greedy choice on the sample.
    const current = new Int32Array(sample.length * w).fill(-1);
    const all = new Int32Array(w);
    for (const e of this.entries) all[e.order >> 5] = (all[e.order >> 5] as number) | (1 << (e.order & 31));
    const popcount = (x: number) => {
      let n = 0;
      for (let y = x; y !== 0; y &= y - 1) n++;
      return n;
    };
    const calls = (extra?: { table: Int32Array; slots: Int32Array }) => {
      let n = 0;
      for (let i = 0; i < sample.length; i++) {
        const k = extra ? (extra.slots[i] as number) * w : 0;
        for (let j = 0; j < w; j++) {
          let m = (current[i * w + j] as number) & (all[j] as number);
          if (extra) m &= extra.table[k + j] as number;
          n += popcount(m);
        }
      }
      return n / sample.length;
    };
    const chosen: { filter: Filter; table: Int32Array }[] = [];
    let now = calls();
    while (chosen.length < MAX_FILTERS && candidates.length > 0) {
      let best = -1;
      let bestCalls = now;
      for (const [c, cand] of candidates.entries()) {
        const n = calls(cand);
        if (n < bestCalls) {
          bestCalls = n;
          best = c;
        }
      }
      if (best < 0 || now - bestCalls < MIN_SAVING) break;
      const [pick] = candidates.splice(best, 1);
      if (!pick) break;
      for (let i = 0; i < sample.length; i++)
        for (let j = 0; j < w; j++)
          current[i * w + j] =
            (current[i * w + j] as number) & (pick.table[(pick.slots[i] as number) * w + j] as number);
      chosen.push(pick);
      now = bestCalls;
    }
    if (chosen.length === 0) return;
    let slotCount = 0;
    for (const c of chosen) {
      c.filter.base = slotCount;
      slotCount += c.table.length / w;
    }
    const masks = new Int32Array(slotCount * w);
    for (const c of chosen) masks.set(c.table, c.filter.base * w);
    this.index = { filters: chosen.map((c) => c.filter), masks };
    this.collect = buildCollector(
      this.entries,
      chosen.map((c) => c.filter),
      masks,
      this.includeUnknown,
    );
  }

  /** Runs the predicates, computes the eligible amounts and marks each group's winner; returns the hits. */
  private run(facts: Facts): Hit[] {
    const d = deriveInto(this.derived, facts, this.at);
    const hits = this.hits;
    hits.length = 0;
    this.collect(facts, d, hits);
    const winners = this.winners;
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as Hit;
      const bp = hit.entry.bp;
      if (hit.verdict !== 'eligible') {
        hit.amount = null;
        continue;
      }
      hit.amount = bp.amount ? bp.amount.value(facts, d) : 0;
      const slot = hit.entry.slot;
      if (slot < 0) continue;
      const current = winners[slot];
      if (!current || beats(hit, current)) winners[slot] = hit;
    }
    return hits;
  }

  match(subject: BulkSubject): BulkMatch | undefined {
    const facts = subject.facts;
    const hits = this.run(facts);
    if (hits.length === 0 && !this.includeEmpty) return undefined;
    const winners = this.winners;
    const chosen: Record<string, string> = {};
    let total = 0;
    let grouped = false;
    const matches: BulkPolicyMatch[] = new Array(hits.length);
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as Hit;
      const eligible = hit.verdict === 'eligible';
      const slot = hit.entry.slot;
      if (slot >= 0) grouped = true;
      const isChosen = slot < 0 || !eligible || winners[slot] === hit;
      if (slot >= 0 && isChosen && eligible)
        chosen[(hit.entry.group as ExclusivityGroup).id] = hit.entry.bp.policy.id;
      if (isChosen && eligible && hit.amount !== null) total += hit.amount;
      matches[i] = {
        policyId: hit.entry.bp.policy.id,
        verdict: hit.verdict,
        amount: hit.amount,
        missing:
          !eligible && this.missing ? missingFacts(hit.entry.bp.condition, facts, this.derived) : undefined,
        chosen: isChosen,
      };
    }
    if (grouped) winners.fill(undefined);
    return { id: subject.id, matches, chosen, total: Math.round(total * 100) / 100 };
  }

  /** Appends a subject's row to a columnar batch (unless it has no match and empties are not kept). */
  matchInto(subject: BulkSubject, out: ColumnarBatch): void {
    const hits = this.run(subject.facts);
    const n = hits.length;
    if (n === 0 && !this.includeEmpty) return;
    const winners = this.winners;
    let at = out.matches;
    if (at + n > out.policy.length) {
      out.policy = grow(out.policy, at + n);
      out.verdict = grow(out.verdict, at + n);
      out.amount = grow(out.amount, at + n);
      out.chosen = grow(out.chosen, at + n);
    }
    const { policy, verdict, amount, chosen } = out;
    let total = 0;
    let grouped = false;
    for (let i = 0; i < n; i++, at++) {
      const hit = hits[i] as Hit;
      const entry = hit.entry;
      policy[at] = entry.order;
      if (hit.verdict !== 'eligible') {
        verdict[at] = 1;
        amount[at] = Number.NaN;
        chosen[at] = 1;
        continue;
      }
      const a = hit.amount;
      verdict[at] = 2;
      amount[at] = a ?? Number.NaN;
      const slot = entry.slot;
      if (slot >= 0) grouped = true;
      const isChosen = slot < 0 || winners[slot] === hit;
      chosen[at] = isChosen ? 1 : 0;
      if (isChosen && a !== null) total += a;
    }
    if (grouped) winners.fill(undefined);
    const row = out.rows++;
    out.ids[row] = subject.id;
    out.total[row] = Math.round(total * 100) / 100;
    out.offsets[row + 1] = at;
    out.matches = at;
  }

  newBatch(rows: number): ColumnarBatch {
    return {
      policyIds: this.entries.map((e) => e.bp.policy.id),
      policyGroup: this.entries.map((e) => e.group?.id),
      rows: 0,
      ids: new Array(rows),
      offsets: new Int32Array(rows + 1),
      total: new Float64Array(rows),
      matches: 0,
      policy: new Int32Array(rows * 4),
      verdict: new Uint8Array(rows * 4),
      amount: new Float64Array(rows * 4),
      chosen: new Uint8Array(rows * 4),
    };
  }
}

function isAsync<T>(source: Iterable<T> | AsyncIterable<T>): source is AsyncIterable<T> {
  return typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/** A matcher for a run (not yet primed). */
export function matcherFor(pack: CompiledPack, asOf: IsoDate | Date, options: BulkOptions): Matcher {
  return new Matcher(
    pack,
    asDate(asOf),
    options.includeUnknown !== false,
    options.includeEmpty === true,
    options.missing !== false,
    options.subject ?? 'talent',
    options.policies,
  );
}

function* matchSync(
  matcher: Matcher,
  source: Iterable<BulkSubject>,
  sampleSize: number,
): Generator<BulkMatch> {
  const it = source[Symbol.iterator]();
  const sample: BulkSubject[] = [];
  let next = it.next();
  while (!next.done && sample.length < sampleSize) {
    sample.push(next.value);
    next = it.next();
  }
  matcher.prime(sample);
  for (const s of sample) {
    const m = matcher.match(s);
    if (m) yield m;
  }
  while (!next.done) {
    const m = matcher.match(next.value);
    if (m) yield m;
    next = it.next();
  }
}

async function* matchAsync(
  matcher: Matcher,
  source: AsyncIterable<BulkSubject>,
  sampleSize: number,
): AsyncGenerator<BulkMatch> {
  const sample: BulkSubject[] = [];
  let primed = false;
  for await (const s of source) {
    if (!primed) {
      sample.push(s);
      if (sample.length < sampleSize) continue;
      matcher.prime(sample);
      primed = true;
      for (const x of sample) {
        const m = matcher.match(x);
        if (m) yield m;
      }
      continue;
    }
    const m = matcher.match(s);
    if (m) yield m;
  }
  if (!primed) {
    matcher.prime(sample);
    for (const x of sample) {
      const m = matcher.match(x);
      if (m) yield m;
    }
  }
}

/** Matches many subjects against a pack on a date, streaming one result per subject with a match. */
export function matchBulk(
  pack: CompiledPack,
  subjects: Iterable<BulkSubject>,
  asOf: IsoDate | Date,
  options?: BulkOptions,
): Generator<BulkMatch>;
export function matchBulk(
  pack: CompiledPack,
  subjects: AsyncIterable<BulkSubject>,
  asOf: IsoDate | Date,
  options?: BulkOptions,
): AsyncGenerator<BulkMatch>;
export function matchBulk(
  pack: CompiledPack,
  subjects: Iterable<BulkSubject> | AsyncIterable<BulkSubject>,
  asOf: IsoDate | Date,
  options: BulkOptions = {},
): Generator<BulkMatch> | AsyncGenerator<BulkMatch> {
  const matcher = matcherFor(pack, asOf, options);
  const sampleSize = options.sample ?? 1000;
  return isAsync(subjects)
    ? matchAsync(matcher, subjects, sampleSize)
    : matchSync(matcher, subjects, sampleSize);
}

/**
 * matchBulk's work (every verdict, the eligible amounts, exclusivity per subject) with results in
 * typed arrays: yields batches of up to `batch` subjects, whose arrays are reused by the next batch.
 */
export function* matchBulkColumnar(
  pack: CompiledPack,
  subjects: Iterable<BulkSubject>,
  asOf: IsoDate | Date,
  options: ColumnarOptions = {},
): Generator<ColumnarBatch> {
  const matcher = matcherFor(pack, asOf, { ...options, missing: false });
  const size = Math.max(1, options.batch ?? 65_536);
  const sampleSize = options.sample ?? 1000;
  const it = subjects[Symbol.iterator]();
  const sample: BulkSubject[] = [];
  let next = it.next();
  while (!next.done && sample.length < sampleSize) {
    sample.push(next.value);
    next = it.next();
  }
  matcher.prime(sample);
  const out = matcher.newBatch(size);
  let taken = 0;
  const flush = () => {
    out.ids.length = out.rows;
    return out;
  };
  const reset = () => {
    out.rows = 0;
    out.matches = 0;
    taken = 0;
  };
  for (const s of sample) {
    matcher.matchInto(s, out);
    if (++taken === size) {
      yield flush();
      reset();
    }
  }
  while (!next.done) {
    matcher.matchInto(next.value, out);
    if (++taken === size) {
      yield flush();
      reset();
    }
    next = it.next();
  }
  if (out.rows > 0) yield flush();
}
