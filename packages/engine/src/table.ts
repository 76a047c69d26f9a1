// A columnar subject table for bulk runs: one typed array per fact the pack reads (booleans, numbers,
// strings as codes into a sorted dictionary, string lists as codes with offsets), in SharedArrayBuffers
// so that worker threads read the same memory. A value that does not fit its column's encoding (a
// fact of mixed types, a NaN) turns that column into a plain array of the values, so a table always
// answers exactly what the objects would.
import type { CompiledPack } from './compile';
import { DERIVED } from './facts';
import { leavesOf } from './load/conditions';
import type { BulkSubject } from './match';
import type { AmountSpec, Facts, NumberRef, Pack } from './types';

/** One fact's values, row by row. */
export type Column =
  /** No row has a value. */
  | { kind: 'none' }
  /** 0 false, 1 true, 2 not known. */
  | { kind: 'bool'; data: Uint8Array }
  /** NaN means not known (a NaN value makes the column raw). */
  | { kind: 'num'; data: Float64Array }
  /** Codes into `dict` (sorted, so codes compare as the strings do); -1 means not known. */
  | { kind: 'code'; data: Int32Array; dict: string[] }
  /** Row r's list is `items[offsets[r] … offsets[r + 1] - 1]`, codes into the sorted `dict`; `known[r]` 0 when not known. */
  | { kind: 'list'; known: Uint8Array; offsets: Int32Array; items: Int32Array; dict: string[] }
  /** A money map read only by deductions: per key, the number recorded (NaN when there is none). */
  | { kind: 'map'; keys: Record<string, Float64Array> }
  /** The values themselves (undefined when not known). */
  | { kind: 'raw'; data: unknown[] };

/** Subjects as columns: row r is subject `ids[r]`. */
export interface SubjectTable {
  length: number;
  ids: (string | number)[];
  columns: Record<string, Column>;
}

/** Options of subjectTable. */
export interface TableOptions {
  /** Allocate typed arrays in SharedArrayBuffers, for worker threads (default true). */
  shared?: boolean;
  /** More facts to lay out than the pack reads. */
  facts?: readonly string[];
}

function numberRefFact(ref: NumberRef | undefined, into: Set<string>): void {
  if (ref !== undefined && typeof ref === 'object' && 'fact' in ref) into.add(ref.fact);
}

function amountFacts(a: AmountSpec, into: Set<string>): void {
  const b = a.base;
  if (b.kind === 'table' || b.kind === 'percent' || b.kind === 'per_unit') into.add(b.fact);
  if (b.kind === 'fixed') numberRefFact(b.value, into);
  if (b.kind === 'monthly') {
    numberRefFact(b.perMonth, into);
    numberRefFact(b.months, into);
  }
  if (b.kind === 'percent' || b.kind === 'per_unit') {
    numberRefFact(b.rate, into);
    numberRefFact(b.max, into);
  }
  numberRefFact(a.multiplier, into);
  numberRefFact(a.cap, into);
}

/** The facts a pack's policies read in conditions and amounts, and the ids its deductions look up. */
export function factsRead(pack: Pack): { facts: Set<string>; deduct: Set<string> } {
  const facts = new Set<string>();
  const deduct = new Set<string>();
  for (const p of pack.policies) {
    for (const leaf of leavesOf(p.conditions)) facts.add(leaf.fact);
    if (p.amount) {
      amountFacts(p.amount, facts);
      for (const id of p.amount.deduct ?? []) deduct.add(id);
    }
  }
  for (const name of [...facts]) {
    const from = Object.hasOwn(DERIVED, name) ? DERIVED[name] : undefined;
    if (from) facts.add(from);
  }
  return { facts, deduct };
}

