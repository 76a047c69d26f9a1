// The fast back end: a bound condition tree becomes the source of one JavaScript function (Kleene
// three-valued, short-circuiting, constants inlined), built with `new Function` and cached by source.
import type { Derived } from '../facts';
import type { Facts } from '../types';
import type { BoundLeaf, BoundNode } from './bind';
import type { Tri } from './explain';

/** A compiled condition: 0 fail, 1 unknown (facts missing), 2 pass. */
export type Predicate = (facts: Facts, derived: Derived) => Tri;

const INLINE_LIST_MAX = 8;
const CACHE_MAX = 2000;
const cache = new Map<string, Predicate>();

function lit(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * How generated code reads a leaf's fact: a statement that loads it into `x`, an expression true when
 * `x` is unknown, and one true when a known `x` passes. The default reads the subject object and the
 * derived record (`f`, `d`); the columnar matcher reads typed columns instead.
 */
export interface LeafReader {
  load(leaf: BoundLeaf): string;
  unknown(leaf: BoundLeaf): string;
  test(leaf: BoundLeaf, e: Emitter): string;
}

const objectReader: LeafReader = {
  load: (leaf) => `x = ${leaf.derived ? 'd' : 'f'}.${leaf.fact};`,
  unknown: () => 'x == null',
  test: (leaf, e) => e.test(leaf),
};

/** Writes the source of predicates; `consts` collects the constants they need (declared once). */
export class Emitter {
  private vars = 0;
  private labels = 0;
  readonly consts: string[] = [];

  constructor(readonly reader: LeafReader = objectReader) {}

  /** A fresh constant name (`prefix` + number), for readers that add their own constants. */
  constName(prefix: string): string {
    return `${prefix}${this.consts.length}`;
  }

  tmp(): string {
    return `t${this.vars++}`;
  }

  label(): string {
    return `L${this.labels++}`;
  }

  declared(): string {
    const names = ['x'];
    for (let i = 0; i < this.vars; i++) names.push(`t${i}`);
    return names.join(', ');
  }

  /** A boolean expression over `x` (known to be present) that is true when the leaf passes. */
  test(leaf: BoundLeaf): string {
    const v = leaf.expected;
    switch (leaf.op) {
      case 'eq':
        return `x === ${lit(v)}`;
      case 'ne':
        return `x !== ${lit(v)}`;
      case 'in':
      case 'not_in': {
        const list = v as unknown[];
        let member: string;
        if (list.length <= INLINE_LIST_MAX)
          member = `(${list.map((item) => `x === ${lit(item)}`).join(' || ')})`;
        else {
          const name = `k${this.consts.length}`;
          this.consts.push(`const ${name} = new Set(${lit(list)});`);
          member = `${name}.has(x)`;
        }
        return leaf.op === 'in' ? member : `!${member}`;
      }
      case 'lt':
      case 'before':
        return `x < ${lit(v)}`;
      case 'lte':
        return `x <= ${lit(v)}`;
      case 'gt':
      case 'after':
        return `x > ${lit(v)}`;
      case 'gte':
        return `x >= ${lit(v)}`;
      case 'between':
      case 'within': {
        const [lo, hi] = v as [unknown, unknown];
        return `(x >= ${lit(lo)} && x <= ${lit(hi)})`;
      }
      case 'contains':
        return `(Array.isArray(x) && x.includes(${lit(v)}))`;
      case 'exists':
        return 'true';
    }
  }

  /** Statements that leave the node's value in `out`. */
  into(node: BoundNode, out: string): string {
    if (node.kind === 'leaf') {
      const r = this.reader;
      if (node.op === 'exists') return `${r.load(node)} ${out} = ${r.unknown(node)} ? 0 : 2;`;
      if (node.unresolved) return `${out} = 1;`;
      return `${r.load(node)} ${out} = ${r.unknown(node)} ? 1 : (${r.test(node, this)}) ? 2 : 0;`;
    }
    if (node.kind === 'not') {
      const t = this.tmp();
      return `${this.into(node.child, t)} ${out} = 2 - ${t};`;
    }
    return this.group(node.kind, node.children, out, false);
  }

  /** A group with short-circuit; at the root, a decided group returns directly. */
  group(kind: 'all' | 'any', children: BoundNode[], out: string, root: boolean): string {
    const all = kind === 'all';
    const label = this.label();
    const stop = all ? 0 : 2;
    const decide = root ? `return ${stop};` : `{ ${out} = ${stop}; break ${label}; }`;
    let s = `${out} = ${all ? 2 : 0}; ${label}: {`;
    for (const child of children) {
      const r = this.reader;
      if (child.kind === 'leaf' && child.op === 'exists') {
        const unknown = r.unknown(child);
        s += ` ${r.load(child)} if (${all ? unknown : `!(${unknown})`}) ${decide}`;
      } else if (child.kind === 'leaf' && child.unresolved) {
        s += ` ${out} = 1;`;
      } else if (child.kind === 'leaf') {
        const test = r.test(child, this);
        s += ` ${r.load(child)} if (${r.unknown(child)}) ${out} = 1; else if (${all ? `!(${test})` : test}) ${decide}`;
      } else {
        const t = this.tmp();
        s += ` ${this.into(child, t)} if (${t} === ${stop}) ${decide} if (${t} === 1) ${out} = 1;`;
      }
    }
    return `${s} }`;
  }
}

/** The statements of a predicate's body (ending in a return), with the emitter's locals declared. */
export function predicateBody(node: BoundNode, e: Emitter): string {
  const body =
    node.kind === 'all' || node.kind === 'any'
      ? e.group(node.kind, node.children, 'r', true)
      : e.into(node, 'r');
  return `let r, ${e.declared()}; ${body} return r;`;
}

/** The JavaScript source of a bound condition's predicate factory (for inspection and tests). */
export function predicateSource(node: BoundNode): string {
  const e = new Emitter();
  const body = predicateBody(node, e);
  return `"use strict"; ${e.consts.join(' ')} return function predicate(f, d) { ${body} };`;
}

/** Compiles a bound condition into a three-valued predicate (cached by generated source). */
export function compilePredicate(node: BoundNode): Predicate {
  const source = predicateSource(node);
  const hit = cache.get(source);
  if (hit) return hit;
  const predicate = new Function(source)() as Predicate;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(source, predicate);
  return predicate;
}
