// fast-check generators shared by the differential tests: random condition trees over a few demo-pack
// facts (every operator and type) and random subjects with some facts missing.
import fc from 'fast-check';
import type { Condition } from './types';

const enums = {
  degree: ['none', 'bachelor', 'master', 'phd'],
  tier: ['A', 'B', 'C', 'NONE'],
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
const isoDate = fc
  .integer({ min: 0, max: 20_000 })
  .map((d) => new Date(Date.UTC(1970, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** Random talent facts, each possibly missing. */
export const factsArb = fc.record({
  degree: maybe(fc.constantFrom(...enums.degree)),
  tier: maybe(fc.constantFrom(...enums.tier)),
  birthDate: maybe(isoDate),
  socialInsuranceMonths: maybe(fc.integer({ min: 0, max: 60 })),
  ownsHomeInDistrict: maybe(fc.boolean()),
  annualSalary: maybe(fc.integer({ min: 0, max: 1_000_000 })),
  honours: maybe(fc.subarray(['academician', 'nobel_prize', 'national_talent_program'])),
  graduationDate: maybe(isoDate),
});

const leafArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.constantFrom(...enums.degree).map((value) => ({ fact: 'degree', op: 'eq', value }) as Condition),
  fc.subarray(enums.tier, { minLength: 1 }).map((value) => ({ fact: 'tier', op: 'in', value }) as Condition),
  fc
    .subarray(enums.degree, { minLength: 1 })
    .map((value) => ({ fact: 'degree', op: 'not_in', value }) as Condition),
  fc
    .tuple(fc.constantFrom('lt', 'lte', 'gt', 'gte', 'eq', 'ne'), fc.integer({ min: 0, max: 60 }))
    .map(([op, value]) => ({ fact: 'socialInsuranceMonths', op, value }) as Condition),
  fc.integer({ min: 18, max: 70 }).map((value) => ({ fact: 'age', op: 'lte', value }) as Condition),
  fc.boolean().map((value) => ({ fact: 'ownsHomeInDistrict', op: 'eq', value }) as Condition),
  fc
    .tuple(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 0, max: 500_000 }))
    .map(
      ([a, b]) =>
        ({ fact: 'annualSalary', op: 'between', value: [Math.min(a, b), Math.max(a, b)] }) as Condition,
    ),
  fc
    .constantFrom('academician', 'nobel_prize')
    .map((value) => ({ fact: 'honours', op: 'contains', value }) as Condition),
  fc.constantFrom('degree', 'tier', 'honours').map((fact) => ({ fact, op: 'exists' }) as Condition),
  fc
    .integer({ min: 0, max: 10 })
    .map((years) => ({ fact: 'graduationDate', op: 'within', period: { years } }) as Condition),
  isoDate.map((value) => ({ fact: 'birthDate', op: 'before', value }) as Condition),
);

/** Random condition trees (all / any / not over typed leaves). */
export const conditionArb = fc.letrec<{ tree: Condition }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('tree'), { maxLength: 4 }).map((all) => ({ all })),
    fc.array(tie('tree'), { maxLength: 4 }).map((any) => ({ any })),
    tie('tree').map((c) => ({ not: c })),
  ),
})).tree;
