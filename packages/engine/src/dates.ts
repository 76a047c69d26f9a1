// Calendar arithmetic on ISO dates (`YYYY-MM-DD`), which compare correctly as strings.
import type { IsoDate, Period } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a value is a valid ISO calendar date string. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** An evaluation date, parsed once. */
export interface DateContext {
  iso: IsoDate;
  year: number;
  month: number;
  day: number;
}

/** Parses an evaluation date (ISO string, or a Date read in its local calendar) and throws on anything else. */
export function dateContext(asOf: IsoDate | Date): DateContext {
  const iso =
    asOf instanceof Date ? formatDate(asOf.getFullYear(), asOf.getMonth() + 1, asOf.getDate()) : asOf;
  if (!isIsoDate(iso)) throw new TypeError(`Expected an ISO date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  return {
    iso,
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
  };
}

/** Adds (sign 1) or subtracts (sign -1) a period, clamping the day to the end of a shorter month. */
export function shiftDate(iso: IsoDate, period: Period, sign: 1 | -1): IsoDate {
  let year = Number(iso.slice(0, 4));
  let month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const months = sign * ((period.years ?? 0) * 12 + (period.months ?? 0));
  const index = year * 12 + (month - 1) + months;
  year = Math.floor(index / 12);
  month = (index % 12) + 1;
  const clamped = Math.min(day, daysInMonth(year, month));
  const base = Date.UTC(year, month - 1, clamped) + sign * (period.days ?? 0) * 86_400_000;
  const d = new Date(base);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** The year of an ISO date, read without allocating. */
export function yearOf(iso: string): number {
  return digits(iso, 0, 4);
}

/** Whole years from an ISO date to the evaluation date (an age), as Postgres `age()` counts them. */
export function fullYearsSince(iso: string, at: DateContext): number {
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  return at.year - y - (at.month < m || (at.month === m && at.day < d) ? 1 : 0);
}

/** Whole months from an ISO date to the evaluation date, as Postgres `age()` counts them. */
export function fullMonthsSince(iso: string, at: DateContext): number {
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  return (at.year - y) * 12 + (at.month - m) - (at.day < d ? 1 : 0);
}
