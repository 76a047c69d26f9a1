// "Policy finds people" end to end: generated talents in the records tables → facts loaded in pages →
// the engine (matchBulk) → eligibility snapshot rows written, for the Wuxing pack. Embedded database
// (PGlite) with 100,000 talents, PostgreSQL with 1,000,000 (a scratch database, dropped afterwards).
// The peer, measured in the same run on the same data: the naive loop — per talent, loadTalentFacts
// (one query per record table), evaluateSubject and a transaction writing that talent's rows
// (redecideTalent) — timed over a sample and its rate reported; the decisions of both are compared.
//
//   npm run bench:matching                      # both
//   BENCH_EMBEDDED=100000 BENCH_PG=1000000 BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres
//   BENCH_PG=0 (skip PostgreSQL) · BENCH_EMBEDDED=0 (skip PGlite) · BENCH_NAIVE=2000 (peer sample)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../../packages/server/src/config';
import { type Database, type Db, openDatabase } from '../../packages/server/src/db/client';
import * as identity from '../../packages/server/src/modules/identity/identity.repo';
import { redecideTalent, runDistrict } from '../../packages/server/src/modules/matching/matching.decide';
import { findActivePack } from '../../packages/server/src/modules/policies/pack-cache';
import { publishShippedPacks } from '../../packages/server/src/modules/policies/policies.service';

const D = 'wuxing';
const NOW = new Date('2025-06-01T04:00:00Z');
const env = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Writes `n` talents with their profile facts, 1,000 employers, a confirmed employment for 70 % and an
 * approved certification for 12 %, each table with multi-row INSERT … SELECT over generate_series in
 * chunks. Values are spread deterministically from the row number (a multiplicative hash).
 */
