// Resident identity numbers, GB 11643-1999: 6-digit area, 8-digit birth date, 3-digit sequence,
// ISO 7064 MOD 11-2 check character. Numbers starting with 9 are foreigners' permanent-residence IDs
// (issued since 2023-12-01), same length and check.

const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK = '10X98765432';
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdNumberProblem = 'format' | 'province' | 'birth_date' | 'future_birth_date' | 'check_char';
export type IdNumberResult =
  | {
      ok: true;
      value: string;
      kind: 'resident' | 'foreign_permanent_resident';
      birthDate: string;
      sex: 'male' | 'female';
    }
  | { ok: false; problem: IdNumberProblem; expected?: string };

/** The MOD 11-2 check character of a 17-character body. */
export function idCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Full-width digits to ASCII, trimmed, x → X. */
export const normalizeIdNumber = (raw: string): string => raw.normalize('NFKC').trim().toUpperCase();

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Validates a GB 11643 number as of `today`; returns the normalised value, birth date and sex, or the problem. */
export function validateIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  const value = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const foreign = value.startsWith('9');
  if (!foreign && !PROVINCES.has(Number(value.slice(0, 2)))) return { ok: false, problem: 'province' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (!isCalendarDate(y, m, d) || y < 1850) return { ok: false, problem: 'birth_date' };
  const birthDate = value.slice(6, 14).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
  if (birthDate > today.toISOString().slice(0, 10)) return { ok: false, problem: 'future_birth_date' };
  const expected = idCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, problem: 'check_char', expected };
  return {
    ok: true,
    value,
    kind: foreign ? 'foreign_permanent_resident' : 'resident',
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}
