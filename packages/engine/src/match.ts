// Bulk matching ("policy finds people"): stream subjects through every in-force policy's compiled
// predicate, compute amounts only for the eligible, resolve exclusivity per subject. Policies are
// indexed by one selective `eq`/`in` leaf of their top-level `all` (chosen from the value frequencies
// of the first subjects), so a subject only runs the policies its indexed values can satisfy.
import { computeAmount } from './amounts';
import { asDate, type BoundPolicy, type CompiledPack } from './compile';
import type { BoundLeaf } from './conditions/bind';
import { missingFacts, PASS, UNKNOWN } from './conditions/explain';
import type { DateContext } from './dates';
import { compareContenders } from './exclusivity';
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
}

interface IndexGroup {
  fact: string;
  derived: boolean;
  buckets: Map<unknown, Entry[]>;
  whenMissing: Entry[];
}

interface Hit {
  entry: Entry;
  verdict: 'eligible' | 'unknown';
  amount: number | null;
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
      .map((bp, order) => ({
        bp,
        order,
        group: pack.pack.exclusivityGroups.find((g) => g.id === bp.policy.exclusivity?.group),
      }));
    this.always = this.entries;
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
    const groups = new Map<string, IndexGroup>();
    const always: Entry[] = [];
    for (const entry of this.entries) {
      let best: { leaf: BoundLeaf; accepted: unknown[]; share: number } | undefined;
      for (const leaf of candidateLeaves(entry.bp)) {
        const accepted = indexable(leaf) as unknown[];
        const seen = valuesOf(leaf);
        let pass = 0;
        for (const v of seen) if (v === null || v === undefined || accepted.includes(v)) pass++;
        const share = pass / seen.length;
        if (!best || share < best.share) best = { leaf, accepted, share };
      }
      if (!best || best.share >= 0.95) {
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
    this.indexes = [...groups.values()];
    this.always = always;
  }

  private run(list: Entry[], facts: Facts, includeUnknown: boolean): void {
    const d = this.derived;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as Entry;
      const r = entry.bp.predicate(facts, d);
      if (r === PASS) this.hits.push({ entry, verdict: 'eligible', amount: 0 });
      else if (r === UNKNOWN && includeUnknown) this.hits.push({ entry, verdict: 'unknown', amount: null });
    }
  }

  match(subject: BulkSubject): BulkMatch | undefined {
    const facts = subject.facts;
    const d = deriveInto(this.derived, facts, this.at);
    const includeUnknown = this.options.includeUnknown !== false;
    this.hits.length = 0;
    for (const ix of this.indexes) {
      const v = ix.derived ? d[ix.fact as keyof Derived] : facts[ix.fact];
      const list = v === null || v === undefined ? ix.whenMissing : ix.buckets.get(v);
      if (list) this.run(list, facts, includeUnknown);
    }
    this.run(this.always, facts, includeUnknown);
    const hits = this.hits;
    if (hits.length === 0 && !this.options.includeEmpty) return undefined;
    if (hits.length > 1) hits.sort((a, b) => a.entry.order - b.entry.order);
    const chosen: Record<string, string> = {};
    const winners = new Map<string, Hit>();
    for (const hit of hits) {
      const bp = hit.entry.bp;
      if (hit.verdict === 'eligible')
        hit.amount = bp.amount ? computeAmount(bp.amount, facts, d, false).value : 0;
      const group = hit.entry.group;
      if (!group || hit.verdict !== 'eligible') continue;
      const current = winners.get(group.id);
      if (
        !current ||
        compareContenders(
          group.resolution,
          { policy: bp.policy, verdict: 'eligible', amount: hit.amount },
          { policy: current.entry.bp.policy, verdict: 'eligible', amount: current.amount },
        ) < 0
      )
        winners.set(group.id, hit);
    }
    let total = 0;
    const matches: BulkPolicyMatch[] = new Array(hits.length);
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as Hit;
      const group = hit.entry.group;
      const isChosen = !group || hit.verdict !== 'eligible' || winners.get(group.id) === hit;
      if (group && isChosen && hit.verdict === 'eligible') chosen[group.id] = hit.entry.bp.policy.id;
      if (isChosen && hit.verdict === 'eligible' && hit.amount !== null) total += hit.amount;
      matches[i] = {
        policyId: hit.entry.bp.policy.id,
        verdict: hit.verdict,
        amount: hit.amount,
        missing:
          hit.verdict === 'unknown' && this.options.missing !== false
            ? missingFacts(hit.entry.bp.condition, facts, d)
            : undefined,
        chosen: isChosen,
      };
    }
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
