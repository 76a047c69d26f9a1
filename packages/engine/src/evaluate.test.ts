import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAmount } from './amounts';
import { dateContext } from './dates';
import { classifyTier, decide, evaluateSubject, explainPolicy } from './evaluate';
import { deriveInto, emptyDerived } from './facts';
import { demoPack } from './test-support';

const pack = demoPack();
const buyer = {
  tier: 'C',
  degree: 'phd',
  birthDate: '1993-02-01',
  ownsHomeInDistrict: false,
  rentsInDistrict: true,
  purchasePrice: 2_000_000,
  socialInsuranceMonths: 24,
  socialInsuranceContinuousMonths: 6,
  employerInDistrict: true,
  socialInsuranceLocal: true,
};

describe('evaluateSubject', () => {
  it('decides every talent policy, keeps the higher housing subsidy and totals after 就高不重复', () => {
    const ev = evaluateSubject(pack, 'talent', buyer, '2025-06-01');
    expect(ev.decisions.map((d) => d.policyId)).toEqual([
      'demo.award.top',
      'demo.housing.purchase',
      'demo.housing.rent',
      'demo.living.graduate',
      'demo.schooling.green',
    ]);
    const byId = Object.fromEntries(ev.decisions.map((d) => [d.policyId, d]));
    expect(byId['demo.housing.purchase']).toMatchObject({
      verdict: 'eligible',
      amount: 600_000,
      fund: 'talent_fund',
      grantMode: 'apply',
      exclusivity: { group: 'housing', chosen: true, chosenPolicy: 'demo.housing.purchase' },
    });
    expect(byId['demo.housing.rent']).toMatchObject({
      verdict: 'eligible',
      amount: 90_000,
      exclusivity: { group: 'housing', chosen: false, chosenPolicy: 'demo.housing.purchase' },
    });
    expect(ev.groups).toEqual([
      {
        group: 'housing',
        resolution: 'highest',
        chosen: 'demo.housing.purchase',
        members: [
          { policyId: 'demo.housing.purchase', verdict: 'eligible', amount: 600_000 },
          { policyId: 'demo.housing.rent', verdict: 'eligible', amount: 90_000 },
        ],
        undecided: false,
      },
    ]);
    expect(ev.total).toBe(600_000);
    expect(ev.totalComplete).toBe(true);
    expect(ev.missing.sort()).toEqual(['childrenCount', 'graduationDate', 'honours']);
    expect(byId['demo.award.top']).toMatchObject({
      verdict: 'unknown',
      amount: 1_000_000,
      grantMode: 'automatic',
    });
  });

  it('marks a group undecided while a member that could win is unknown', () => {
    const ev = evaluateSubject(pack, 'talent', { ...buyer, socialInsuranceMonths: undefined }, '2025-06-01');
    expect(ev.groups[0]).toMatchObject({ chosen: 'demo.housing.rent', undecided: true });
  });

  it('uses the parameter values in force on the date', () => {
    expect(decide(pack, 'demo.housing.purchase', buyer, '2023-06-01').amount).toBe(500_000);
    expect(decide(pack, 'demo.housing.purchase', buyer, '2024-01-01').amount).toBe(600_000);
    expect(decide(pack, 'demo.housing.rent', buyer, '2023-12-31').amount).toBe(72_000);
  });

  it('refuses outside the effective window', () => {
    const firm = {
      registeredInDistrict: true,
      enterpriseTags: ['high_tech'],
      creditStatus: 'normal',
      rdInvestment: 1e6,
    };
    expect(decide(pack, 'demo.enterprise.rd', firm, '2021-12-31')).toMatchObject({
      verdict: 'ineligible',
      inForce: false,
      amount: 0,
    });
    expect(decide(pack, 'demo.enterprise.rd', firm, '2026-12-31')).toMatchObject({
      verdict: 'eligible',
      amount: 100_000,
    });
    expect(decide(pack, 'demo.enterprise.rd', firm, '2027-01-01').verdict).toBe('ineligible');
  });

  it('computes amounts: percent up to its max, per unit up to its max, never below zero after deductions', () => {
    const firm = { registeredInDistrict: true, enterpriseTags: ['high_tech'], creditStatus: 'normal' };
    expect(
      decide(pack, 'demo.enterprise.rd', { ...firm, rdInvestment: 50_000_000 }, '2025-06-01').amount,
    ).toBe(1_000_000);
    expect(decide(pack, 'demo.enterprise.hiring', { ...firm, newTalentHires: 26 }, '2025-06-01').amount).toBe(
      500_000,
    );
    const received = { 'demo.housing.rent': 700_000 };
    expect(decide(pack, 'demo.housing.purchase', { ...buyer, received }, '2025-06-01').amount).toBe(0);
  });

  it('leaves the amount unknown when a fact it needs is missing', () => {
    const d = decide(pack, 'demo.housing.purchase', { ...buyer, purchasePrice: undefined }, '2025-06-01');
    expect(d).toMatchObject({ verdict: 'eligible', amount: null, amountMissing: ['purchasePrice'] });
    expect(d.schedule.map((i) => i.amount)).toEqual([null, null]);
  });

  it('gives each instalment its due date and state, counted from the grant', () => {
    const granted = decide(pack, 'demo.housing.purchase', buyer, '2025-06-01', { grantDate: '2024-01-15' });
    expect(granted.schedule.map((i) => [i.amount, i.dueDate, i.state])).toEqual([
      [300_000, '2024-01-15', 'due'],
      [300_000, '2025-01-15', 'pending'],
    ]);
    const unknown = decide(
      pack,
      'demo.housing.purchase',
      { ...buyer, socialInsuranceContinuousMonths: undefined },
      '2025-06-01',
      {
        grantDate: '2024-01-15',
      },
    );
    expect(unknown.schedule[1]).toMatchObject({
      state: 'unknown',
      missing: ['socialInsuranceContinuousMonths'],
    });
  });

  it('splits amounts to the cent with the remainder on the last instalment', () => {
    const d = decide(
      pack,
      'demo.living.graduate',
      {
        degree: 'bachelor',
        graduationDate: '2025-01-01',
        employerInDistrict: true,
        socialInsuranceLocal: true,
      },
      '2025-06-01',
    );
    expect(d.schedule.map((i) => i.amount)).toEqual([8000, 6000, 6000]);
  });
});

