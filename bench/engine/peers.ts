// The same bound condition written for the peers: json-logic-js and json-rules-engine.
import type { BoundLeaf, BoundNode } from '../../packages/engine/src/conditions/bind';

type JsonLogic = Record<string, unknown> | boolean;

function logicLeaf(leaf: BoundLeaf): JsonLogic {
  const x = { var: leaf.fact };
  const v = leaf.expected;
  switch (leaf.op) {
    case 'eq':
      return { '===': [x, v] };
    case 'ne':
      return { '!==': [x, v] };
    case 'in':
      return { in: [x, v] };
    case 'not_in':
      return { '!': { in: [x, v] } };
    case 'lt':
    case 'before':
      return { '<': [x, v] };
    case 'lte':
      return { '<=': [x, v] };
    case 'gt':
    case 'after':
      return { '>': [x, v] };
    case 'gte':
      return { '>=': [x, v] };
    case 'between':
    case 'within': {
      const [lo, hi] = v as [unknown, unknown];
      return { '<=': [lo, x, hi] };
    }
    case 'contains':
      return { in: [v, x] };
    case 'exists':
      return { '!=': [x, null] };
  }
}

/** A bound condition as a json-logic rule. */
export function toJsonLogic(node: BoundNode): JsonLogic {
  if (node.kind === 'leaf') return logicLeaf(node);
  if (node.kind === 'not') return { '!': toJsonLogic(node.child) };
  if (node.children.length === 0) return node.kind === 'all';
  return { [node.kind === 'all' ? 'and' : 'or']: node.children.map(toJsonLogic) };
}

const JRE_OPS: Record<string, string> = {
  eq: 'equal',
  ne: 'notEqual',
  in: 'in',
  not_in: 'notIn',
  lt: 'lessThan',
  before: 'lessThan',
  lte: 'lessThanInclusive',
  gt: 'greaterThan',
  after: 'greaterThan',
  gte: 'greaterThanInclusive',
  contains: 'contains',
  exists: 'exists',
};

/** A bound condition as json-rules-engine conditions (a top-level all/any/not; `exists` is a custom operator). */
export function toRulesEngine(node: BoundNode): Record<string, unknown> {
  if (node.kind === 'not') return { not: toRulesEngine(node.child) };
  if (node.kind !== 'leaf') return { [node.kind]: node.children.map(toRulesEngine) };
  if (node.op === 'between' || node.op === 'within') {
    const [lo, hi] = node.expected as [unknown, unknown];
    return {
      all: [
        { fact: node.fact, operator: 'greaterThanInclusive', value: lo },
        { fact: node.fact, operator: 'lessThanInclusive', value: hi },
      ],
    };
  }
  return { fact: node.fact, operator: JRE_OPS[node.op], value: node.op === 'exists' ? true : node.expected };
}

/** The facts a bound condition reads. */
export function factsOf(node: BoundNode, into = new Set<string>()): Set<string> {
  if (node.kind === 'leaf') into.add(node.fact);
  else if (node.kind === 'not') factsOf(node.child, into);
  else for (const c of node.children) factsOf(c, into);
  return into;
}
