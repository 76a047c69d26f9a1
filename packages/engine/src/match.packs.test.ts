// The bulk fast path (fact-value index, columnar results) against evaluateSubject, policy by policy, on
// seeded random profiles for each district pack in packs/: same verdicts, amounts and exclusivity.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CompiledPack, compilePack } from './compile';
import type { BoundNode } from './conditions/bind';
import { dateContext } from './dates';
import { evaluateSubject } from './evaluate';
import { loadPack } from './load/index';
import { type BulkMatch, type BulkSubject, matchBulk, matchBulkColumnar } from './match';
import type { FactDef, Facts } from './types';

const PACKS = fileURLToPath(new URL('../../../packs/', import.meta.url));
const AS_OF = '2025-06-01';
const N = 3000;

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

/** Every constant the pack's conditions compare a fact with (parameters resolved on the date). */
function constants(pack: CompiledPack): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const at = dateContext(AS_OF);
  const walk = (node: BoundNode) => {
    if (node.kind === 'leaf') {
      const list = out.get(node.fact) ?? [];
      const v = node.expected;
      for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && x !== null) list.push(x);
      out.set(node.fact, list);
    } else if (node.kind === 'not') walk(node.child);
    else for (const c of node.children) walk(c);
  };
  for (const cp of pack.policies) walk(cp.on(at).condition);
  return out;
}

function isoDay(r: () => number, from: number, to: number): string {
  const t = Date.UTC(from, 0, 1) + Math.floor(r() * (to - from) * 365.25) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Profiles over the pack's talent facts, values drawn near the conditions' constants, 5 % unknown. */
function profiles(pack: CompiledPack, seed: number): BulkSubject[] {
  const r = prng(seed);
  const near = constants(pack);
  const defs = Object.values(pack.pack.schema).filter(
    (d): d is FactDef => d.subject !== 'enterprise' && !d.derivedFrom,
  );
  const out: BulkSubject[] = [];
  for (let id = 0; id < N; id++) {
    const facts: Record<string, unknown> = {};
    for (const def of defs) {
      const seen = near.get(def.name) ?? [];
      const hint = seen.length > 0 && r() < 0.6 ? seen[Math.floor(r() * seen.length)] : undefined;
      let v: unknown;
      switch (def.type) {
        case 'boolean':
          v = r() < 0.5;
          break;
        case 'integer':
          v =
            typeof hint === 'number'
              ? Math.max(0, Math.round(hint) + Math.floor(r() * 3) - 1)
              : Math.floor(r() * 130);
          break;
        case 'number':
          v = typeof hint === 'number' ? hint * (0.5 + r()) : Math.round(r() * 2_000_000);
          break;
        case 'enum':
          v = def.values?.[Math.floor(r() * def.values.length)] ?? null;
          break;
        case 'string':
          v = typeof hint === 'string' && r() < 0.8 ? hint : `other${Math.floor(r() * 3)}`;
          break;
        case 'date':
          v = isoDay(r, 1960, 2026);
          break;
        case 'string_list':
          v = def.values && r() < 0.3 ? [def.values[Math.floor(r() * def.values.length)]] : [];
          break;
        case 'money_map':
          v = {};
          break;
      }
      facts[def.name] = def.name !== 'tier' && r() < 0.05 ? null : v;
    }
    out.push({ id, facts: facts as Facts });
  }
  return out;
}

/** What evaluateSubject says, in matchBulk's shape (missing facts left out). */
function expected(pack: CompiledPack, list: BulkSubject[]): BulkMatch[] {
  const out: BulkMatch[] = [];
  for (const s of list) {
    const ev = evaluateSubject(pack, 'talent', s.facts, AS_OF);
    const matches = ev.decisions
      .filter((d) => d.verdict !== 'ineligible')
      .map((d) => ({
        policyId: d.policyId,
        verdict: d.verdict as 'eligible' | 'unknown',
        amount: d.verdict === 'eligible' ? d.amount : null,
        missing: undefined,
        chosen: d.verdict !== 'eligible' || !d.exclusivity || d.exclusivity.chosen,
      }));
    if (matches.length === 0) continue;
    const chosen: Record<string, string> = {};
    for (const g of ev.groups) if (g.chosen) chosen[g.group] = g.chosen;
    out.push({ id: s.id, matches, chosen, total: ev.total });
  }
  return out;
}

/** Reads columnar batches back into matchBulk's shape. */
function fromColumns(pack: CompiledPack, list: BulkSubject[], batch: number): BulkMatch[] {
  const out: BulkMatch[] = [];
  for (const b of matchBulkColumnar(pack, list, AS_OF, { batch })) {
    for (let row = 0; row < b.rows; row++) {
      const matches: BulkMatch['matches'] = [];
      const chosen: Record<string, string> = {};
      for (let i = b.offsets[row] as number; i < (b.offsets[row + 1] as number); i++) {
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
      out.push({ id: b.ids[row] as number, matches, chosen, total: b.total[row] as number });
    }
  }
  return out;
}

const dirs = readdirSync(PACKS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('bulk fast path on the district packs', () => {
  it('finds the packs', () => expect(dirs.length).toBeGreaterThan(0));

  for (const [k, dir] of dirs.entries()) {
    it(`${dir}: matchBulk and matchBulkColumnar agree with evaluateSubject`, async () => {
      const pack = compilePack(await loadPack(join(PACKS, dir)));
      const list = profiles(pack, 1000 + k);
      const want = expected(pack, list);
      expect(want.length).toBeGreaterThan(100);
      expect(want.some((m) => m.matches.some((x) => x.verdict === 'eligible'))).toBe(true);
      expect([...matchBulk(pack, list, AS_OF, { missing: false })]).toEqual(want);
      expect([...matchBulk(pack, list, AS_OF, { missing: false, sample: 50 })]).toEqual(want);
      expect([...matchBulk(pack, list, AS_OF, { missing: false, sample: 0 })]).toEqual(want);
      expect(fromColumns(pack, list, 777)).toEqual(want);
    });
  }
});
