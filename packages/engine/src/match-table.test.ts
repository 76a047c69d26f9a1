// The columnar path (subjectTable → matchTable / matchTableParallel) against evaluateSubject, subject by
// subject: the same verdicts, amounts, exclusivity choices and totals — on the district packs with
// seeded profiles, and on the demo pack with fast-check subjects, including facts of the wrong type
// (raw columns), NaN, odd strings and deductions.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledPack, compilePack } from './compile';
import { bindCondition } from './conditions/bind';
import { compilePredicate } from './conditions/compile';
import { dateContext } from './dates';
import { evaluateSubject } from './evaluate';
import { deriveInto, emptyDerived } from './facts';
import { loadPack } from './load/index';
import type { BulkMatch, BulkSubject } from './match';
import {
  matchTable,
  matchTableParallel,
  type TableBatch,
  type TableMatchOptions,
  tablePredicate,
} from './match-table';
import { rowFacts, type SubjectTable, subjectTable } from './table';
import { conditionArb, factsArb } from './test-arbitraries';
import { demoPack } from './test-support';
import type { Audience, Condition, FactDef } from './types';

const PACKS = fileURLToPath(new URL('../../../packs/', import.meta.url));
const AS_OF = '2025-06-01';

/** What evaluateSubject says, in matchBulk's shape (missing facts left out). */
function expected(
  pack: CompiledPack,
  list: readonly BulkSubject[],
  options: { includeUnknown?: boolean; includeEmpty?: boolean; subject?: Audience } = {},
): BulkMatch[] {
  const out: BulkMatch[] = [];
  for (const s of list) {
    const ev = evaluateSubject(pack, options.subject ?? 'talent', s.facts, AS_OF);
    const matches = ev.decisions
      .filter(
        (d) => d.verdict === 'eligible' || (d.verdict === 'unknown' && options.includeUnknown !== false),
      )
      .map((d) => ({
        policyId: d.policyId,
        verdict: d.verdict as 'eligible' | 'unknown',
        amount: d.verdict === 'eligible' ? d.amount : null,
        missing: undefined,
        chosen: d.verdict !== 'eligible' || !d.exclusivity || d.exclusivity.chosen,
      }));
    if (matches.length === 0 && !options.includeEmpty) continue;
    const chosen: Record<string, string> = {};
    for (const g of ev.groups) if (g.chosen) chosen[g.group] = g.chosen;
    out.push({ id: s.id, matches, chosen, total: ev.total });
  }
  return out;
}

