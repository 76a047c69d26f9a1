// Unified social credit codes, GB 32100-2015: 18 characters over a 31-symbol alphabet (no I, O, Z, S, V),
// positions 3–8 an administrative division, position 18 a MOD 31 check character.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export type CreditCodeResult =
  | { ok: true; value: string }
  | { ok: false; problem: 'format' | 'check_char'; expected?: string };

/** The check character of a 17-character body. */
export function creditCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(body[i] as string) * (WEIGHTS[i] as number);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Validates a credit code (after NFKC, trim and upper-casing). */
export function validateCreditCode(raw: string): CreditCodeResult {
  const value = raw.normalize('NFKC').trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value))
    return { ok: false, problem: 'format' };
  const expected = creditCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, problem: 'check_char', expected };
  return { ok: true, value };
}