describe('decision summaries and amounts', () => {
  it('says in one line why', () => {
    expect(decide(pack, 'demo.housing.purchase', buyer, '2025-06-01').summary).toEqual({
      zh: '符合条件',
      en: 'eligible',
    });
    expect(
      decide(pack, 'demo.housing.purchase', { ...buyer, socialInsuranceMonths: null }, '2025-06-01').summary,
    ).toEqual({
      zh: '需补充：社保缴纳月数',
      en: 'tell us: months of social insurance',
    });
    expect(
      decide(pack, 'demo.housing.purchase', { ...buyer, birthDate: '1970-01-01' }, '2025-06-01').summary,
    ).toEqual({
      zh: '不满足：年龄不超过 45',
      en: 'not met: age is at most 45',
    });
    expect(decide(pack, 'demo.enterprise.rd', {}, '2021-06-01').summary.en).toBe(
      'not in force on that date (2022-01-01 – 2026-12-31)',
    );
  });

  it('computes the same amount with the generated fast path as with the explained one', () => {
    const at = dateContext('2025-06-01');
    const facts = fc.record({
      tier: fc.option(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'NONE'), { nil: undefined }),
      degree: fc.option(fc.constantFrom('bachelor', 'master', 'phd', 'none'), { nil: undefined }),
      purchasePrice: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
      newTalentHires: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      rdInvestment: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: undefined }),
      received: fc.option(fc.record({ 'demo.housing.rent': fc.integer({ min: 0, max: 700_000 }) }), {
        nil: undefined,
      }),
    });
    const bound = pack.policies.map((cp) => cp.on(at).amount).filter((a) => a !== undefined);
    fc.assert(
      fc.property(facts, (f) => {
        const d = deriveInto(emptyDerived(), f, at);
        return bound.every((b) => b.value(f, d) === computeAmount(b, f, d, true).value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('explainPolicy', () => {
  it('explains conditions, amount steps with parameters, and the schedule', () => {
    const e = explainPolicy(
      pack,
      'demo.housing.purchase',
      { ...buyer, received: { 'demo.housing.rent': 10_000 } },
      '2025-06-01',
    );
    expect(e.verdict).toBe('eligible');
    expect(e.condition.children?.map((c) => [c.status, c.text.en])).toEqual([
      ['pass', 'talent tier is one of A, B, C, D, E'],
      ['pass', 'Owns no home in the district'],
      ['pass', 'age is at most 45'],
      ['pass', 'months of social insurance is at least 6'],
    ]);
    expect(e.amount.value).toBe(590_000);
    expect(e.amount.steps.map((s) => [s.step, s.total])).toEqual([
      ['table', 600_000],
      ['deduct', 590_000],
    ]);
    expect(e.amount.steps[0]?.params[0]).toMatchObject({
      name: 'housing.purchase_by_tier',
      since: '2024-01-01',
      illustrative: true,
    });
    expect(e.schedule.map((i) => i.state)).toEqual(['due', 'pending']);
  });

  it('says what is missing instead of refusing', () => {
    const e = explainPolicy(
      pack,
      'demo.housing.purchase',
      { tier: 'B', ownsHomeInDistrict: false },
      '2025-06-01',
    );
    expect(e.verdict).toBe('unknown');
    expect(e.missing).toEqual(['birthDate', 'socialInsuranceMonths']);
  });

  it('throws on an unknown policy id', () => {
    expect(() => explainPolicy(pack, 'demo.nope', {}, '2025-06-01')).toThrow(RangeError);
  });
});

describe('classifyTier', () => {
  it('finds the best passing tier and lists better tiers that are still unknown', () => {
    const t = classifyTier(pack, { degree: 'phd', birthDate: '1990-01-01' }, '2025-06-01');
    expect(t.tier).toBe('C');
    expect(t.definite).toBe(false);
    expect(t.unknown.map((u) => [u.tier, u.missing])).toEqual([
      ['A', ['honours']],
      ['B', ['honours', 'professionalTitle']],
    ]);
    expect(t.explanation?.status).toBe('pass');
  });

  it('answers NONE when every tier fails', () => {
    const t = classifyTier(
      pack,
      { degree: 'none', honours: [], professionalTitle: 'none', skillLevel: 'none' },
      '2025-06-01',
    );
    expect(t).toMatchObject({ tier: 'NONE', definite: true, unknown: [] });
  });
});
