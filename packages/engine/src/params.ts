// Dated parameters: the value in force on a date is the one with the latest key ≤ that date.
import type { IsoDate, Pack, Parameter, ParamUse, ParamValue } from './types';

/** The value of a parameter in force on a date, with the date it took effect; undefined before its first value. */
export function paramValueAt(
  param: Parameter,
  asOf: IsoDate,
): { value: ParamValue; since: IsoDate } | undefined {
  for (let i = param.values.length - 1; i >= 0; i--) {
    const entry = param.values[i];
    if (entry && entry.from <= asOf) return { value: entry.value, since: entry.from };
  }
  return undefined;
}

/** A parameter as used on a date, for explanations (name, value, reference). */
export function paramUse(pack: Pack, name: string, asOf: IsoDate): ParamUse {
  const param = pack.parameters[name];
  const found = param ? paramValueAt(param, asOf) : undefined;
  const use: ParamUse = { name, value: found?.value, illustrative: param?.illustrative ?? false };
  if (found) use.since = found.since;
  if (param?.unit) use.unit = param.unit;
  if (param?.reference) use.reference = param.reference;
  return use;
}
