// Bulk matching ("policy finds people"): stream subjects through every in-force policy's compiled
// predicate, compute amounts only for the eligible, resolve exclusivity per subject. Policies are
// indexed by one selective `eq`/`in` leaf of their top-level `all` (chosen from the value frequencies
// of the first subjects), so a subject only runs the policies its indexed values can satisfy.
import { asDate, type BoundPolicy, type CompiledPack } from './compile';
import type { BoundLeaf } from './conditions/bind';
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

interface Entry {
  bp: BoundPolicy;
  order: number;
  group: ExclusivityGroup | undefined;
  /** Index of the group among the groups in play, or -1. */
  slot: number;
  /** This policy's hit, reused from subject to subject (a policy matches a subject at most once). */
  hit: Hit;
}

interface IndexGroup {
  fact: string;
  derived: boolean;
  buckets: Map<unknown, Entry[]>;
  whenMissing: Entry[];
}

type Collector = (facts: Facts, derived: Derived, hits: Hit[]) => void;

/**
 * Generates the subject loop's first half: read each indexed fact once, switch on its value, and call
 * the predicates of the matching bucket (then the unindexed ones) directly, pushing each policy's hit.
 */
function buildCollector(
  entries: Entry[],
  indexes: IndexGroup[],
  always: Entry[],
  includeUnknown: boolean,
): Collector {
  const call = (e: Entry) => {
    const i = e.order;
    const unknown = includeUnknown
      ? ` else if (r === 1) { h${i}.verdict = "unknown"; hits.push(h${i}); }`
      : '';
    return `r = p${i}(f, d); if (r === 2) { h${i}.verdict = "eligible"; hits.push(h${i}); }${unknown}`;
  };
  const calls = (list: Entry[]) => list.map(call).join('\n');
  let body = '';
  for (const ix of indexes) {
    body += `v = ${ix.derived ? 'd' : 'f'}.${ix.fact};\nif (v === null || v === undefined) {\n${calls(ix.whenMissing)}\n} else switch (v) {\n`;
    for (const [value, list] of ix.buckets)
      body += `case ${JSON.stringify(value)}:\n${calls(list)}\nbreak;\n`;
    body += '}\n';
  }
  body += calls(always);
  const consts = entries.map(
    (e) => `const p${e.order} = E[${e.order}].bp.predicate, h${e.order} = E[${e.order}].hit;`,
  );
  const source = `"use strict";\n${consts.join('\n')}\nreturn function collect(f, d, hits) {\nlet v, r;\n${body}\n};`;
  return new Function('E', source)(entries) as Collector;
}

interface IndexOption {
  leaf: BoundLeaf;
  accepted: unknown[];
  share: number;
}

/** An index leaf must let at most this share of the sample through to be worth it. */
const MAX_SHARE = 0.95;
/** A fact is indexed only for at least this many policies (a lookup costs about four predicate calls). */
const MIN_GROUP = 4;

interface Hit {
  entry: Entry;
  verdict: 'eligible' | 'unknown';
  amount: number | null;
}

/** Insertion sort by policy order: hits are few, and this beats Array#sort's comparator calls. */
function sortByOrder(hits: Hit[]): void {
  for (let i = 1; i < hits.length; i++) {
    const hit = hits[i] as Hit;
    const order = hit.entry.order;
    let j = i - 1;
    while (j >= 0 && (hits[j] as Hit).entry.order > order) {
      hits[j + 1] = hits[j] as Hit;
      j--;
    }
    hits[j + 1] = hit;
  }
}

function beats(a: Hit, b: Hit): boolean {
  const group = a.entry.group as ExclusivityGroup;
  return comparePolicies(group.resolution, a.entry.bp.policy, a.amount, b.entry.bp.policy, b.amount) < 0;
}

function indexable(leaf: BoundLeaf): unknown[] | undefined {
  if (leaf.unresolved || (leaf.op !== 'eq' && leaf.op !== 'in')) return undefined;
  if (!['enum', 'string', 'boolean', 'integer'].includes(leaf.def.type)) return undefined;
  return leaf.op === 'eq' ? [leaf.expected] : (leaf.expected as unknown[]);
}

function candidateLeaves(bp: BoundPolicy): BoundLeaf[] {
  const root = bp.condition;
  const leaves = root.kind === 'leaf' ? [root] : root.kind === 'all' ? root.children : [];
  return leaves.filter((n): n is BoundLeaf => n.kind === 'leaf' && indexable(n) !== undefined);
}

/** The per-subject core of matchBulk, primed with a sample to choose its index. */
class Matcher {
  private readonly entries: Entry[];
  private indexes: IndexGroup[] = [];
  private always: Entry[] = [];
  private readonly derived: Derived = emptyDerived();
  private readonly hits: Hit[] = [];
  private readonly winners: (Hit | undefined)[];
  private collect: Collector;

