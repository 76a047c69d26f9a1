// Test vectors from research/reliability.md §2 (GB 11643, GB 32100, mobile numbers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCheckChar, validateCreditCode } from './credit-code';
import { idCheckChar, validateIdNumber } from './id-number';
import { normalizeMobile } from './phone';

const today = new Date('2026-01-01T00:00:00Z');

describe('GB 11643 identity numbers', () => {
  it.each([
    ['11010519491231002X', 'female'],
    ['440524188001010014', 'male'],
    ['310115200002290048', 'female'],
    ['320102198810010091', 'male'],
    ['32010219881001018X', 'female'],
    ['320102198810010040', 'female'],
    ['１１０１０５１９４９１２３１００２ｘ', 'female'],
  ])('accepts %s', (id, sex) => {
    const r = validateIdNumber(id, today);
    expect(r.ok && r.sex).toBe(sex);
  });

  it('accepts a foreigner permanent-residence number starting with 9', () => {
    const r = validateIdNumber('912345198001010019', today);
    expect(r).toMatchObject({ ok: true, kind: 'foreign_permanent_resident', birthDate: '1980-01-01' });
  });

  it.each([
    ['110105194912310021', 'check_char'],
    ['11010519491231002', 'format'],
    ['11010519491231002XX', 'format'],
    ['110105194902300020', 'birth_date'],
    ['200105199001010012', 'province'],
    ['110105209901010012', 'future_birth_date'],
    ['11010519491231O02X', 'format'],
    ['110105491231002', 'format'],
    ['11010519491231020X', 'check_char'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(validateIdNumber(id, today)).toMatchObject({ ok: false, problem });
  });

  it('catches every single-digit substitution', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const body = '11010519900307001';
        const valid = body + idCheckChar(body);
        const changed = valid.slice(0, pos) + ((Number(valid[pos]) + delta) % 10) + valid.slice(pos + 1);
        expect(validateIdNumber(changed, today).ok).toBe(false);
      }),
    );
  });
});

describe('GB 32100 unified social credit codes', () => {
  it.each([
    '91350100M000100Y43',
    '91110108MA01ABCD5T',
    '92440300L12345KP0B',
    '523100005000012371',
    '113300000025012397',
    '91310115MA00000H60',
  ])('accepts %s', (code) => expect(validateCreditCode(code).ok).toBe(true));

  it.each([
    ['91350100M000100Y4Z', 'format'],
    ['91350100M000100Y44', 'check_char'],
    ['91350100M000100Y4', 'format'],
    ['91350100M000100I43', 'format'],
    ['9135010OM000100Y43', 'format'],
    ['91350100M000100Y43X', 'format'],
    ['91110108M0A1ABCD5T', 'check_char'],
  ])('rejects %s (%s)', (code, problem) =>
    expect(validateCreditCode(code)).toMatchObject({ ok: false, problem }),
  );

  it('computes the worked example check character 3', () =>
    expect(creditCheckChar('91350100M000100Y4')).toBe('3'));
});

describe('mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['19912345678', '19912345678'],
    ['１５９１２３４５６７８', '15912345678'],
  ])('accepts %s', (raw, value) => expect(normalizeMobile(raw)).toBe(value));

  it.each(['12345678901', '1380013800', '138001380001', '23800138000', '+85291234567'])('rejects %s', (raw) =>
    expect(normalizeMobile(raw)).toBeNull(),
  );
});
