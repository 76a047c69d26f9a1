// The reference interpreter: walks a bound condition tree and returns, for every node, pass / fail /
// unknown with the values compared and the facts that could decide it. Slower than the compiled
// predicate, and independent of it, so each checks the other in tests.
import type { Derived } from '../facts';
import type { ExplainNode, Facts, Status } from '../types';
import type { BoundLeaf, BoundNode } from './bind';

/** Kleene values as numbers: fail, unknown, pass (so `all` is min and `any` is max). */
export const FAIL = 0;
export const UNKNOWN = 1;
export const PASS = 2;

/** A three-valued result: 0 fail, 1 unknown, 2 pass. */
export type Tri = 0 | 1 | 2;

/** The status word of a three-valued result. */
export const STATUS: readonly Status[] = ['fail', 'unknown', 'pass'];

const NONE: readonly string[] = Object.freeze([]);

function compare(op: string, x: unknown, v: unknown): boolean {
  const a = x as number | string;
  const b = v as number | string;
  switch (op) {
    case 'lt':
    case 'before':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
    case 'after':
      return a > b;
    case 'gte':
      return a >= b;
    default:
      return false;
  }
}

/** Evaluates one bound leaf on the value read for its fact. */
export function evalLeaf(leaf: BoundLeaf, x: unknown): Tri {
  if (leaf.op === 'exists') return x === null || x === undefined ? FAIL : PASS;
  if (x === null || x === undefined || leaf.unresolved) return UNKNOWN;
  const v = leaf.expected;
  let ok: boolean;
  switch (leaf.op) {
    case 'eq':
      ok = x === v;
      break;
    case 'ne':
      ok = x !== v;
      break;
    case 'in':
      ok = (v as unknown[]).includes(x);
      break;
    case 'not_in':
      ok = !(v as unknown[]).includes(x);
      break;
    case 'between':
    case 'within': {
      const [lo, hi] = v as [number | string, number | string];
      ok = (x as number | string) >= lo && (x as number | string) <= hi;
      break;
    }
    case 'contains':
      ok = Array.isArray(x) && x.includes(v);
      break;
    default:
      ok = compare(leaf.op, x, v);
  }
  return ok ? PASS : FAIL;
}

function read(leaf: BoundLeaf, facts: Facts, derived: Derived): unknown {
  return leaf.derived ? derived[leaf.fact as keyof Derived] : facts[leaf.fact];
}

function union(children: ExplainNode[]): readonly string[] {
  const out: string[] = [];
  for (const child of children) {
    if (child.status !== 'unknown') continue;
    for (const m of child.missing) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** Explains a bound condition on a subject's facts: every node evaluated (no short-circuit), with reasons. */
export function explainCondition(node: BoundNode, facts: Facts, derived: Derived): ExplainNode {
  if (node.kind === 'leaf') {
    const x = read(node, facts, derived);
    const r = evalLeaf(node, x);
    return {
      kind: 'leaf',
      status: STATUS[r] as Status,
      text: node.text,
      fact: node.fact,
      op: node.op,
      actual: x === undefined ? null : x,
      expected: node.expected,
      param: node.param,
      ref: node.ref,
      missing: r === UNKNOWN ? (node.unresolved ? NONE : node.missing) : NONE,
      children: undefined,
    };
  }
  if (node.kind === 'not') {
    const child = explainCondition(node.child, facts, derived);
    const status: Status = child.status === 'pass' ? 'fail' : child.status === 'fail' ? 'pass' : 'unknown';
    return {
      kind: 'not',
      status,
      text: node.text,
      fact: undefined,
      op: undefined,
      actual: undefined,
      expected: undefined,
      param: undefined,
      ref: node.ref,
      missing: child.missing,
      children: [child],
    };
  }
  const children = node.children.map((c) => explainCondition(c, facts, derived));
  let r: Tri = node.kind === 'all' ? PASS : FAIL;
  for (const child of children) {
    const c: Tri = child.status === 'pass' ? PASS : child.status === 'fail' ? FAIL : UNKNOWN;
    if (node.kind === 'all' ? c < r : c > r) r = c;
  }
  return {
    kind: node.kind,
    status: STATUS[r] as Status,
    text: node.text,
    fact: undefined,
    op: undefined,
    actual: undefined,
    expected: undefined,
    param: undefined,
    ref: node.ref,
    missing: r === UNKNOWN ? union(children) : NONE,
    children,
  };
}

/** The facts that could decide an undecided condition (empty when it passes or fails). */
export function missingFacts(node: BoundNode, facts: Facts, derived: Derived): string[] {
  return [...explainCondition(node, facts, derived).missing];
}
