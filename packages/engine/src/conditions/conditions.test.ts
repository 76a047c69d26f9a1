import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateContext } from '../dates';
import { deriveInto, emptyDerived } from '../facts';
import { conditionArb, factsArb } from '../test-arbitraries';
import { demoPack } from '../test-support';
import type { Condition, Facts, LeafCondition } from '../types';
import { bindCondition } from './bind';
import { compilePredicate, predicateSource } from './compile';
import { explainCondition, STATUS } from './explain';

const pack = demoPack().pack;
const at = dateContext('2025-06-01');

function run(cond: Condition, facts: Facts) {
  const node = bindCondition(cond, pack, at);
  const derived = deriveInto(emptyDerived(), facts, at);
  const explained = explainCondition(node, facts, derived);
  const compiled = STATUS[compilePredicate(node)(facts, derived)];
  expect(compiled).toBe(explained.status);
  return explained;
}

const phd: LeafCondition = { fact: 'degree', op: 'eq', value: 'phd' };
const young: LeafCondition = { fact: 'age', op: 'lte', value: 40 };
const tierAB: LeafCondition = { fact: 'tier', op: 'in', value: ['A', 'B'] };

describe('three-valued conditions', () => {
  it('a missing fact is unknown, and null counts as missing', () => {
    expect(run(phd, {}).status).toBe('unknown');
    expect(run(phd, { degree: null }).status).toBe('unknown');
    expect(run(phd, { degree: 'phd' }).status).toBe('pass');
    expect(run(phd, { degree: 'master' }).status).toBe('fail');
  });

  it('exists fails on a missing fact instead of being unknown', () => {
    const given: LeafCondition = { fact: 'degree', op: 'exists' };
    expect(run(given, {}).status).toBe('fail');
    expect(run(given, { degree: 'none' }).status).toBe('pass');
  });

  it('"no tier" (NONE) is a value, unlike a tier not given', () => {
    expect(run(tierAB, { tier: 'NONE' }).status).toBe('fail');
    expect(run(tierAB, {}).status).toBe('unknown');
  });

  it('all fails on any failing child, even when others are unknown, and then asks for nothing', () => {
    const r = run({ all: [phd, young] }, { degree: 'master' });
    expect(r.status).toBe('fail');
    expect(r.missing).toEqual([]);
  });

  it('all is unknown when nothing fails and something is unknown; the derived age asks for the birth date', () => {
    const r = run({ all: [phd, young] }, { degree: 'phd' });
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual(['birthDate']);
    expect(r.children?.[1]).toMatchObject({ status: 'unknown', fact: 'age', actual: null, expected: 40 });
  });

  it('any passes on any passing child and ignores the unknown ones', () => {
    const r = run({ any: [tierAB, phd] }, { degree: 'phd' });
    expect(r.status).toBe('pass');
    expect(r.missing).toEqual([]);
  });

  it('any is unknown when nothing passes; only undecided subtrees contribute missing facts', () => {
    const cond: Condition = {
      any: [tierAB, { all: [phd, young] }, { all: [{ fact: 'isPostdoc', op: 'eq', value: true }, phd] }],
    };
    const r = run(cond, { degree: 'phd', isPostdoc: false });
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual(['tier', 'birthDate']);
  });

  it('not swaps pass and fail and keeps unknown', () => {
    expect(run({ not: phd }, { degree: 'phd' }).status).toBe('fail');
    expect(run({ not: phd }, { degree: 'bachelor' }).status).toBe('pass');
    const r = run({ not: phd }, {});
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual(['degree']);
  });

  it('empty all passes and empty any fails', () => {
    expect(run({ all: [] }, {}).status).toBe('pass');
    expect(run({ any: [] }, {}).status).toBe('fail');
  });

  it('within counts back from the evaluation date, both ends included', () => {
    const recent: LeafCondition = { fact: 'graduationDate', op: 'within', period: { years: 2 } };
    expect(run(recent, { graduationDate: '2023-06-01' }).status).toBe('pass');
    expect(run(recent, { graduationDate: '2023-05-31' }).status).toBe('fail');
    expect(run(recent, { graduationDate: '2025-06-02' }).status).toBe('fail');
    expect(run(recent, {}).expected).toEqual(['2023-06-01', '2025-06-01']);
  });

  it('dates compare in calendar order; between is inclusive; contains reads a list', () => {
    expect(
      run({ fact: 'homePurchaseDate', op: 'before', value: '2024-01-01' }, { homePurchaseDate: '2023-12-31' })
        .status,
    ).toBe('pass');
    expect(
      run({ fact: 'homePurchaseDate', op: 'after', value: '2024-01-01' }, { homePurchaseDate: '2024-01-01' })
        .status,
    ).toBe('fail');
    const band: LeafCondition = { fact: 'annualSalary', op: 'between', value: [100, 200] };
    expect([100, 200, 201].map((annualSalary) => run(band, { annualSalary }).status)).toEqual([
      'pass',
      'pass',
      'fail',
    ]);
    const honour: LeafCondition = { fact: 'honours', op: 'contains', value: 'academician' };
    expect(run(honour, { honours: ['x', 'academician'] }).status).toBe('pass');
    expect(run(honour, { honours: [] }).status).toBe('fail');
  });

  it('explains a parameter by name, value in force and reference', () => {
    const r = run({ fact: 'age', op: 'lte', param: 'housing.age_cap' }, { birthDate: '1990-01-01' });
    expect(r).toMatchObject({
      status: 'pass',
      actual: 35,
      expected: 45,
      param: { name: 'housing.age_cap', value: 45, since: '2021-01-01', reference: 'plan §七(三)' },
      text: { zh: '年龄不超过 45', en: 'age is at most 45' },
    });
  });

  it('inlines short lists and uses a Set for long ones', () => {
    const short = predicateSource(bindCondition(tierAB, pack, at));
    expect(short).toContain('x === "A" || x === "B"');
    const long = predicateSource(
      bindCondition({ fact: 'industry', op: 'in', value: 'abcdefghij'.split('') }, pack, at),
    );
    expect(long).toContain('new Set(');
  });
});

describe('compiled predicate against the explain interpreter', () => {
  it('agrees on the verdict for random trees and random facts (differential property)', () => {
    fc.assert(
      fc.property(conditionArb, fc.array(factsArb, { minLength: 1, maxLength: 8 }), (cond, subjects) => {
        const node = bindCondition(cond, pack, at);
        const predicate = compilePredicate(node);
        for (const facts of subjects) {
          const derived = deriveInto(emptyDerived(), facts, at);
          const expected = explainCondition(node, facts, derived).status;
          if (STATUS[predicate(facts, derived)] !== expected) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
