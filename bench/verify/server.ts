// The Rencai side of bench/verify: a real app (all routes, hooks, helmet, the verify route's own
// parser) on a fresh embedded database with the demo seed and packs; certifies the five demo talents,
// prints {"port", "tokens"} on stdout and serves until killed. Rate limit off (RENCAI_VERIFY_RATE_PER_MINUTE=0).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import { openDatabase } from '../../packages/server/src/db/client';
import { publishShippedPacks } from '../../packages/server/src/modules/policies/policies.service';
import { certifyAccount } from '../../packages/server/src/modules/talent-code/talent-code.fixtures';
import { seedDemo } from '../../packages/server/src/seed/demo';

// The dashboards' background refresh (modules/insights) would share this process's main thread with the
// measured route on PGlite; it is not what this benchmark measures, so it is off here.
process.env.RENCAI_INSIGHTS_REFRESH_SECONDS ??= '0';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-bench-verify-'));
const config = loadConfig({
  ...process.env,
  RENCAI_DATA_DIR: dataDir,
  RENCAI_DEMO: '1',
  LOG_LEVEL: 'warn', // production logging minus the per-request info lines
  RENCAI_VERIFY_RATE_PER_MINUTE: '0',
});
const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir });
await database.migrate();
await seedDemo(database.db);
await publishShippedPacks(database.db, config);
const app = await buildApp({ config, db: database.db, loginRatePerMinute: 1000 });
await app.ready();

const tiers: Record<string, string> = {
  chaoyang: 'B',
  horinger: 'C',
  wuxing: 'E',
  jingan: 'B',
  wuchang: 'C',
};
const tokens: string[] = [];
for (const [district, tier] of Object.entries(tiers)) {
  const username = `talent.${district}`;
  await certifyAccount(database.db, username, { tier });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'rencai-demo' },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await app.inject({ method: 'GET', url: '/api/v1/talent-code/me/token', headers: { cookie } });
  tokens.push(res.json().token);
}
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port), tokens })}\n`);

const stop = async () => {
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
