// Bulk matching over a columnar subject table (table.ts): matchBulkColumnar's work — every in-force
// policy's verdict, the eligible amounts, exclusivity per subject — generated as one self-contained
// kernel that reads typed columns (strings as dictionary codes, derived facts looked up per date code),
// so it can run in this thread or be split across worker threads that share the table's memory.
//
// The kernel is generated from the same bound condition trees and amounts as the compiled predicates
// (conditions/compile.ts and amounts.ts with column readers), uses matchBulk's per-fact policy index
// (chosen on the table's first rows) and resolves exclusivity with the order comparePolicies defines.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type AmountReader, amountBody } from './amounts';
import { asDate, type CompiledPack } from './compile';
import type { BoundLeaf, BoundNode } from './conditions/bind';
import { Emitter, type LeafReader, predicateBody } from './conditions/compile';
import type { Tri } from './conditions/explain';
import type { DateContext } from './dates';
import { comparePolicies } from './exclusivity';
import { DERIVED, type Derived, deriveInto, emptyDerived } from './facts';
import {
  type BulkOptions,
  type BulkSubject,
  type Entry,
  type Filter,
  matcherFor,
  slotSource,
  words,
} from './match';
import { type Column, cellValue, rowFacts, type SubjectTable } from './table';
import type { ExclusivityGroup, IsoDate } from './types';

/** Options of a table run. */
export interface TableMatchOptions extends Omit<BulkOptions, 'missing'> {
  /** Rows per batch, the unit of work handed to a thread (default 32,768). */
  batch?: number;
}

/** Options of a parallel table run. */
export interface ParallelOptions extends TableMatchOptions {
  /** Threads in all, this one included (default: the machine's available parallelism). */
  threads?: number;
}

/**
 * The results for table rows `from … to - 1`, as matchBulkColumnar's batches hold them: result row r
 * is table row `row[r]` and owns the matches `offsets[r] … offsets[r + 1] - 1`, in policy order.
 * Rows with no match are left out unless `includeEmpty`. Arrays may be longer than used.
 */
export interface TableBatch {
  /** The policies run, in order; `policy` values index this list. */
  readonly policyIds: readonly string[];
  /** Per policy, its exclusivity group id, or undefined. */
  readonly policyGroup: readonly (string | undefined)[];
  from: number;
  to: number;
  /** Result rows in this batch. */
  rows: number;
  /** Per result row, its table row (its subject is `table.ids[row[r]]`). */
  row: Int32Array;
  offsets: Int32Array;
  /** Per result row, the total entitlement after exclusivity, rounded to the cent. */
  total: Float64Array;
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

type RawBatch = Omit<TableBatch, 'policyIds' | 'policyGroup'>;
type Kernel = (from: number, to: number) => RawBatch;

/** A generated kernel and the constants it reads (typed arrays share the table's memory). */
export interface TablePlan {
  source: string;
  consts: unknown[];
  length: number;
  policyIds: string[];
  policyGroup: (string | undefined)[];
}

/** Collects the kernel's constants: each value gets a name bound from the constants array. */
class Consts {
  readonly values: unknown[] = [];
  readonly decls: string[] = [];
  private readonly memo = new Map<unknown, string>();

  add(value: unknown): string {
    const hit = this.memo.get(value);
    if (hit) return hit;
    const name = `K${this.values.length}`;
    this.decls.push(`const ${name} = K[${this.values.length}];`);
    this.values.push(value);
    if (typeof value === 'object' && value !== null) this.memo.set(value, name);
    return name;
  }

