import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSubject } from './evaluate';
import { type BulkMatch, type BulkSubject, matchBulk } from './match';
import { factsArb } from './test-arbitraries';
import { demoPack } from './test-support';

const pack = demoPack();
const asOf = '2025-06-01';

function subjects(): BulkSubject[] {
  return fc.sample(factsArb, { numRuns: 3000, seed: 3 }).map((f, id) => ({
    id,
    facts: {
      ...f,
      rentsInDistrict: id % 3 === 0,
      employerInDistrict: id % 2 === 0,
      purchasePrice: 900_000,
      childrenCount: id % 4,
    },
  }));
}

function expected(list: BulkSubject[]): BulkMatch[] {
  const out: BulkMatch[] = [];
  for (const s of list) {
    const ev = evaluateSubject(pack, 'talent', s.facts, asOf);
    const matches = ev.decisions
      .filter((d) => d.verdict !== 'ineligible')
      .map((d) => ({
        policyId: d.policyId,
        verdict: d.verdict as 'eligible' | 'unknown',
        amount: d.verdict === 'eligible' ? d.amount : null,
        missing: d.verdict === 'unknown' ? d.missing : undefined,
        chosen: d.verdict !== 'eligible' || !d.exclusivity || d.exclusivity.chosen,
      }));
    if (matches.length === 0) continue;
    const chosen: Record<string, string> = {};
    for (const g of ev.groups) if (g.chosen) chosen[g.group] = g.chosen;
    out.push({ id: s.id, matches, chosen, total: ev.total });
  }
  return out;
}

describe('matchBulk', () => {
  it('streams the same answers as evaluating each subject, with and without the index', () => {
    const list = subjects();
    const want = expected(list);
    expect(want.length).toBeGreaterThan(1000);
    expect([...matchBulk(pack, list, asOf)]).toEqual(want);
    expect([...matchBulk(pack, list, asOf, { sample: 0 })]).toEqual(want);
    expect([...matchBulk(pack, list, asOf, { sample: 10 })]).toEqual(want);
  });

  it('accepts an async source', async () => {
    const list = subjects().slice(0, 500);
    async function* source() {
      for (const s of list) yield s;
    }
    const got: BulkMatch[] = [];
    for await (const m of matchBulk(pack, source(), asOf, { sample: 100 })) got.push(m);
    expect(got).toEqual(expected(list));
  });

  it('can skip unknown verdicts and report enterprises', () => {
    const firms = [
      {
        id: 'a',
        facts: {
          registeredInDistrict: true,
          creditStatus: 'normal',
          newTalentHires: 4,
          enterpriseTags: ['high_tech'],
          rdInvestment: 10,
        },
      },
      { id: 'b', facts: { registeredInDistrict: true } },
    ];
    const got = [
      ...matchBulk(pack, firms, asOf, { subject: 'enterprise', includeUnknown: false, includeEmpty: true }),
    ];
    expect(got).toEqual([
      {
        id: 'a',
        matches: [
          {
            policyId: 'demo.enterprise.hiring',
            verdict: 'eligible',
            amount: 80_000,
            missing: undefined,
            chosen: true,
          },
          {
            policyId: 'demo.enterprise.rd',
            verdict: 'eligible',
            amount: 1,
            missing: undefined,
            chosen: true,
          },
        ],
        chosen: {},
        total: 80_001,
      },
      { id: 'b', matches: [], chosen: {}, total: 0 },
    ]);
  });
});