function alloc<T extends Uint8Array | Int32Array | Float64Array>(
  Type: { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  n: number,
  shared: boolean,
): T {
  return shared ? new Type(new SharedArrayBuffer(Math.max(1, n) * Type.BYTES_PER_ELEMENT)) : new Type(n);
}

function sortDict(dict: Map<string, number>): { sorted: string[]; remap: Int32Array } {
  const sorted = [...dict.keys()].sort();
  const remap = new Int32Array(dict.size);
  for (const [i, s] of sorted.entries()) remap[dict.get(s) as number] = i;
  return { sorted, remap };
}

/** Builds one column, choosing its encoding from the first value and falling back to raw. */
class ColumnBuilder {
  kind: 'none' | 'bool' | 'num' | 'code' | 'list' | 'raw' = 'none';
  bools: Uint8Array | undefined;
  nums: Float64Array | undefined;
  codes: Int32Array | undefined;
  raw: unknown[] | undefined;
  known: Uint8Array | undefined;
  offsets: Int32Array | undefined;
  items: Int32Array = new Int32Array(0);
  used = 0;
  dict = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly list: readonly BulkSubject[],
    readonly shared: boolean,
  ) {}

  put(i: number, v: unknown): void {
    if (v === null || v === undefined) {
      if (this.kind === 'raw') (this.raw as unknown[])[i] = undefined;
      else if (this.kind === 'list') (this.offsets as Int32Array)[i + 1] = this.used;
      return;
    }
    switch (this.kind) {
      case 'bool':
        if (v === true || v === false) {
          (this.bools as Uint8Array)[i] = v ? 1 : 0;
          return;
        }
        break;
      case 'num':
        if (typeof v === 'number' && !Number.isNaN(v)) {
          (this.nums as Float64Array)[i] = v;
          return;
        }
        break;
      case 'code':
        if (typeof v === 'string') {
          let c = this.dict.get(v);
          if (c === undefined) {
            c = this.dict.size;
            this.dict.set(v, c);
          }
          (this.codes as Int32Array)[i] = c;
          return;
        }
        break;
      case 'list':
        if (this.putList(i, v)) return;
        break;
      case 'raw':
        (this.raw as unknown[])[i] = v;
        return;
      case 'none':
        this.start(i, v);
        return;
    }
    this.toRaw(i);
    (this.raw as unknown[])[i] = v;
  }

  private putList(i: number, v: unknown): boolean {
    if (!Array.isArray(v)) return false;
    for (const item of v) if (typeof item !== 'string') return false;
    if (this.used + v.length > this.items.length) {
      const next = alloc(Int32Array, Math.max(1024, (this.used + v.length) * 2), false);
      next.set(this.items);
      this.items = next;
    }
    for (const item of v as string[]) {
      let c = this.dict.get(item);
      if (c === undefined) {
        c = this.dict.size;
        this.dict.set(item, c);
      }
      this.items[this.used++] = c;
    }
    (this.known as Uint8Array)[i] = 1;
    (this.offsets as Int32Array)[i + 1] = this.used;
    return true;
  }

  private start(i: number, v: unknown): void {
    const n = this.list.length;
    if (typeof v === 'boolean') {
      this.kind = 'bool';
      this.bools = alloc(Uint8Array, n, this.shared).fill(2);
    } else if (typeof v === 'number' && !Number.isNaN(v)) {
      this.kind = 'num';
      this.nums = alloc(Float64Array, n, this.shared).fill(Number.NaN);
    } else if (typeof v === 'string') {
      this.kind = 'code';
      this.codes = alloc(Int32Array, n, this.shared).fill(-1);
    } else if (Array.isArray(v)) {
      this.kind = 'list';
      this.known = alloc(Uint8Array, n, this.shared);
      this.offsets = alloc(Int32Array, n + 1, this.shared);
    } else {
      this.kind = 'raw';
      this.raw = new Array(n).fill(undefined);
    }
    this.put(i, v);
  }

  /** Switches to raw values: rows before `i` are read again from the subjects. */
  toRaw(i: number): void {
    const raw = new Array(this.list.length).fill(undefined);
    for (let r = 0; r < i; r++) {
      const v = (this.list[r] as BulkSubject).facts[this.name];
      raw[r] = v === null ? undefined : v;
    }
    this.kind = 'raw';
    this.raw = raw;
    this.bools = undefined;
    this.nums = undefined;
    this.codes = undefined;
    this.known = undefined;
    this.offsets = undefined;
    this.items = new Int32Array(0);
    this.dict.clear();
  }

  finish(): Column {
    switch (this.kind) {
      case 'none':
        return { kind: 'none' };
      case 'bool':
        return { kind: 'bool', data: this.bools as Uint8Array };
      case 'num':
        return { kind: 'num', data: this.nums as Float64Array };
      case 'raw':
        return { kind: 'raw', data: this.raw as unknown[] };
      case 'code': {
        const { sorted, remap } = sortDict(this.dict);
        const data = this.codes as Int32Array;
        for (let i = 0; i < data.length; i++) {
          const c = data[i] as number;
          if (c >= 0) data[i] = remap[c] as number;
        }
        return { kind: 'code', data, dict: sorted };
      }
      case 'list': {
        const { sorted, remap } = sortDict(this.dict);
        const offsets = this.offsets as Int32Array;
        // rows after the last list keep offset 0: carry the running end forward
        for (let i = 1; i < offsets.length; i++)
          if ((offsets[i] as number) < (offsets[i - 1] as number)) offsets[i] = offsets[i - 1] as number;
        const items = alloc(Int32Array, this.used, this.shared);
        for (let q = 0; q < this.used; q++) items[q] = remap[this.items[q] as number] as number;
        return { kind: 'list', known: this.known as Uint8Array, offsets, items, dict: sorted };
      }
    }
  }
}