async function generate(db: Db, n: number, log: (s: string) => void): Promise<void> {
  const hs = (salt: number) => `((i::bigint * ${2654435761 + salt * 40503}) % 1000)`; // 0..999
  const h = (salt: number) => sql.raw(hs(salt));
  await db.execute(sql`
    INSERT INTO enterprises (district, credit_code, name, industry, scale, registered_in_district)
    SELECT ${D}, 'BENCH' || lpad(i::text, 13, '0'), '企业' || i, 'manufacturing', 'medium', (i % 10) <> 0
    FROM generate_series(1, 1000) AS i`);
  const [{ first } = { first: 0 }] = (
    (await db.execute(sql`SELECT coalesce(max(id), 0)::int + 1 AS first FROM talents`)) as unknown as {
      rows: { first: number }[];
    }
  ).rows;
  const [{ firstEnterprise } = { firstEnterprise: 0 }] = (
    (await db.execute(
      sql`SELECT min(id)::int AS "firstEnterprise" FROM enterprises WHERE credit_code LIKE 'BENCH%'`,
    )) as unknown as { rows: { firstEnterprise: number }[] }
  ).rows;
  const chunk = 50_000;
  for (let lo = 0; lo < n; lo += chunk) {
    const hi = Math.min(n, lo + chunk) - 1;
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.execute(sql`
        INSERT INTO talents (district, name, id_kind, id_number_enc, id_number_hash, birth_date, gender, created_by)
        SELECT ${D}, '人才' || i, 'resident', 'x', 'bench-' || i, date '1966-01-01' + (${h(1)} * 12)::int,
          CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, 'bench'
        FROM generate_series(${lo}::int, ${hi}::int) AS i`);
      const id = sql.raw(`(${first} + i)`);
      // Profile facts: most records complete; every fifth leaves some out (unknown verdicts, "tell us X").
      const facts: [string, ReturnType<typeof sql.raw>, string][] = [
        [
          'degree',
          sql.raw(
            `to_jsonb((ARRAY['associate','bachelor','bachelor','bachelor','master','master','phd'])[1 + i % 7])`,
          ),
          'true',
        ],
        ['graduationDate', sql.raw(`to_jsonb((date '2008-06-30' + (${hs(2)} * 6)::int)::text)`), 'true'],
        ['fullTimeDegree', sql.raw('to_jsonb(i % 5 <> 0)'), 'true'],
        ['socialInsuranceLocal', sql.raw('to_jsonb(i % 4 <> 0)'), 'true'],
        ['socialInsuranceMonths', sql.raw(`to_jsonb((${hs(3)} % 120)::int)`), 'i % 5 <> 1'],
        ['socialInsuranceContinuousMonths', sql.raw(`to_jsonb((${hs(3)} % 60)::int)`), 'i % 5 <> 1'],
        ['isPostdoc', sql.raw('to_jsonb(i % 41 = 0)'), 'i % 5 <> 2'],
        [
          'honours',
          sql.raw(`CASE WHEN i % 53 = 0 THEN '["provincial_talent_programme"]'::jsonb ELSE '[]'::jsonb END`),
          'i % 5 <> 2',
        ],
        [
          'eliteProjectClass',
          sql.raw(`to_jsonb(CASE WHEN i % 97 = 0 THEN 'B' ELSE 'none' END)`),
          'i % 5 <> 2',
        ],
        [
          'craftsmanTitle',
          sql.raw(`to_jsonb(CASE WHEN i % 89 = 0 THEN 'huzhou' ELSE 'none' END)`),
          'i % 5 <> 3',
        ],
        ['foundedCompany', sql.raw('to_jsonb(i % 31 = 0)'), 'i % 5 <> 3'],
        [
          'professionalTitle',
          sql.raw(`to_jsonb((ARRAY['none','junior','intermediate','associate_senior','senior'])[1 + i % 5])`),
          'true',
        ],
        ['ownsHomeInDistrict', sql.raw('to_jsonb(i % 3 = 0)'), 'true'],
        ['rentsInDistrict', sql.raw('to_jsonb(i % 3 = 1)'), 'true'],
        ['livesInTalentApartment', sql.raw('to_jsonb(i % 17 = 0)'), 'true'],
        [
          'homePurchaseDate',
          sql.raw(`to_jsonb((date '2021-01-01' + (${hs(4)} % 1500)::int)::text)`),
          'i % 3 = 2',
        ],
        ['purchasePrice', sql.raw(`to_jsonb(800000 + ${hs(5)} * 3000)`), 'i % 3 = 2'],
        ['childrenCount', sql.raw('to_jsonb(i % 3)'), 'i % 5 <> 4'],
      ];
      for (const [name, value, when] of facts)
        await tx.execute(sql`
          INSERT INTO talent_facts (talent_id, name, value, source, updated_by)
          SELECT ${id}, ${name}, ${value}, 'employer', 'bench'
          FROM generate_series(${lo}::int, ${hi}::int) AS i WHERE ${sql.raw(when)}`);
      await tx.execute(sql`
        INSERT INTO employments (district, talent_id, enterprise_id, start_date, contract_years, status, requested_by)
        SELECT ${D}, ${id}, ${firstEnterprise} + (i % 1000), date '2018-01-01' + (${h(6)} * 2)::int, 3, 'confirmed', 'bench'
        FROM generate_series(${lo}::int, ${hi}::int) AS i WHERE ${h(7)} < 700`);
      await tx.execute(sql`
        INSERT INTO certifications (district, talent_id, path, requested_tier, tier, status, submitted_by, valid_from, valid_to)
        SELECT ${D}, ${id}, 'catalogue', t, t, 'approved', 'bench', date '2023-01-01', date '2027-12-31'
        FROM (SELECT i, (ARRAY['A','B','C','D','E'])[1 + i % 5] AS t FROM generate_series(${lo}::int, ${hi}::int) AS i WHERE ${h(8)} < 120) s`);
    });
    log(`  generated ${fmt(hi + 1)} / ${fmt(n)}`);
  }
  await db.execute(sql`ANALYZE`);
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const r = (await db.execute(query)) as unknown as { rows: { n: number | string }[] };
  return Number(r.rows[0]?.n ?? 0);
}

type Figures = {
  label: string;
  talents: number;
  seconds: number;
  rows: number;
  naivePerSecond: number;
  naiveSample: number;
  agree: boolean;
};

