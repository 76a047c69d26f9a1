// bench/verify: talent-code verifications/s and p99 under load (autocannon), beside a bare Fastify
// hello-world route measured in the same run on the same machine. Each server runs alone in its own
// process while autocannon loads it from this one. `npm run bench:verify` (BENCH_SECONDS=10,
// BENCH_CONNECTIONS=50). Targets: ≥ 3,000 verifications/s, p99 ≤ 20 ms — printed, never asserted.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const here = import.meta.dirname;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

type Started = { child: ChildProcess; info: { port: number; tokens?: string[] } };

function start(file: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, file)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

async function stop(s: Started) {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

type Figures = { rps: number; p50: number; p99: number; non2xx: number; errors: number; total: number };

async function load(opts: autocannon.Options): Promise<Figures> {
  // A short warm-up (JIT, connection set-up), then the measured run.
  await autocannon({ ...opts, duration: 2 });
  const r = await autocannon({ ...opts, duration: seconds });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

const hello = await start('hello.ts');
const helloFigures = await load({ url: `http://127.0.0.1:${hello.info.port}/hello`, connections });
await stop(hello);

const server = await start('server.ts');
const base = `http://127.0.0.1:${server.info.port}`;
const tokens = server.info.tokens ?? [];
for (const token of tokens) {
  const res = await fetch(`${base}/api/v1/talent-code/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const body = (await res.json()) as { valid: boolean };
  if (!body.valid) throw new Error(`token does not verify before the run: ${JSON.stringify(body)}`);
}
const verifyFigures = await load({
  url: base,
  connections,
  requests: tokens.map((token) => ({
    method: 'POST' as const,
    path: '/api/v1/talent-code/verify',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  })),
});
await stop(server);

const row = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${Math.round(f.rps).toLocaleString('en').padStart(8)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   non-2xx ${f.non2xx}, errors ${f.errors}`;
console.log(
  `bench/verify — ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `autocannon: ${connections} connections, ${seconds} s per run (after 2 s warm-up), ${tokens.length} distinct tokens\n`,
);
console.log(row('Fastify hello-world (GET)', helloFigures));
console.log(row('POST /api/v1/talent-code/verify', verifyFigures));
console.log(`\nratio verify / hello-world: ${(verifyFigures.rps / helloFigures.rps).toFixed(2)}`);
const met = verifyFigures.rps >= 3000 && verifyFigures.p99 <= 20;
console.log(`target ≥ 3,000 verifications/s with p99 ≤ 20 ms: ${met ? 'met' : 'NOT met'}`);
