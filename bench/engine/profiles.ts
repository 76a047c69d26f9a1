// Deterministic synthetic talent profiles, driven by the fact schema: core facts get realistic
// distributions, a pack's own facts generic ones by type. Every profile has the same keys (null =
// not known) so objects share one shape, and dates come from a shared pool of strings.
import type { FactDef, FactSchema, Facts } from '@rencai/engine';

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(1950, 0, 1);
const DATES: string[] = [];
for (let t = EPOCH; t <= Date.UTC(2026, 11, 31); t += DAY) DATES.push(new Date(t).toISOString().slice(0, 10));

function dateAt(year: number, r: () => number): string {
  const start = Math.round((Date.UTC(year, 0, 1) - EPOCH) / DAY);
  return DATES[Math.min(DATES.length - 1, Math.max(0, start + Math.floor(r() * 365)))] as string;
}

function pick<T>(r: () => number, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(r() * items.length)] as T;
  let x = r();
  for (let i = 0; i < items.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

const INDUSTRIES = [
  'semiconductor',
  'biomedicine',
  'ai',
  'new_energy',
  'finance',
  'manufacturing',
  'software',
  'culture',
];
const HONOURS = [
  'academician',
  'nobel_prize',
  'national_talent_program',
  'provincial_talent_program',
  'city_talent_program',
];

function lognormal(r: () => number, median: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  return Math.round(median * Math.exp(sigma * z));
}

function generic(def: FactDef, r: () => number, year: number): unknown {
  switch (def.type) {
    case 'boolean':
      return r() < 0.15;
    case 'integer':
      return Math.floor(r() * 20);
    case 'number':
      return lognormal(r, 50_000, 1);
    case 'string':
      return pick(r, INDUSTRIES);
    case 'date':
      return dateAt(year - Math.floor(r() * 10), r);
    case 'enum':
      return pick(r, def.values ?? ['none']);
    case 'string_list':
      return r() < 0.9 ? [] : [pick(r, def.values ?? HONOURS)];
    case 'money_map':
      return {};
  }
}

/** Generates `n` talent profiles over the given facts of a schema, 2 % of values unknown (null). */
export function generateProfiles(
  schema: FactSchema,
  factNames: readonly string[],
  n: number,
  seed: number,
  year: number,
): Facts[] {
  const r = mulberry32(seed);
  const tiers = (schema.tier?.values ?? ['NONE']).filter((t) => t !== 'NONE');
  const names = [...new Set([...factNames, 'birthDate', 'degree', 'tier'])].filter(
    (f) => schema[f] && !schema[f]?.derivedFrom,
  );
  const out: Facts[] = new Array(n);
  const missing = 0.02;
  // An object literal gives every profile one hidden class with in-object fields; assigning keys one
  // by one (p[name] = v) would turn objects of this size into slow dictionary-mode ones.
  const make = new Function(
    'v',
    `return { ${names.map((f, i) => `${JSON.stringify(f)}: v[${i}]`).join(', ')} };`,
  ) as (v: unknown[]) => Facts;
  const values: unknown[] = new Array(names.length);
  for (let i = 0; i < n; i++) {
    const age = 22 + Math.floor(r() * 43);
    const degree = pick(
      r,
      ['none', 'secondary', 'associate', 'bachelor', 'master', 'phd'],
      [0.08, 0.1, 0.15, 0.42, 0.18, 0.07],
    );
    const gradAge = degree === 'phd' ? 29 : degree === 'master' ? 25 : degree === 'bachelor' ? 22 : 20;
    const si = Math.floor(r() * 121);
    for (let k = 0; k < names.length; k++) {
      const name = names[k] as string;
      let v: unknown;
      switch (name) {
        case 'birthDate':
          v = dateAt(year - age, r);
          break;
        case 'degree':
          v = degree;
          break;
        case 'tier':
          v = r() < 0.85 ? 'NONE' : pick(r, tiers);
          break;
        case 'graduationDate':
          v = dateAt(year - Math.max(0, age - gradAge - Math.floor(r() * 3)), r);
          break;
        case 'arrivalDate':
        case 'employmentStartDate':
          v = dateAt(year - Math.floor(r() * 10), r);
          break;
        case 'socialInsuranceMonths':
          v = si;
          break;
        case 'socialInsuranceContinuousMonths':
          v = Math.floor(r() * (si + 1));
          break;
        case 'employerInDistrict':
          v = r() < 0.7;
          break;
        case 'socialInsuranceLocal':
          v = r() < 0.6;
          break;
        case 'ownsHomeInDistrict':
          v = r() < 0.3;
          break;
        case 'rentsInDistrict':
          v = r() < 0.4;
          break;
        case 'annualSalary':
          v = lognormal(r, 150_000, 0.8);
          break;
        case 'honours':
          v = r() < 0.97 ? [] : [pick(r, HONOURS)];
          break;
        case 'industry':
          v = pick(r, INDUSTRIES);
          break;
        case 'childrenCount':
          v = Math.floor(r() * 3);
          break;
        case 'purchasePrice':
          v = lognormal(r, 2_000_000, 0.4);
          break;
        case 'monthlyRent':
          v = lognormal(r, 4000, 0.4);
          break;
        case 'received':
          v = {};
          break;
        default:
          v = generic(schema[name] as FactDef, r, year);
      }
      values[k] = name !== 'tier' && r() < missing ? null : v;
    }
    out[i] = make(values);
  }
  return out;
}