/** Builds the deduction columns of a money map; falls back to raw values on anything but plain numbers. */
class MapBuilder {
  keys: Record<string, Float64Array> | undefined = {};
  raw: unknown[] | undefined;

  constructor(
    readonly name: string,
    readonly ids: readonly string[],
    readonly list: readonly BulkSubject[],
    readonly shared: boolean,
  ) {
    for (const id of ids)
      (this.keys as Record<string, Float64Array>)[id] = alloc(Float64Array, list.length, shared).fill(
        Number.NaN,
      );
  }

  put(i: number, got: unknown): void {
    if (this.raw) {
      this.raw[i] = got === null ? undefined : got;
      return;
    }
    if (got === null || got === undefined) return;
    const keys = this.keys as Record<string, Float64Array>;
    for (const id of this.ids) {
      const g = (got as Record<string, unknown>)[id];
      if (typeof g !== 'number') continue;
      if (Number.isNaN(g)) {
        this.raw = new Array(this.list.length).fill(undefined);
        for (let r = 0; r <= i; r++) {
          const v = (this.list[r] as BulkSubject).facts[this.name];
          this.raw[r] = v === null ? undefined : v;
        }
        this.keys = undefined;
        return;
      }
      (keys[id] as Float64Array)[i] = g;
    }
  }

  finish(): Column {
    return this.raw ? { kind: 'raw', data: this.raw } : { kind: 'map', keys: this.keys ?? {} };
  }
}

/** Lays out subjects as columns of the facts the pack reads (conditions, amounts, deductions). */
export function subjectTable(
  pack: CompiledPack | Pack,
  subjects: Iterable<BulkSubject>,
  options: TableOptions = {},
): SubjectTable {
  const p = 'pack' in pack && 'byId' in pack ? pack.pack : (pack as Pack);
  const list = Array.isArray(subjects) ? (subjects as BulkSubject[]) : [...subjects];
  const shared = options.shared !== false;
  const { facts, deduct } = factsRead(p);
  for (const name of options.facts ?? []) {
    facts.add(name);
    const from = Object.hasOwn(DERIVED, name) ? DERIVED[name] : undefined;
    if (from) facts.add(from);
  }
  const names = [...facts].sort();
  const builders: (ColumnBuilder | MapBuilder)[] = names.map((name) => new ColumnBuilder(name, list, shared));
  // a money map read by deductions alone gets per-key number columns
  const deducted = [...deduct].sort();
  if (deducted.length > 0 && !facts.has('received'))
    builders.push(new MapBuilder('received', deducted, list, shared));
  const all = builders.map((b) => b.name);
  // One generated loop reads every fact by name (one object shape: fast property loads).
  const fill = new Function(
    'B',
    `"use strict"; ${all.map((_, j) => `const b${j} = B[${j}];`).join(' ')}
return function fill(list) { for (let i = 0; i < list.length; i++) { const f = list[i].facts; ${all
      .map((name, j) => `b${j}.put(i, f[${JSON.stringify(name)}]);`)
      .join(' ')} } };`,
  )(builders) as (list: readonly BulkSubject[]) => void;
  fill(list);
  const columns: Record<string, Column> = {};
  for (const b of builders) columns[b.name] = b.finish();
  return { length: list.length, ids: list.map((s) => s.id), columns };
}

/** One row's value of a column, as the subject object had it (undefined when not known). */
export function cellValue(column: Column | undefined, i: number): unknown {
  if (!column) return undefined;
  switch (column.kind) {
    case 'none':
      return undefined;
    case 'bool': {
      const x = column.data[i];
      return x === 2 ? undefined : x === 1;
    }
    case 'num': {
      const x = column.data[i] as number;
      return Number.isNaN(x) ? undefined : x;
    }
    case 'code': {
      const x = column.data[i] as number;
      return x === -1 ? undefined : column.dict[x];
    }
    case 'list': {
      if (column.known[i] !== 1) return undefined;
      const out: string[] = [];
      for (let q = column.offsets[i] as number; q < (column.offsets[i + 1] as number); q++)
        out.push(column.dict[column.items[q] as number] as string);
      return out;
    }
    case 'map': {
      const out: Record<string, number> = {};
      for (const [key, data] of Object.entries(column.keys)) {
        const x = data[i] as number;
        if (!Number.isNaN(x)) out[key] = x;
      }
      return out;
    }
    case 'raw':
      return column.data[i];
  }
}

/** Row `i` of a table as a facts object (the facts the table holds). */
export function rowFacts(table: SubjectTable, i: number): Facts {
  const facts: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    const v = cellValue(column, i);
    if (v !== undefined) facts[name] = v;
  }
  return facts;
}
