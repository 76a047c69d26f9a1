import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCondition } from './conditions/bind';
import { compilePredicate } from './conditions/compile';
import { dateContext } from './dates';
import { deriveInto, emptyDerived } from './facts';
import { toSql } from './sql';
import { conditionArb, factsArb } from './test-arbitraries';
import { demoPack } from './test-support';
import type { Facts } from './types';

const pack = demoPack();
const asOf = '2025-06-01';
const columns = {
  degree: 'degree',
  tier: 'tier',
  birthDate: 'birth_date',
  socialInsuranceMonths: 'si_months',
  ownsHomeInDistrict: 'owns_home',
  annualSalary: 'salary',
  honours: 'honours',
  graduationDate: 'graduation_date',
};

let db: PGlite;
let rows: Facts[];

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`CREATE TABLE talents (id int PRIMARY KEY, degree text, tier text, birth_date date, si_months int,
    owns_home boolean, salary numeric, honours text[], graduation_date date)`);
  rows = fc.sample(factsArb, { numRuns: 300, seed: 7 });
  for (const [i, f] of rows.entries()) {
    await db.query('INSERT INTO talents VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      i,
      f.degree ?? null,
      f.tier ?? null,
      f.birthDate ?? null,
      f.socialInsuranceMonths ?? null,
      f.ownsHomeInDistrict ?? null,
      f.annualSalary ?? null,
      f.honours ?? null,
      f.graduationDate ?? null,
    ]);
  }
});

afterAll(async () => {
  await db.close();
});

async function sqlVerdicts(where: { sql: string; params: unknown[] }): Promise<number[]> {
  const result = await db.query<{ v: boolean | null }>(
    `SELECT (${where.sql}) AS v FROM talents ORDER BY id`,
    where.params,
  );
  return result.rows.map((r) => (r.v === null ? 1 : r.v ? 2 : 0));
}

describe('toSql', () => {
  it('writes a policy as a parameterised WHERE expression', () => {
    const where = toSql(pack, 'demo.housing.purchase', {
      asOf,
      columns: {
        tier: 'tier',
        ownsHomeInDistrict: 'owns_home',
        birthDate: 'birth_date',
        socialInsuranceMonths: 'si_months',
      },
    });
    expect(where.sql).toBe(
      "((tier = ANY($1::text[])) AND (owns_home = $2::boolean) AND (date_part('year', age($3::date, birth_date)) <= $4::numeric) AND (si_months >= $5::numeric))",
    );
    expect(where.params).toEqual([['A', 'B', 'C', 'D', 'E'], false, '2025-06-01', 45, 6]);
    expect(toSql(pack, 'demo.enterprise.rd', { asOf: '2021-01-01', columns: {} })).toEqual({
      sql: 'FALSE',
      params: [],
    });
    expect(
      toSql(pack, { fact: 'degree', op: 'eq', value: 'phd' }, { asOf, columns, firstParam: 3 }).sql,
    ).toBe('(degree = $3::text)');
  });

  it('refuses a fact without a column', () => {
    expect(() => toSql(pack, { fact: 'gender', op: 'eq', value: 'male' }, { asOf, columns })).toThrow(
      /no column/,
    );
  });

  it('agrees with the compiled predicate on random conditions, NULL meaning unknown (PGlite)', async () => {
    const at = dateContext(asOf);
    const derived = rows.map((f) => deriveInto(emptyDerived(), f, at));
    const conditions = fc.sample(conditionArb, { numRuns: 80, seed: 11 });
    for (const cond of conditions) {
      const predicate = compilePredicate(bindCondition(cond, pack.pack, at));
      const js = rows.map((f, i) => predicate(f, derived[i] as (typeof derived)[number]));
      const where = toSql(pack, cond, { asOf, columns });
      expect({ cond, verdicts: await sqlVerdicts(where) }).toEqual({ cond, verdicts: js });
    }
  });
});
