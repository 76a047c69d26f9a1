// Dashboard benchmark (一图感知): with N generated talents (facts, employments, certifications) in the
// embedded database, the p50/p95 of every dashboard API over HTTP, and how long a refresh of the
// aggregates blocks other requests (a concurrent /healthz ping's worst latency and the event loop's max
// delay). Peer, measured in the same run: the same figures computed live from the base tables (one
// GROUP BY query per figure), the way a dashboard without pre-aggregation would answer.
// `npm run bench:dashboard` (BENCH_TALENTS=20000 for a quicker run). Targets are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import { openDatabase, queryRows } from '../../packages/server/src/db/client';
import { refreshDistrict } from '../../packages/server/src/modules/insights/insights.refresh';
import { insertTalents, type TalentSeed } from '../../packages/server/src/modules/insights/insights.testkit';
import { publishShippedPacks } from '../../packages/server/src/modules/policies/policies.service';
import { seedDemo } from '../../packages/server/src/seed/demo';

const N = Number(process.env.BENCH_TALENTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DISTRICT = 'wuxing';
const log = (s = '') => process.stdout.write(`${s}\n`);

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;
const TITLES = ['none', 'junior', 'intermediate', 'associate_senior', 'senior'];
const SKILLS = ['none', 'level5', 'level4', 'level3', 'level2', 'level1'];
const EMPLOYERS = ['enterprise', 'enterprise', 'enterprise', 'institution', 'government', 'soe'];
const INDUSTRIES = [
  '数字经济',
  '金属新材',
  '纺织服装',
  '智能装备',
  '生命健康',
  '时尚美妆',
  '现代物流',
  '文化旅游',
];
const OCCUPATIONS = [
  '软件工程师',
  '数控车工',
  '电工',
  '护士',
  '机械设计工程师',
  '焊工',
  '数据分析师',
  '教师',
];
const TIERS = ['A', 'B', 'C', 'D', 'E', 'F'];

function seeds(n: number): TalentSeed[] {
  const out: TalentSeed[] = [];
  const start = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2026, 11, 1) - start;
  for (let i = 0; i < n; i++) {
    const h = (i * 2654435761) >>> 0;
    out.push({
      professionalTitle: pick(TITLES, h >>> 3),
      skillLevel: pick(SKILLS, h >>> 7),
      employerType: pick(EMPLOYERS, h >>> 11),
      industry: pick(INDUSTRIES, h >>> 13),
      occupation: pick(OCCUPATIONS, h >>> 17),
      arrivalDate: new Date(start + (h % span)).toISOString().slice(0, 10),
      createdAt: new Date(start + ((h >>> 1) % span)).toISOString(),
      tier: h % 10 === 0 ? pick(TIERS, h >>> 19) : undefined,
    });
  }
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/** Runs `work` while pinging /healthz every 5 ms; returns the work's time, the worst ping, the loop's max delay. */
async function underPing(base: string, work: () => Promise<unknown>) {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let worst = 0;
  let pings = 0;
  let stop = false;
  const pinger = (async () => {
    while (!stop) {
      const t0 = performance.now();
      await fetch(`${base}/healthz`);
      worst = Math.max(worst, performance.now() - t0);
      pings++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  loop.enable();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  loop.disable();
  stop = true;
  await pinger;
  return { ms, worstPing: worst, pings, loopMax: loop.max / 1e6 };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-bench-dashboard-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  const db = database.db;
  await seedDemo(db);
  const config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent', RENCAI_DATA_DIR: dir });
  await publishShippedPacks(db, config);

  log(
    `Dashboard benchmark — ${N.toLocaleString()} talents in PGlite (${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version})`,
  );
  const t0 = performance.now();
  const ids = await insertTalents(db, DISTRICT, seeds(N));
  await db.execute(sql`INSERT INTO enterprises (district, credit_code, name, industry)
    SELECT ${DISTRICT}, 'BENCH' || g, '基准企业' || g, (ARRAY['数字经济','金属新材','纺织服装','智能装备'])[1 + g % 4]
      FROM generate_series(1, 200) g ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO employments (district, talent_id, enterprise_id, status, start_date, requested_by)
    SELECT ${DISTRICT}, t.id, (SELECT min(id) FROM enterprises WHERE credit_code LIKE 'BENCH%') + (t.id % 200), 'confirmed', '2024-06-01', 'bench'
      FROM talents t WHERE t.district = ${DISTRICT} AND t.id % 5 <> 0 AND t.id >= ${ids[0] ?? 0}`);
  await db.execute(sql`VACUUM ANALYZE`);
  await db.execute(sql`CHECKPOINT`); // the bulk load's dirty pages written now, not during the measurements
  const [counts] = await queryRows<{ talents: number; facts: number; employments: number; certs: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM talents) AS talents, (SELECT count(*)::int FROM talent_facts) AS facts,
        (SELECT count(*)::int FROM employments) AS employments, (SELECT count(*)::int FROM certifications) AS certs`,
  );
  log(
    `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${counts?.talents} talents, ${counts?.facts} facts, ${counts?.employments} employments, ${counts?.certs} certifications`,
  );

  process.env.RENCAI_INSIGHTS_REFRESH_SECONDS = '0';
  const app = await buildApp({ config, db, logger: false, loginRatePerMinute: 1000 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `admin.${DISTRICT}`, password: 'rencai-demo' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  // 1. The refresh, under a concurrent ping.
  const longest = new Map<string, number>();
  const onStep = (name: string, ms: number) => longest.set(name, Math.max(longest.get(name) ?? 0, ms));
  await refreshDistrict(db, DISTRICT); // once cold: pages into PGlite's buffers, the pack compiled
  const refresh = await underPing(base, () => refreshDistrict(db, DISTRICT, { onStep }));
  log('');
  log(
    'Refresh of the aggregates (windows of 500 talent ids, yielding between steps), with /healthz pinged every 5 ms:',
  );
  log(
    `  ours   refresh ${refresh.ms.toFixed(0)} ms · worst /healthz ${refresh.worstPing.toFixed(1)} ms over ${refresh.pings} pings · event-loop max delay ${refresh.loopMax.toFixed(1)} ms   (target ≤ 50 ms)`,
  );

  log(
    `         longest step per kind: ${[...longest].map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`,
  );
  // Peer: the same figures as single live GROUP BY queries over the base tables.
  const live = async () => {
    await queryRows(
      db,
      sql`SELECT coalesce(c.tier, 'NONE') AS tier, count(*)::int FROM talents t
      LEFT JOIN LATERAL (SELECT tier FROM certifications WHERE talent_id = t.id AND status = 'approved' ORDER BY valid_from DESC LIMIT 1) c ON true
      WHERE t.district = ${DISTRICT} GROUP BY 1`,
    );
    await queryRows(
      db,
      sql`SELECT f.name, f.value #>> '{}' AS v, count(*)::int FROM talent_facts f JOIN talents t ON t.id = f.talent_id
      WHERE t.district = ${DISTRICT} AND f.name IN ('professionalTitle', 'skillLevel', 'employerType', 'industry', 'occupation') GROUP BY 1, 2`,
    );
    await queryRows(
      db,
      sql`SELECT to_char(created_at, 'YYYY-MM') AS m, count(*)::int FROM talents WHERE district = ${DISTRICT} GROUP BY 1`,
    );
    await queryRows(
      db,
      sql`SELECT substr(value #>> '{}', 1, 7) AS m, count(*)::int FROM talent_facts f JOIN talents t ON t.id = f.talent_id
      WHERE t.district = ${DISTRICT} AND f.name = 'arrivalDate' GROUP BY 1`,
    );
  };
  const peerBlock = await underPing(base, live);
  log(
    `  peer   live GROUP BY queries ${peerBlock.ms.toFixed(0)} ms · worst /healthz ${peerBlock.worstPing.toFixed(1)} ms · event-loop max delay ${peerBlock.loopMax.toFixed(1)} ms`,
  );

  // 2. Every dashboard API over HTTP.
  const endpoints = [
    `/api/v1/d/${DISTRICT}/indicators`,
    `/api/v1/d/${DISTRICT}/indicators/series`,
    `/api/v1/d/${DISTRICT}/insights/dashboard`,
    `/api/v1/d/${DISTRICT}/insights/index`,
    `/api/v1/d/${DISTRICT}/insights/export/tiers`,
  ];
  log('');
  log(`Dashboard APIs over HTTP, ${REQUESTS} sequential requests each (target p95 ≤ 200 ms):`);
  for (const url of endpoints) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      times.push(performance.now() - s);
    }
    log(
      `  ours   ${url.padEnd(44)} p50 ${quantile(times, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms`,
    );
  }
  const peerTimes: number[] = [];
  for (let i = 0; i < Math.min(N >= 50_000 ? 5 : 20, REQUESTS); i++) {
    const s = performance.now();
    await live();
    peerTimes.push(performance.now() - s);
  }
  log(
    `  peer   same figures live from the base tables           p50 ${quantile(peerTimes, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(peerTimes, 0.95).toFixed(1).padStart(6)} ms`,
  );

  await app.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