async function bench(database: Database, label: string, n: number, naiveSample: number): Promise<Figures> {
  const db = database.db;
  const log = (s: string) => process.stdout.write(`${s}\n`);
  await database.migrate();
  await identity.upsertDistrict(db, { code: D, name: { zh: '湖州市吴兴区', en: 'Wuxing' } });
  await publishShippedPacks(db, loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' }));
  const active = await findActivePack(db, D);
  if (!active) throw new Error('the wuxing pack did not publish');
  const g0 = performance.now();
  if ((await count(db, sql`SELECT count(*)::int AS n FROM talents`)) === 0) {
    log(`${label}: generating ${fmt(n)} talents…`);
    await generate(db, n, log);
  } else log(`${label}: reusing the talents already in the database`);
  const facts = await count(db, sql`SELECT count(*)::int AS n FROM talent_facts`);
  log(
    `  ${fmt(n)} talents, ${fmt(facts)} fact rows in ${((performance.now() - g0) / 1000).toFixed(1)} s (not timed below)`,
  );

  // Ours: the whole district, as the publish job runs it.
  const pageSize = database.kind === 'postgres' ? 10_000 : 5_000;
  const t0 = performance.now();
  const result = await runDistrict(db, {
    district: D,
    pack: active.pack,
    packVersionId: active.versionId,
    now: NOW,
    pageSize,
    kinds: ['talent'],
  });
  const seconds = (performance.now() - t0) / 1000;
  log(
    `  ours: ${fmt(result.subjects)} talents → ${fmt(result.rows)} snapshot rows in ${seconds.toFixed(1)} s` +
      ` = ${fmt(result.subjects / seconds)} talents/s, ${fmt(result.rows / seconds)} rows/s`,
  );
  const bulkRows = new Map<number, string>();
  const sampleIds = (
    (await db.execute(
      sql`SELECT id::int AS id FROM talents WHERE district = ${D} ORDER BY id LIMIT ${naiveSample}`,
    )) as unknown as { rows: { id: number }[] }
  ).rows.map((r) => r.id);
  const rowsOf = async (id: number) =>
    (
      (await db.execute(
        sql`SELECT policy_id, verdict, amount::text, chosen FROM eligibility_snapshots WHERE subject_kind = 'talent' AND subject_id = ${id} ORDER BY policy_id`,
      )) as unknown as { rows: unknown[] }
    ).rows;
  for (const id of sampleIds) bulkRows.set(id, JSON.stringify(await rowsOf(id)));

  // The peer: the naive per-talent loop over a sample, on the same rows.
  const p0 = performance.now();
  for (const id of sampleIds) await redecideTalent(db, D, id, { now: NOW });
  const naiveSeconds = (performance.now() - p0) / 1000;
  let agree = true;
  for (const id of sampleIds) if (JSON.stringify(await rowsOf(id)) !== bulkRows.get(id)) agree = false;
  const naivePerSecond = sampleIds.length / naiveSeconds;
  log(
    `  naive loop (loadTalentFacts + evaluateSubject + one transaction per talent): ${fmt(sampleIds.length)} talents in ` +
      `${naiveSeconds.toFixed(1)} s = ${fmt(naivePerSecond)} talents/s → ${fmt(n / naivePerSecond)} s for ${fmt(n)}; ` +
      `same rows as ours: ${agree ? 'yes' : 'NO'}`,
  );
  return {
    label,
    talents: result.subjects,
    seconds,
    rows: result.rows,
    naivePerSecond,
    naiveSample: sampleIds.length,
    agree,
  };
}

async function main() {
  const embedded = env('BENCH_EMBEDDED', 100_000);
  const onPg = env('BENCH_PG', 1_000_000);
  const naive = env('BENCH_NAIVE', 2_000);
  const figures: Figures[] = [];
  process.stdout.write(`bench:matching on ${os.cpus().length} cores, node ${process.version}\n`);
  if (embedded > 0) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-bench-matching-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      figures.push(await bench(database, 'embedded (PGlite)', embedded, naive));
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (onPg > 0) {
    const base = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    // BENCH_PG_DB keeps (and reuses) a named database instead of a scratch one dropped afterwards.
    const keep = process.env.BENCH_PG_DB;
    const name = keep ?? `rencai_bench_matching_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    try {
      figures.push(await bench(database, 'PostgreSQL', onPg, naive));
    } finally {
      await database.close();
      if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  process.stdout.write(
    '\nsummary (wall time of the full run; the naive loop extrapolated from its sample)\n',
  );
  for (const f of figures)
    process.stdout.write(
      `  ${f.label.padEnd(18)} ${fmt(f.talents).padStart(10)} talents  ${f.seconds.toFixed(1).padStart(6)} s  ` +
        `${fmt(f.talents / f.seconds).padStart(8)} talents/s  ${fmt(f.rows / f.seconds).padStart(8)} rows/s   ` +
        `naive ${fmt(f.naivePerSecond).padStart(6)} talents/s (×${(f.talents / f.seconds / f.naivePerSecond).toFixed(0)})` +
        `  decisions equal: ${f.agree ? 'yes' : 'NO'}\n`,
    );
}

await main();
