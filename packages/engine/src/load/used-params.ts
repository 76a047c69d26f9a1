// Which parameters a policy's amount and schedule read (its conditions' leaves are walked separately).
import type { NumberRef, Policy } from '../types';
import { leavesOf } from './conditions';

function addRef(ref: NumberRef | undefined, into: Set<string>): void {
  if (ref !== undefined && typeof ref === 'object' && 'param' in ref) into.add(ref.param);
}

/** Adds the parameters named by a policy's amount and instalment conditions to `into`. */
export function collectAmountParams(policy: Policy, into: Set<string>): void {
  const amount = policy.amount;
  if (amount) {
    const base = amount.base;
    switch (base.kind) {
      case 'fixed':
        addRef(base.value, into);
        break;
      case 'table':
        into.add(base.param);
        break;
      case 'percent':
      case 'per_unit':
        addRef(base.rate, into);
        addRef(base.max, into);
        break;
      case 'monthly':
        addRef(base.perMonth, into);
        addRef(base.months, into);
        break;
    }
    addRef(amount.multiplier, into);
    addRef(amount.cap, into);
  }
  for (const inst of policy.schedule?.instalments ?? []) {
    if (inst.due !== 'on_grant' && inst.due.condition)
      for (const leaf of leavesOf(inst.due.condition)) if (leaf.param) into.add(leaf.param);
  }
}