/** Reads table batches back into matchBulk's shape. */
function fromBatches(table: SubjectTable, batches: TableBatch[]): BulkMatch[] {
  const out: BulkMatch[] = [];
  let next = 0;
  for (const b of batches) {
    expect(b.from).toBe(next);
    next = b.to;
    for (let r = 0; r < b.rows; r++) {
      const matches: BulkMatch['matches'] = [];
      const chosen: Record<string, string> = {};
      for (let i = b.offsets[r] as number; i < (b.offsets[r + 1] as number); i++) {
        const policyId = b.policyIds[b.policy[i] as number] as string;
        const eligible = b.verdict[i] === 2;
        const isChosen = b.chosen[i] === 1;
        const group = b.policyGroup[b.policy[i] as number];
        if (eligible && isChosen && group) chosen[group] = policyId;
        matches.push({
          policyId,
          verdict: eligible ? 'eligible' : 'unknown',
          amount: eligible && !Number.isNaN(b.amount[i]) ? (b.amount[i] as number) : null,
          missing: undefined,
          chosen: isChosen,
        });
      }
      out.push({
        id: table.ids[b.row[r] as number] as string | number,
        matches,
        chosen,
        total: b.total[r] as number,
      });
    }
  }
  expect(next).toBe(table.length);
  return out;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Profiles over a pack's talent facts, values near the conditions' thresholds, 5 % unknown. */
function profiles(pack: CompiledPack, n: number, seed: number): BulkSubject[] {
  const r = prng(seed);
  const defs = Object.values(pack.pack.schema).filter(
    (d): d is FactDef => d.subject !== 'enterprise' && !d.derivedFrom,
  );
  const day = (from: number, to: number) =>
    new Date(Date.UTC(from, 0, 1) + Math.floor(r() * (to - from) * 365.25) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  const out: BulkSubject[] = [];
  for (let id = 0; id < n; id++) {
    const facts: Record<string, unknown> = {};
    for (const def of defs) {
      let v: unknown;
      switch (def.type) {
        case 'boolean':
          v = r() < 0.6;
          break;
        case 'integer':
          v = Math.floor(r() * 40);
          break;
        case 'number':
          v = Math.round(r() * 1_000_000) / (r() < 0.5 ? 1 : 100);
          break;
        case 'enum':
          v = def.values?.[Math.floor(r() * def.values.length)] ?? null;
          break;
        case 'string':
          v = r() < 0.5 ? 'finance' : `other${Math.floor(r() * 3)}`;
          break;
        case 'date':
          v = r() < 0.5 ? day(2018, 2026) : day(1960, 2026);
          break;
        case 'string_list':
          v = def.values && r() < 0.4 ? [def.values[Math.floor(r() * def.values.length)]] : [];
          break;
        case 'money_map':
          v = r() < 0.3 ? Object.fromEntries(pack.pack.policies.slice(0, 8).map((p) => [p.id, 5000])) : {};
          break;
      }
      facts[def.name] = def.name !== 'tier' && r() < 0.05 ? null : v;
    }
    out.push({ id: `s${id}`, facts });
  }
  return out;
}

const dirs = readdirSync(PACKS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('matchTable on the district packs', () => {
  for (const [k, dir] of dirs.entries()) {
    it(`${dir}: the table path agrees with evaluateSubject, in one thread and in two`, async () => {
      const pack = compilePack(await loadPack(join(PACKS, dir)));
      const list = profiles(pack, 2500, 7000 + k);
      const want = expected(pack, list);
      expect(want.some((m) => m.matches.some((x) => x.verdict === 'eligible'))).toBe(true);
      const table = subjectTable(pack, list);
      expect(fromBatches(table, matchTable(pack, table, AS_OF))).toEqual(want);
      expect(fromBatches(table, matchTable(pack, table, AS_OF, { batch: 333, sample: 40 }))).toEqual(want);
      const parallel = await matchTableParallel(pack, table, AS_OF, { threads: 2, batch: 256 });
      expect(fromBatches(table, parallel)).toEqual(want);
    });
  }
});

/** Values of the wrong type, NaN and odd strings, to push columns to their raw fallback. */
const oddArb = fc.constantFrom<unknown>(
  Number.NaN,
  '12',
  7,
  true,
  'not-a-date',
  '1990-13-45',
  ['academician'],
  { a: 1 },
  -0,
  1.5,
);

const oddFactsArb = fc
  .tuple(
    factsArb,
    fc.dictionary(
      fc.constantFrom(
        'degree',
        'tier',
        'birthDate',
        'graduationDate',
        'socialInsuranceMonths',
        'ownsHomeInDistrict',
        'annualSalary',
        'honours',
        'age',
        'purchasePrice',
        'rentsInDistrict',
        'employerInDistrict',
        'childrenCount',
      ),
      oddArb,
      { maxKeys: 2 },
    ),
    fc.option(fc.dictionary(fc.constantFrom('demo.housing.rent', 'other'), fc.double()), { nil: undefined }),
  )
  .map(([facts, odd, received]) => ({
    rentsInDistrict: true,
    employerInDistrict: true,
    purchasePrice: 900_000,
    childrenCount: 1,
    ...facts,
    ...(received ? { received } : {}),
    ...odd,
  }));

function check(list: BulkSubject[], options: TableMatchOptions): boolean {
  const pack = demoPack();
  const table = subjectTable(pack, list, { shared: list.length % 2 === 0 });
  const got = fromBatches(table, matchTable(pack, table, AS_OF, options));
  expect(got).toEqual(expected(pack, list, options));
  return true;
}

const isoDay = fc
  .integer({ min: 0, max: 20_000 })
  .map((d) => new Date(Date.UTC(1970, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** Leaves the shared generator lacks: order and range tests on strings and dates, odd literals. */
const extraLeafArb: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .tuple(fc.constantFrom('lt', 'lte', 'gt', 'gte', 'before', 'after'), isoDay)
    .map(([op, value]) => ({ fact: 'birthDate', op, value }) as Condition),
  fc
    .tuple(isoDay, isoDay)
    .map(
      ([a, b]) => ({ fact: 'graduationDate', op: 'between', value: a < b ? [a, b] : [b, a] }) as Condition,
    ),
  fc
    .tuple(
      fc.constantFrom('lt', 'lte', 'gt', 'gte', 'eq', 'ne'),
      fc.constantFrom('bachelor', 'm', 'zzz', 'A', ''),
    )
    .map(([op, value]) => ({ fact: 'degree', op, value }) as Condition),
  fc
    .tuple(fc.constantFrom('eq', 'ne'), fc.constantFrom<unknown>(true, false, 1, 'x'))
    .map(([op, value]) => ({ fact: 'ownsHomeInDistrict', op, value }) as Condition),
  fc
    .tuple(
      fc.constantFrom('in', 'not_in'),
      fc.constantFrom<unknown[]>([true], [false, true], [false], [1, 'x']),
    )
    .map(([op, value]) => ({ fact: 'ownsHomeInDistrict', op, value }) as Condition),
  fc
    .constantFrom('academician', 'x')
    .map((value) => ({ fact: 'honours', op: 'contains', value }) as Condition),
  fc
    .constantFrom<unknown>('5', 5, 2.5)
    .map((value) => ({ fact: 'socialInsuranceMonths', op: 'gte', value }) as Condition),
);

const TREE_FACTS = [
  'degree',
  'tier',
  'birthDate',
  'age',
  'socialInsuranceMonths',
  'ownsHomeInDistrict',
  'annualSalary',
  'honours',
  'graduationDate',
];

const treeArb: fc.Arbitrary<Condition> = fc.oneof(
  conditionArb,
  extraLeafArb,
  fc.array(fc.oneof(conditionArb, extraLeafArb), { maxLength: 4 }).map((all) => ({ all })),
  fc.array(fc.oneof(conditionArb, extraLeafArb), { maxLength: 4 }).map((any) => ({ any })),
);

describe('table predicates (differential property)', () => {
  it("give the compiled predicate's verdict on every row, for random trees and subjects", () => {
    const pack = demoPack();
    const at = dateContext(AS_OF);
    fc.assert(
      fc.property(
        treeArb,
        fc.array(fc.oneof(factsArb, oddFactsArb), { minLength: 1, maxLength: 12 }),
        (cond, list) => {
          const node = bindCondition(cond, pack.pack, at);
          const want = compilePredicate(node);
          const subjects = list.map((facts, id) => ({ id, facts }));
          const table = subjectTable(pack, subjects, { shared: false, facts: TREE_FACTS });
          const got = tablePredicate(node, table, AS_OF);
          for (const [i, s] of subjects.entries())
            if (got(i) !== want(s.facts, deriveInto(emptyDerived(), s.facts, at))) return false;
          return true;
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('matchTable on generated subjects (differential property)', () => {
  it('typed facts: the same answers as evaluateSubject', () => {
    fc.assert(
      fc.property(
        fc.array(factsArb, { minLength: 1, maxLength: 60 }),
        fc.record({
          batch: fc.integer({ min: 1, max: 70 }),
          sample: fc.integer({ min: 0, max: 30 }),
          includeUnknown: fc.boolean(),
          includeEmpty: fc.boolean(),
        }),
        (facts, options) =>
          check(
            facts.map((f, id) => ({
              id,
              facts: {
                ...f,
                rentsInDistrict: id % 3 === 0,
                employerInDistrict: id % 2 === 0,
                childrenCount: id % 4,
              },
            })),
            options,
          ),
      ),
      { numRuns: 300 },
    );
  });

  it('facts of the wrong type, NaN and odd strings: still the same answers', () => {
    fc.assert(
      fc.property(
        fc.array(oddFactsArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 20 }),
        (facts, sample) =>
          check(
            facts.map((f, id) => ({ id, facts: f })),
            { sample, batch: 16 },
          ),
      ),
      { numRuns: 300 },
    );
  });

  it('enterprises too, and a table row reads back as its facts', () => {
    const pack = demoPack();
    const firms: BulkSubject[] = [
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
    const table = subjectTable(pack, firms);
    const options = { subject: 'enterprise' as const, includeEmpty: true };
    expect(fromBatches(table, matchTable(pack, table, AS_OF, options))).toEqual(
      expected(pack, firms, options),
    );
    expect(rowFacts(table, 0)).toMatchObject(firms[0]?.facts as object);
  });

  it('splits work over threads with the same answers, whatever the batch size', async () => {
    const pack = demoPack();
    const list = fc.sample(factsArb, { numRuns: 3000, seed: 11 }).map((f, id) => ({
      id,
      facts: { ...f, rentsInDistrict: id % 3 === 0, employerInDistrict: id % 2 === 0 },
    }));
    const want = expected(pack, list);
    const table = subjectTable(pack, list);
    for (const [threads, batch] of [
      [1, 100],
      [2, 1],
      [2, 97],
      [3, 1000],
      [2, 5000],
    ] as const)
      expect(fromBatches(table, await matchTableParallel(pack, table, AS_OF, { threads, batch }))).toEqual(
        want,
      );
  });
});
