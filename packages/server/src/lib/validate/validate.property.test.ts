// Property tests of the check characters (research/reliability.md §2). GB 11643's ISO 7064 MOD 11-2 and
// GB 32100's MOD 31 both work modulo a prime with nonzero, pairwise distinct adjacent weights, so each
// detects EVERY single-character substitution and EVERY transposition of two adjacent different
// characters (including the check character itself). Swapping two equal characters is no change at all
// and is skipped. What neither guarantees: two independent substitutions may cancel out (shown below).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCheckChar, validateCreditCode } from './credit-code';
import { idCheckChar, validateIdNumber } from './id-number';

const today = new Date('2026-06-01T00:00:00Z');
const ID_ALPHABET = '0123456789X';
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Valid resident ID numbers: a province, a real birth date before `today`, any sequence. */
const validId = fc
  .record({
    province: fc.constantFrom('11', '31', '33', '42', '15', '44', '65', '91', '93'),
    area: fc.integer({ min: 0, max: 9999 }),
    day: fc.integer({ min: 0, max: 38_000 }), // born 1920–2024, before `today`
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, day, seq }) => {
    const birth = new Date(Date.UTC(1920, 0, 1) + day * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    const body = `${province}${String(area).padStart(4, '0')}${birth}${String(seq).padStart(3, '0')}`;
    return body + idCheckChar(body);
  });

/** Valid credit codes: a department and kind, a 6-digit division, a 9-character body. */
const validCredit = fc
  .record({
    head: fc.constantFrom('91', '92', '93', '11', '12', '52', '53', 'Y1'),
    division: fc.integer({ min: 100000, max: 999999 }),
    body: fc.array(fc.constantFrom(...CREDIT_ALPHABET), { minLength: 9, maxLength: 9 }),
  })
  .map(({ head, division, body }) => {
    const b = `${head}${division}${body.join('')}`;
    return b + creditCheckChar(b);
  });

const substitute = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const swap = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);

describe('GB 11643 ID numbers (MOD 11-2)', () => {
  it('accepts every generated valid number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(validateIdNumber(id, today).ok, id).toBe(true);
      }),
    );
  });

  it('rejects every single-character change of a valid number (all 18 positions × all other characters)', () => {
    fc.assert(
      fc.property(validId, (id) => {
        for (let i = 0; i < 18; i++)
          for (const c of ID_ALPHABET)
            if (c !== id[i])
              expect(validateIdNumber(substitute(id, i, c), today).ok, `${id} @${i}→${c}`).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects every swap of two adjacent different characters, the check character included (equal pairs are no change)', () => {
    fc.assert(
      fc.property(validId, (id) => {
        for (let i = 0; i < 17; i++)
          if (id[i] !== id[i + 1])
            expect(validateIdNumber(swap(id, i), today).ok, `${id} swap ${i}`).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('does not guarantee to catch two substitutions: some double errors keep the check character', () => {
    const id = '11010519491231002X';
    // Searched for, not assumed: a pair of substitutions in the body that leaves the check character X valid.
    let found: string | undefined;
    for (let i = 0; i < 17 && !found; i++)
      for (let j = i + 1; j < 17 && !found; j++)
        for (let a = 0; a < 10 && !found; a++)
          for (let b = 0; b < 10 && !found; b++) {
            if (String(a) === id[i] || String(b) === id[j]) continue;
            const twice = substitute(substitute(id, i, String(a)), j, String(b));
            if (idCheckChar(twice.slice(0, 17)) === 'X') found = twice;
          }
    expect(found).toBeDefined();
  });
});

describe('GB 32100 unified social credit codes (MOD 31)', () => {
  it('accepts every generated valid code', () => {
    fc.assert(
      fc.property(validCredit, (code) => {
        expect(validateCreditCode(code).ok, code).toBe(true);
      }),
    );
  });

  it('rejects every single-character change of a valid code (all 18 positions × all 31 characters and I, O, Z, S, V)', () => {
    fc.assert(
      fc.property(validCredit, (code) => {
        for (let i = 0; i < 18; i++)
          for (const c of `${CREDIT_ALPHABET}IOZSV`)
            if (c !== code[i])
              expect(validateCreditCode(substitute(code, i, c)).ok, `${code} @${i}→${c}`).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects every swap of two adjacent different characters, the check character included (equal pairs are no change)', () => {
    fc.assert(
      fc.property(validCredit, (code) => {
        for (let i = 0; i < 17; i++)
          if (code[i] !== code[i + 1])
            expect(validateCreditCode(swap(code, i)).ok, `${code} swap ${i}`).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