  /** Declares helper source (a function) at the kernel's top level. */
  helper(source: string): void {
    this.decls.push(source);
  }
}

/** Number of dictionary entries below `v` (strict) or at most `v`. */
function bound(dict: readonly string[], v: string, inclusive: boolean): number {
  let lo = 0;
  let hi = dict.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = dict[mid] as string;
    if (inclusive ? s <= v : s < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reads the table's columns in generated code. */
class ColumnAccess {
  private readonly names = new Map<string, string>();
  private readonly listDecoders = new Map<string, string>();
  private readonly listHas = new Map<string, string>();
  private readonly derivedExpr = new Map<string, string>();

  constructor(
    readonly table: SubjectTable,
    readonly k: Consts,
    readonly at: DateContext,
  ) {}

  /** An expression for row i's derived fact (number or undefined), exactly as deriveInto has it. */
  derived(name: string): string {
    let expr = this.derivedExpr.get(name);
    if (expr) return expr;
    const from = DERIVED[name] as string;
    const source = this.column(from);
    const given = this.column(name);
    if (source.kind === 'none' && given.kind === 'none') expr = 'undefined';
    else if (source.kind === 'code' && given.kind === 'none') {
      // one derivation per distinct date, read by code
      const values = source.dict.map(
        (s) => deriveInto(emptyDerived(), { [from]: s }, this.at)[name as keyof Derived],
      );
      const d = this.data(from);
      expr = `(${d}[i] === -1 ? undefined : ${this.k.add(values)}[${d}[i]])`;
    } else {
      // anything else: derived row by row here
      const scratch = emptyDerived();
      const values = new Array(this.table.length);
      for (let i = 0; i < this.table.length; i++)
        values[i] = deriveInto(
          scratch,
          { [from]: cellValue(source, i), [name]: cellValue(given, i) },
          this.at,
        )[name as keyof Derived];
      expr = `${this.k.add(values)}[i]`;
    }
    this.derivedExpr.set(name, expr);
    return expr;
  }

  column(fact: string): Column {
    return this.table.columns[fact] ?? { kind: 'none' };
  }

  /** The constant holding a column's main array. */
  data(fact: string): string {
    let name = this.names.get(fact);
    if (name) return name;
    const c = this.column(fact);
    if (c.kind === 'list') name = this.k.add(c.known);
    else if (c.kind === 'bool' || c.kind === 'num' || c.kind === 'code' || c.kind === 'raw')
      name = this.k.add(c.data);
    else throw new Error(`column ${fact} (${c.kind}) has no data array`);
    this.names.set(fact, name);
    return name;
  }

  dict(fact: string): string {
    const c = this.column(fact);
    if (c.kind !== 'code' && c.kind !== 'list') throw new Error(`column ${fact} has no dictionary`);
    return this.k.add(c.dict);
  }

  /** A helper function name that rebuilds row i's list. */
  listDecoder(fact: string): string {
    let name = this.listDecoders.get(fact);
    if (name) return name;
    const c = this.column(fact);
    if (c.kind !== 'list') throw new Error(`column ${fact} is not a list`);
    const o = this.k.add(c.offsets);
    const it = this.k.add(c.items);
    const d = this.k.add(c.dict);
    name = `list${this.listDecoders.size}`;
    this.k.helper(
      `function ${name}(i) { const out = []; for (let q = ${o}[i], e = ${o}[i + 1]; q < e; q++) out.push(${d}[${it}[q]]); return out; }`,
    );
    this.listDecoders.set(fact, name);
    return name;
  }

  /** A helper function name testing whether row i's list holds a code. */
  listContains(fact: string): string {
    let name = this.listHas.get(fact);
    if (name) return name;
    const c = this.column(fact);
    if (c.kind !== 'list') throw new Error(`column ${fact} is not a list`);
    const o = this.k.add(c.offsets);
    const it = this.k.add(c.items);
    name = `has${this.listHas.size}`;
    this.k.helper(
      `function ${name}(i, c) { for (let q = ${o}[i], e = ${o}[i + 1]; q < e; q++) if (${it}[q] === c) return true; return false; }`,
    );
    this.listHas.set(fact, name);
    return name;
  }

  /** An expression for row i's value as the subject object had it (undefined when not known). */
  decoded(fact: string, derived: boolean): string {
    if (derived) return this.derived(fact);
    const c = this.column(fact);
    switch (c.kind) {
      case 'none':
        return 'undefined';
      case 'bool': {
        const d = this.data(fact);
        return `(${d}[i] === 2 ? undefined : ${d}[i] === 1)`;
      }
      case 'num': {
        const d = this.data(fact);
        return `(${d}[i] !== ${d}[i] ? undefined : ${d}[i])`;
      }
      case 'code': {
        const d = this.data(fact);
        return `(${d}[i] === -1 ? undefined : ${this.dict(fact)}[${d}[i]])`;
      }
      case 'list':
        return `(${this.data(fact)}[i] === 1 ? ${this.listDecoder(fact)}(i) : undefined)`;
      case 'raw':
        return `${this.data(fact)}[i]`;
      case 'map':
        throw new Error(`the table holds only deductions of ${fact}: build it for this pack`);
    }
  }
}

function leafReader(cols: ColumnAccess): LeafReader {
  const kind = (leaf: BoundLeaf) => (leaf.derived ? 'derived' : cols.column(leaf.fact).kind);
  return {
    load(leaf) {
      const k = kind(leaf);
      if (k === 'derived') return `x = ${cols.derived(leaf.fact)};`;
      if (k === 'none') return 'x = undefined;';
      if (k === 'map') cols.decoded(leaf.fact, false); // throws
      return `x = ${cols.data(leaf.fact)}[i];`;
    },
    unknown(leaf) {
      switch (kind(leaf)) {
        case 'bool':
          return 'x === 2';
        case 'num':
          return 'x !== x';
        case 'code':
          return 'x === -1';
        case 'list':
          return 'x !== 1';
        default:
          return 'x == null';
      }
    },
    test(leaf, e) {
      const k = kind(leaf);
      const v = leaf.expected;
      const op = leaf.op;
      if (k === 'bool') {
        if (op === 'eq' || op === 'ne') {
          const eq = v === true ? 'x === 1' : v === false ? 'x === 0' : 'false';
          return op === 'eq' ? eq : `!(${eq})`;
        }
        if ((op === 'in' || op === 'not_in') && Array.isArray(v)) {
          const t = v.includes(true);
          const f = v.includes(false);
          const member = t && f ? 'true' : t ? 'x === 1' : f ? 'x === 0' : 'false';
          return op === 'in' ? member : `!(${member})`;
        }
        return `(x = x === 1, ${e.test(leaf)})`;
      }
      if (k === 'code') {
        const col = cols.column(leaf.fact) as Extract<Column, { kind: 'code' }>;
        const dict = col.dict;
        if (op === 'eq' || op === 'ne') {
          const code = typeof v === 'string' ? dict.indexOf(v) : -1;
          const eq = code >= 0 ? `x === ${code}` : 'false';
          return op === 'eq' ? eq : `!(${eq})`;
        }
        if ((op === 'in' || op === 'not_in') && Array.isArray(v)) {
          const member = new Uint8Array(Math.max(1, dict.length));
          for (const [c, s] of dict.entries()) if (v.includes(s)) member[c] = 1;
          return `${cols.k.add(member)}[x] === ${op === 'in' ? 1 : 0}`;
        }
        if (typeof v === 'string') {
          if (op === 'lt' || op === 'before') return `x < ${bound(dict, v, false)}`;
          if (op === 'lte') return `x < ${bound(dict, v, true)}`;
          if (op === 'gt' || op === 'after') return `x >= ${bound(dict, v, true)}`;
          if (op === 'gte') return `x >= ${bound(dict, v, false)}`;
        }
        if ((op === 'between' || op === 'within') && Array.isArray(v)) {
          const [lo, hi] = v as unknown[];
          if (typeof lo === 'string' && typeof hi === 'string')
            return `(x >= ${bound(dict, lo, false)} && x < ${bound(dict, hi, true)})`;
        }
        return `(x = ${cols.dict(leaf.fact)}[x], ${e.test(leaf)})`;
      }
      if (k === 'list') {
        if (op === 'contains') {
          const col = cols.column(leaf.fact) as Extract<Column, { kind: 'list' }>;
          const code = typeof v === 'string' ? col.dict.indexOf(v) : -1;
          return code >= 0 ? `${cols.listContains(leaf.fact)}(i, ${code})` : 'false';
        }
        return `(x = ${cols.listDecoder(leaf.fact)}(i), ${e.test(leaf)})`;
      }
      return e.test(leaf);
    },
  };
}

function amountReader(cols: ColumnAccess): AmountReader {
  const isDerived = (fact: string) => Object.hasOwn(DERIVED, fact);
  return {
    none: '-Infinity',
    number(fact, name) {
      const kind = isDerived(fact) ? 'derived' : cols.column(fact).kind;
      if (kind === 'num') {
        const d = cols.data(fact);
        return `const ${name} = ${d}[i]; if (${name} !== ${name}) return -Infinity;`;
      }
      if (kind === 'derived' || kind === 'raw') {
        const read = kind === 'derived' ? cols.derived(fact) : `${cols.data(fact)}[i]`;
        return `const ${name} = ${read}; if (typeof ${name} !== "number") return -Infinity;`;
      }
      return `const ${name} = 0; return -Infinity;`;
    },
    table(fact, table) {
      const col = isDerived(fact) ? undefined : cols.column(fact);
      if (col?.kind === 'code' && Object.values(table).every((v) => typeof v === 'number')) {
        const values = new Float64Array(Math.max(1, col.dict.length));
        for (const [c, s] of col.dict.entries())
          values[c] = Object.hasOwn(table, s) ? (table[s] as number) : 0;
        const d = cols.data(fact);
        return `const k = ${d}[i]; if (k === -1) return -Infinity; let t = ${cols.k.add(values)}[k];`;
      }
      const cases = Object.entries(table)
        .map(([key, v]) => `case ${JSON.stringify(key)}: t = ${JSON.stringify(v)}; break;`)
        .join(' ');
      return `const k = ${cols.decoded(fact, isDerived(fact))}; if (k === null || k === undefined) return -Infinity; let t = 0; switch (String(k)) { ${cases} }`;
    },
    deduct(ids) {
      const col = cols.column('received');
      if (col.kind === 'none') return '';
      if (col.kind === 'map')
        return ids
          .filter((id) => col.keys[id])
          .map((id) => `{ const g = ${cols.k.add(col.keys[id])}[i]; if (g === g) t -= g; }`)
          .join(' ');
      return `const got = ${cols.decoded('received', false)}; if (got !== null && got !== undefined) { ${ids
        .map((id) => `{ const g = got[${JSON.stringify(id)}]; if (typeof g === "number") t -= g; }`)
        .join(' ')} }`;
    },
  };
}

/** Statements narrowing the policy words m0… with the index's filters. */
function filterSource(cols: ColumnAccess, filters: Filter[], masks: Int32Array, w: number): string {
  if (filters.length === 0) return '';
  const M = cols.k.add(masks);
  let s = '';
  for (const filter of filters) {
    const slotOf = new Function('v', `let k; ${slotSource(filter)} return k;`) as (v: unknown) => number;
    const col = filter.derived ? undefined : cols.column(filter.fact);
    if (col?.kind === 'code') {
      const slots = new Int32Array(col.dict.length + 1);
      slots[0] = slotOf(undefined);
      for (const [c, v] of col.dict.entries()) slots[c + 1] = slotOf(v);
      s += `k = ${cols.k.add(slots)}[${cols.data(filter.fact)}[i] + 1];`;
    } else if (col?.kind === 'bool') {
      const slots = Int32Array.of(slotOf(false), slotOf(true), slotOf(undefined));
      s += `k = ${cols.k.add(slots)}[${cols.data(filter.fact)}[i]];`;
    } else if (col?.kind === 'num' && filter.kind === 'integer') {
      s += `x = ${cols.data(filter.fact)}[i]; k = x >= ${filter.lo} && x <= ${filter.hi} && Math.floor(x) === x ? (x + ${filter.base + 1 - filter.lo}) | 0 : ${filter.base};`;
    } else if (col?.kind === 'none') {
      s += `k = ${filter.base};`;
    } else {
      s += `v = ${cols.decoded(filter.fact, filter.derived)}; ${slotSource(filter)}`;
    }
    s += ` k *= ${w};`;
    for (let j = 0; j < w; j++) s += ` m${j} &= ${M}[k${j ? ` + ${j}` : ''}];`;
    s += '\n';
  }
  return s;
}

/** Rows evaluated policy by policy at a time inside the kernel (the scratch arrays' size). */
const BLOCK = 1024;

/** Per policy, its place in its group's order with amounts set aside (lower wins). */
function ranks(entries: Entry[]): Int32Array {
  const rank = new Int32Array(entries.length);
  const byGroup = new Map<string, Entry[]>();
  for (const e of entries) {
    if (!e.group) continue;
    const list = byGroup.get(e.group.id) ?? [];
    list.push(e);
    byGroup.set(e.group.id, list);
  }
  for (const list of byGroup.values()) {
    const res = ((list[0] as Entry).group as ExclusivityGroup).resolution;
    list.sort((a, b) => comparePolicies(res, a.bp.policy, null, b.bp.policy, null));
    for (const [r, e] of list.entries()) rank[e.order] = r;
  }
  return rank;
}

/** Generates the kernel for a pack, a date and a table (the index is chosen on the table's first rows). */
export function planTable(
  pack: CompiledPack,
  table: SubjectTable,
  asOf: IsoDate | Date,
  options: TableMatchOptions = {},
): TablePlan {
  const at = asDate(asOf);
  const matcher = matcherFor(pack, asOf, { ...options, missing: false });
  const sampleSize = Math.min(table.length, options.sample ?? 1000);
  const sample: BulkSubject[] = [];
  for (let i = 0; i < sampleSize; i++)
    sample.push({ id: table.ids[i] as string | number, facts: rowFacts(table, i) });
  matcher.prime(sample);
  const entries = matcher.entries;
  const { filters, masks } = matcher.index;
  const includeUnknown = options.includeUnknown !== false;
  const includeEmpty = options.includeEmpty === true;
  const k = new Consts();
  const cols = new ColumnAccess(table, k, at);
  const reader = leafReader(cols);
  const amounts = amountReader(cols);
  const w = words(entries.length);
  const P = entries.length;
  const rank = k.add(ranks(entries));
  const groups = matcher.groups.length;
  const slotOf = k.add(Int32Array.from(entries, (e) => e.slot));
  const highest = k.add(Uint8Array.from(matcher.groups, (g) => (g.resolution === 'highest' ? 1 : 0)));
  const all = Array.from({ length: w }, (_, j) => {
    const n = Math.min(32, P - j * 32);
    return n >= 32 ? -1 : (1 << n) - 1;
  });
  // Per policy: its predicate and amount, and a loop over a block of rows that evaluates it on the
  // rows the index left it (verdict into V, eligible amount into AM; -Infinity stands for null).
  const fns: string[] = [];
  for (const e of entries) {
    const j = e.order;
    const em = new Emitter(reader);
    const body = predicateBody(e.bp.condition, em);
    fns.push(
      `const p${j} = (function () { ${em.consts.join(' ')} return function p${j}(i) { ${body} }; })();`,
    );
    if (e.bp.amount) fns.push(`function a${j}(i) { ${amountBody(e.bp.amount, amounts)} }`);
    const eligible = `if (r === 2) AM[o * ${P} + ${j}] = ${e.bp.amount ? `a${j}(i)` : '0'};`;
    fns.push(
      filters.length === 0
        ? `function e${j}(lo, hi) { for (let i = lo, o = 0; i < hi; i++, o++) { const r = p${j}(i); V[o * ${P} + ${j}] = r; ${eligible} } }`
        : `function e${j}(lo) { for (let q = ${j * BLOCK}, end = q + LN[${j}]; q < end; q++) { const o = L[q], i = lo + o; const r = p${j}(i); V[o * ${P} + ${j}] = r; ${eligible} } }`,
    );
  }
  const narrow = filterSource(cols, filters, masks, w);
  const ms = Array.from({ length: w }, (_, j) => `m${j} = -1`).join(', ');
  // the rows each policy is left for, listed per policy (L, LN) as well as kept as bits (MS)
  const store = `${Array.from({ length: w }, (_, j) => `MS[o * ${w}${j ? ` + ${j}` : ''}] = m${j};`).join(' ')}
      for (wd = 0; wd < ${w}; wd++) { bits = MS[o * ${w} + wd] & ALL[wd]; while (bits !== 0) { low = bits & -bits; bits ^= low; p = wd * 32 + 31 - Math.clz32(low); L[p * BLOCK + LN[p]++] = o; } }`;
  // Then row by row, in policy order: the verdicts, amounts and exclusivity into the output.
  const collect = `
      for (wd = 0; wd < ${w}; wd++) {
        bits = ${filters.length === 0 ? 'ALL[wd]' : `MS[o * ${w} + wd] & ALL[wd]`};
        while (bits !== 0) {
          low = bits & -bits; bits ^= low; p = wd * 32 + 31 - Math.clz32(low);
          r = V[o * ${P} + p];
          if (r === 2) {
            a = AM[o * ${P} + p]; policy[at] = p; verdict[at] = 2; amount[at] = a; s = ${slotOf}[p];
            if (s < 0) chosen[at] = 1;
            else {
              g = G[s];
              if (g < 0) { chosen[at] = 1; G[s] = at; }
              else if (${highest}[s] === 1 && (dd = amount[g] - a) !== 0 && dd === dd ? dd < 0 : ${rank}[p] < ${rank}[policy[g]]) { chosen[g] = 0; chosen[at] = 1; G[s] = at; }
              else chosen[at] = 0;
            }
            at++;
          }${includeUnknown ? ' else if (r === 1) { policy[at] = p; verdict[at] = 1; amount[at] = NaN; chosen[at] = 1; at++; }' : ''}
        }
      }`;
  const run = `const E = [${entries.map((e) => `e${e.order}`).join(', ')}];
const G = new Int32Array(${Math.max(1, groups)});
const ALL = Int32Array.of(${all.join(', ')});
return function run(from, to) {
  const n = to - from;
  let cap = n * 8 + ${P} + 16;
  let policy = new Int32Array(cap), verdict = new Uint8Array(cap), amount = new Float64Array(cap), chosen = new Uint8Array(cap);
  const row = new Int32Array(n), offsets = new Int32Array(n + 1), total = new Float64Array(n);
  let rows = 0, at = 0, x, v, k, r, a, q, dd, tot, start, bits, low, p, s, g, o, i, wd, ${ms};
  for (let lo = from; lo < to; lo += BLOCK) {
    const hi = Math.min(to, lo + BLOCK);
    ${
      filters.length === 0
        ? ''
        : `LN.fill(0);
    for (i = lo, o = 0; i < hi; i++, o++) {
      ${ms};
      ${narrow}
      ${store}
    }`
    }
    for (q = 0; q < ${P}; q++) E[q](lo, hi);
    for (i = lo, o = 0; i < hi; i++, o++) {
      if (at + ${P} > cap) { cap = cap * 2 + ${P}; policy = grow(policy, cap); verdict = grow(verdict, cap); amount = grow(amount, cap); chosen = grow(chosen, cap); }
      start = at;${groups ? ' G.fill(-1);' : ''}
      ${collect}
      if (at === start) { ${includeEmpty ? '' : 'continue;'} }
      tot = 0;
      for (q = start; q < at; q++) if (verdict[q] === 2) { a = amount[q]; if (a === -Infinity) amount[q] = NaN; else if (chosen[q] === 1) tot += a; }
      row[rows] = i; total[rows] = Math.round(tot * 100) / 100; rows++; offsets[rows] = at;
    }
  }
  return { from, to, rows, row, offsets, total, matches: at, policy, verdict, amount, chosen };
};`;
  const source = `"use strict";
${k.decls.join('\n')}
const BLOCK = ${BLOCK};
const MS = new Int32Array(BLOCK * ${w}), V = new Uint8Array(BLOCK * ${P}), AM = new Float64Array(BLOCK * ${P});
const L = new Int32Array(BLOCK * ${P}), LN = new Int32Array(${P});
function grow(a, n) { const b = new a.constructor(n); b.set(a); return b; }
${fns.join('\n')}
${run}`;
  return {
    source,
    consts: k.values,
    length: table.length,
    policyIds: entries.map((e) => e.bp.policy.id),
    policyGroup: entries.map((e) => e.group?.id),
  };
}

/** One bound condition compiled over a table's columns: row → 0 fail, 1 unknown, 2 pass (for tests). */
export function tablePredicate(
  node: BoundNode,
  table: SubjectTable,
  asOf: IsoDate | Date,
): (i: number) => Tri {
  const k = new Consts();
  const cols = new ColumnAccess(table, k, asDate(asOf));
  const em = new Emitter(leafReader(cols));
  const body = predicateBody(node, em);
  const source = `"use strict"; ${k.decls.join(' ')} ${em.consts.join(' ')} return function (i) { ${body} };`;
  return new Function('K', source)(k.values) as (i: number) => Tri;
}

function instantiate(plan: TablePlan): Kernel {
  return new Function('K', plan.source)(plan.consts) as Kernel;
}

function withIds(plan: TablePlan, b: RawBatch): TableBatch {
  return { policyIds: plan.policyIds, policyGroup: plan.policyGroup, ...b };
}

function batchSize(options: TableMatchOptions): number {
  return Math.max(1, Math.floor(options.batch ?? 32_768));
}

/** matchBulkColumnar's results for a table, in this thread: batches in row order. */
export function matchTable(
  pack: CompiledPack,
  table: SubjectTable,
  asOf: IsoDate | Date,
  options: TableMatchOptions = {},
): TableBatch[] {
  const plan = planTable(pack, table, asOf, options);
  const run = instantiate(plan);
  const size = batchSize(options);
  const out: TableBatch[] = [];
  for (let from = 0; from < table.length; from += size)
    out.push(withIds(plan, run(from, Math.min(table.length, from + size))));
  return out;
}

// A worker: waits for a kernel, compiles it and takes batches from the shared counter until none is left.
const WORKER = `"use strict";
const { parentPort } = require("node:worker_threads");
parentPort.once("message", ({ source, consts, length, batch, counter }) => {
  const run = new Function("K", source)(consts);
  const out = [];
  const transfer = [];
  for (;;) {
    const c = Atomics.add(counter, 0, 1);
    const from = c * batch;
    if (from >= length) break;
    const b = run(from, Math.min(length, from + batch));
    out.push(b);
    transfer.push(b.row.buffer, b.offsets.buffer, b.total.buffer, b.policy.buffer, b.verdict.buffer, b.amount.buffer, b.chosen.buffer);
  }
  parentPort.postMessage(out, transfer);
});`;

/**
 * matchTable split across threads: `threads - 1` workers (started here, so their start-up is part of
 * the call) and this thread take batches from a shared counter; the table's typed arrays are shared,
 * raw columns copied. Resolves to the batches in row order.
 */
export async function matchTableParallel(
  pack: CompiledPack,
  table: SubjectTable,
  asOf: IsoDate | Date,
  options: ParallelOptions = {},
): Promise<TableBatch[]> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const size = batchSize(options);
  // workers start first, so that they boot while this thread plans the kernel
  const started: Worker[] = [];
  const theirs: Promise<RawBatch[]>[] = [];
  for (let t = 1; t < threads && t * size < table.length; t++) {
    const worker = new Worker(WORKER, { eval: true, execArgv: [] });
    started.push(worker);
    const done = new Promise<RawBatch[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`match worker exited with code ${code}`)));
    });
    done.catch(() => undefined); // observed by Promise.all below, or moot once this call has thrown
    theirs.push(done);
  }
  const counter = new Int32Array(new SharedArrayBuffer(4));
  let plan: TablePlan;
  try {
    plan = planTable(pack, table, asOf, options);
  } catch (e) {
    for (const w of started) w.terminate();
    throw e;
  }
  for (const w of started)
    w.postMessage({ source: plan.source, consts: plan.consts, length: table.length, batch: size, counter });
  try {
    const run = instantiate(plan);
    const mine: RawBatch[] = [];
    for (;;) {
      const c = Atomics.add(counter, 0, 1);
      const from = c * size;
      if (from >= table.length) break;
      mine.push(run(from, Math.min(table.length, from + size)));
    }
    const all = mine.concat(...(await Promise.all(theirs)));
    all.sort((a, b) => a.from - b.from);
    return all.map((b) => withIds(plan, b));
  } finally {
    for (const w of started) w.terminate();
  }
}
