import { describe, expect, it } from 'vitest';
import { dateContext, fullMonthsSince, fullYearsSince, isIsoDate, shiftDate } from './dates';
import { deriveInto, emptyDerived } from './facts';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
    expect(() => dateContext('yesterday')).toThrow(TypeError);
  });

  it('counts whole years and months the way Postgres age() does', () => {
    const at = dateContext('2025-02-28');
    expect(fullYearsSince('2000-02-29', at)).toBe(24);
    expect(fullYearsSince('2000-02-28', at)).toBe(25);
    expect(fullMonthsSince('2025-01-31', at)).toBe(0);
    expect(fullMonthsSince('2025-01-28', at)).toBe(1);
    expect(fullMonthsSince('2023-03-01', dateContext('2025-03-01'))).toBe(24);
  });

  it('shifts by periods, clamping to the end of a shorter month', () => {
    expect(shiftDate('2025-03-31', { months: 1 }, -1)).toBe('2025-02-28');
    expect(shiftDate('2024-02-29', { years: 1 }, 1)).toBe('2025-02-28');
    expect(shiftDate('2025-06-01', { years: 2, days: 1 }, -1)).toBe('2023-05-31');
  });

  it('derives age, age on 1 January, years since graduation and months in the district', () => {
    const d = deriveInto(
      emptyDerived(),
      { birthDate: '1990-06-02', graduationDate: '2020-07-01', arrivalDate: '2024-12-15' },
      dateContext('2025-06-01'),
    );
    expect(d).toEqual({ age: 34, ageOnJan1: 34, yearsSinceGraduation: 4, monthsInDistrict: 5 });
    expect(deriveInto(emptyDerived(), { age: 50 }, dateContext('2025-06-01')).age).toBe(50);
    expect(
      deriveInto(emptyDerived(), { birthDate: '1990-01-01', age: 50 }, dateContext('2025-06-01')).age,
    ).toBe(35);
  });
});