  constructor(
    pack: CompiledPack,
    private readonly at: DateContext,
    private readonly options: BulkOptions,
  ) {
    const audience = options.subject ?? 'talent';
    const only = options.policies ? new Set(options.policies) : undefined;
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
    for (const e of this.entries) e.slot = e.group ? groups.indexOf(e.group) : -1;
    this.winners = new Array(groups.length).fill(undefined);
    this.always = this.entries;
    this.collect = buildCollector(this.entries, [], this.entries, options.includeUnknown !== false);
  }

  /** Chooses each policy's index leaf: the one the fewest sampled subjects could pass (present and accepted, or missing). */
  prime(sample: readonly BulkSubject[]): void {
    if (sample.length === 0) return;
    const d = emptyDerived();
    const values = new Map<string, unknown[]>();
    const valuesOf = (leaf: BoundLeaf) => {
      let list = values.get(leaf.fact);
      if (!list) {
        list = sample.map((s) =>
          leaf.derived ? deriveInto(d, s.facts, this.at)[leaf.fact as keyof Derived] : s.facts[leaf.fact],
        );
        values.set(leaf.fact, list);
      }
      return list;
    };
    const options = new Map<Entry, IndexOption[]>();
    const support = new Map<string, number>();
    for (const entry of this.entries) {
      const list: IndexOption[] = [];
      for (const leaf of candidateLeaves(entry.bp)) {
        const accepted = indexable(leaf) as unknown[];
        const seen = valuesOf(leaf);
        let pass = 0;
        for (const v of seen) if (v === null || v === undefined || accepted.includes(v)) pass++;
        const share = pass / seen.length;
        if (share < MAX_SHARE) list.push({ leaf, accepted, share });
      }
      list.sort((a, b) => a.share - b.share);
      options.set(entry, list);
      for (const fact of new Set(list.map((o) => o.leaf.fact)))
        support.set(fact, (support.get(fact) ?? 0) + 1);
    }
    const groups = new Map<string, IndexGroup>();
    let always: Entry[] = [];
    for (const entry of this.entries) {
      const best = options.get(entry)?.find((o) => (support.get(o.leaf.fact) ?? 0) >= MIN_GROUP);
      if (!best) {
        always.push(entry);
        continue;
      }
      let group = groups.get(best.leaf.fact);
      if (!group) {
        group = { fact: best.leaf.fact, derived: best.leaf.derived, buckets: new Map(), whenMissing: [] };
        groups.set(best.leaf.fact, group);
      }
      group.whenMissing.push(entry);
      for (const v of best.accepted) {
        const bucket = group.buckets.get(v);
        if (bucket) bucket.push(entry);
        else group.buckets.set(v, [entry]);
      }
    }
    for (const [fact, group] of groups) {
      if (group.whenMissing.length >= MIN_GROUP) continue;
      always = always.concat(group.whenMissing);
      groups.delete(fact);
    }
    this.indexes = [...groups.values()];
    this.always = always.sort((a, b) => a.order - b.order);
    this.collect = buildCollector(
      this.entries,
      this.indexes,
      this.always,
      this.options.includeUnknown !== false,
    );
  }

  match(subject: BulkSubject): BulkMatch | undefined {
    const facts = subject.facts;
    const d = deriveInto(this.derived, facts, this.at);
    const hits = this.hits;
    hits.length = 0;
    this.collect(facts, d, hits);
    if (hits.length === 0 && !this.options.includeEmpty) return undefined;
    sortByOrder(hits);
    const winners = this.winners;
    let grouped = false;
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
      grouped = true;
      const current = winners[slot];
      if (!current || beats(hit, current)) winners[slot] = hit;
    }
    const chosen: Record<string, string> = {};
    let total = 0;
    const matches: BulkPolicyMatch[] = new Array(hits.length);
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as Hit;
      const eligible = hit.verdict === 'eligible';
      const slot = hit.entry.slot;
      const isChosen = slot < 0 || !eligible || winners[slot] === hit;
      if (slot >= 0 && isChosen && eligible)
        chosen[(hit.entry.group as ExclusivityGroup).id] = hit.entry.bp.policy.id;
      if (isChosen && eligible && hit.amount !== null) total += hit.amount;
      matches[i] = {
        policyId: hit.entry.bp.policy.id,
        verdict: hit.verdict,
        amount: hit.amount,
        missing:
          !eligible && this.options.missing !== false
            ? missingFacts(hit.entry.bp.condition, facts, d)
            : undefined,
        chosen: isChosen,
      };
    }
    if (grouped) winners.fill(undefined);
    return { id: subject.id, matches, chosen, total: Math.round(total * 100) / 100 };
  }
}

function isAsync<T>(source: Iterable<T> | AsyncIterable<T>): source is AsyncIterable<T> {
  return typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
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
  const matcher = new Matcher(pack, asDate(asOf), options);
  const sampleSize = options.sample ?? 1000;
  return isAsync(subjects)
    ? matchAsync(matcher, subjects, sampleSize)
    : matchSync(matcher, subjects, sampleSize);
}
