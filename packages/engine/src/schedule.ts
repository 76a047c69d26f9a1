// Schedules: instalments with their share of the amount, their due date and their state on the
// evaluation date (due, pending, or unknown when an instalment condition lacks facts).
import { type BoundNode, bindCondition } from './conditions/bind';
import { compilePredicate, type Predicate } from './conditions/compile';
import { missingFacts, PASS, UNKNOWN } from './conditions/explain';
import { type DateContext, shiftDate } from './dates';
import type { Derived } from './facts';
import type { Due, Facts, Instalment, IsoDate, Pack, ScheduleSpec } from './types';

/** An instalment bound to a date: its condition compiled. */
export interface BoundInstalment {
  share: number;
  due: Due;
  afterMonths: number;
  condition: BoundNode | undefined;
  predicate: Predicate | undefined;
}

const LUMP_SUM: ScheduleSpec = { instalments: [{ share: 1, due: 'on_grant' }] };

/** Binds a schedule (omitted = lump sum on grant) to a date. */
export function bindSchedule(spec: ScheduleSpec | undefined, pack: Pack, at: DateContext): BoundInstalment[] {
  return (spec ?? LUMP_SUM).instalments.map((inst) => {
    if (inst.due === 'on_grant')
      return { share: inst.share, due: inst.due, afterMonths: 0, condition: undefined, predicate: undefined };
    const condition = inst.due.condition ? bindCondition(inst.due.condition, pack, at) : undefined;
    return {
      share: inst.share,
      due: inst.due,
      afterMonths: inst.due.afterMonths,
      condition,
      predicate: condition ? compilePredicate(condition) : undefined,
    };
  });
}

/** Splits an amount into instalments (cents; the last takes the remainder) and states each one's state. */
export function computeSchedule(
  instalments: BoundInstalment[],
  amount: number | null,
  facts: Facts,
  derived: Derived,
  at: DateContext,
  grantDate: IsoDate | undefined,
): Instalment[] {
  const start = grantDate ?? at.iso;
  let paid = 0;
  return instalments.map((inst, i) => {
    let share: number | null = null;
    if (amount !== null) {
      share =
        i === instalments.length - 1
          ? Math.round((amount - paid) * 100) / 100
          : Math.round(amount * inst.share * 100) / 100;
      paid += share;
    }
    const dueDate = inst.afterMonths > 0 ? shiftDate(start, { months: inst.afterMonths }, 1) : start;
    let state: Instalment['state'] = 'due';
    let missing: string[] = [];
    if (dueDate > at.iso) state = 'pending';
    else if (inst.predicate && inst.condition) {
      const r = inst.predicate(facts, derived);
      if (r === UNKNOWN) {
        state = 'unknown';
        missing = missingFacts(inst.condition, facts, derived);
      } else state = r === PASS ? 'due' : 'pending';
    }
    return { share: inst.share, amount: share, due: inst.due, dueDate, state, missing };
  });
}
