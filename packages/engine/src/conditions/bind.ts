// Binding a condition tree to an evaluation date: parameters resolved to the values in force,
// `within` periods turned into date bounds, and each node's text written. Every back end reads this.
import { type DateContext, shiftDate } from '../dates';
import { DERIVED, inputFact } from '../facts';
import { paramUse } from '../params';
import { bilingual, groupText, leafText } from '../text';
import type { Condition, FactDef, Op, Pack, ParamUse, Period, Text } from '../types';

/** A leaf with its comparison value fixed for one date. */
export interface BoundLeaf {
  kind: 'leaf';
  fact: string;
  def: FactDef;
  /** True for derived facts (age, …), read from the derived record rather than the facts. */
  derived: boolean;
  op: Op;
  /** The value compared: a scalar, a list, or [low, high] for between and within. */
  expected: unknown;
  period: Period | undefined;
  param: ParamUse | undefined;
  /** True when a parameter has no value in force on the date: the leaf is unknown. */
  unresolved: boolean;
  /** The input fact to ask for when this leaf is unknown. */
  missing: readonly string[];
  text: Text;
  ref: string | undefined;
}

/** An all / any group bound to a date. */
export interface BoundGroup {
  kind: 'all' | 'any';
  children: BoundNode[];
  text: Text;
  ref: string | undefined;
}

/** A negation bound to a date. */
export interface BoundNot {
  kind: 'not';
  child: BoundNode;
  text: Text;
  ref: string | undefined;
}

/** A condition tree bound to a date. */
export type BoundNode = BoundLeaf | BoundGroup | BoundNot;

function periodFrom(unit: string | undefined, value: unknown): Period | undefined {
  if (typeof value !== 'number') return undefined;
  if (unit === 'years') return { years: value };
  if (unit === 'months') return { months: value };
  if (unit === 'days') return { days: value };
  return undefined;
}

/** Binds a validated condition to a date, resolving its parameters from the pack. */
export function bindCondition(cond: Condition, pack: Pack, at: DateContext): BoundNode {
  if ('all' in cond || 'any' in cond) {
    const kind = 'all' in cond ? 'all' : 'any';
    const list = 'all' in cond ? cond.all : cond.any;
    return {
      kind,
      children: list.map((c) => bindCondition(c, pack, at)),
      text: bilingual((lang) => groupText(kind, lang, cond.label)),
      ref: cond.ref,
    };
  }
  if ('not' in cond) {
    return {
      kind: 'not',
      child: bindCondition(cond.not, pack, at),
      text: bilingual((lang) => groupText('not', lang, cond.label)),
      ref: cond.ref,
    };
  }
  const def = pack.schema[cond.fact] as FactDef;
  const param = cond.param === undefined ? undefined : paramUse(pack, cond.param, at.iso);
  let expected: unknown = param ? param.value : cond.value;
  let period = cond.period;
  let unresolved = param !== undefined && param.value === undefined;
  if (cond.op === 'within') {
    if (param) period = periodFrom(param.unit, param.value);
    if (period) expected = [shiftDate(at.iso, period, -1), at.iso];
    else unresolved = true;
  }
  const input = { def, op: cond.op, value: expected, period, param: cond.param, label: cond.label };
  return {
    kind: 'leaf',
    fact: cond.fact,
    def,
    derived: Object.hasOwn(DERIVED, cond.fact),
    op: cond.op,
    expected,
    period,
    param,
    unresolved,
    missing: [inputFact(cond.fact)],
    text: bilingual((lang) => leafText(input, lang)),
    ref: cond.ref,
  };
}
