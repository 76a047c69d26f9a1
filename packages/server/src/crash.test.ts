// Killing the server with SIGKILL in the middle of writes loses no acknowledged write.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './cli';
import { openDatabase, queryRows } from './db/client';
import { DataDirLockedError } from './db/lock';
import { createTestDatabase, type TestDatabase } from './test/db';

const cli = path.resolve(import.meta.dirname, 'cli.ts');
let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.close(); // the server process owns it from here
  env = database.url ? { DATABASE_URL: database.url } : { RENCAI_DATA_DIR: database.dataDir as string };
});
afterAll(async () => {
  if (database.url) await database.destroy();
  else fs.rmSync(database.dataDir as string, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RENCAI_DEMO: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${stderr}`);
}

// A child killed by a signal keeps exitCode null (signalCode is set): check both, or a child that is
// already gone is waited for forever.
const exited = (child: ChildProcess) =>
  new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
  );

describe('crash safety', () => {
  it('keeps every acknowledged write after a SIGKILL during writes, and starts again', async () => {
    const port = await freePort();
    const server = await startServer(port);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'talent.horinger', password: 'rencai-demo' }),
          });
          if (res.status === 200) acknowledged.push(res.headers.get('x-request-id') as string);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 20));
    server.kill('SIGKILL'); // mid-stream: writes are in flight
    stop = true;
    await Promise.all(writers);
    await exited(server);

    const again = await startServer(port); // restarts on the same data (the stale lock is taken over)
    again.kill('SIGTERM');
    await exited(again);

    const reopened = await openDatabase({ databaseUrl: database.url, dataDir: database.dataDir ?? '' });
    try {
      const rows = await reopened.db.query.auditLog.findMany({ columns: { requestId: true } });
      const stored = new Set(rows.map((r) => r.requestId));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(25);
      expect(lost).toEqual([]);
      const sessions = await reopened.db.query.sessions.findMany();
      expect(sessions.length).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await reopened.close();
    }
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    'refuses a second process on the same data directory with a clear message',
    async () => {
      const first = await openDatabase({ dataDir: database.dataDir as string });
      try {
        const port = await freePort();
        const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
          env: {
            ...process.env,
            RENCAI_DATA_DIR: database.dataDir as string,
            PORT: String(port),
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr?.on('data', (d) => {
          stderr += d;
        });
        const code = await new Promise((r) => child.once('exit', r));
        expect(code).toBe(1);
        expect(stderr).toMatch(/in use by another Rencai process/);
        expect(stderr).toMatch(/数据目录/);
        await expect(openDatabase({ dataDir: database.dataDir as string })).rejects.toBeInstanceOf(
          DataDirLockedError,
        );
      } finally {
        await first.close();
      }
    },
  );

  it('`rencai audit verify` prints OK, and names the row after a direct edit', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, env, { LOG_LEVEL: 'silent' });
    try {
      const out: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
      expect(await main(['audit', 'verify'], io)).toBe(0);
      expect(out.join('\n')).toMatch(/^OK: \d+ audit rows/);

      const d = await openDatabase({ databaseUrl: database.url, dataDir: database.dataDir ?? '' });
      await d.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`);
      const [seventh] = await queryRows<{ seq: number }>(
        d.db,
        sql`SELECT seq FROM audit_log ORDER BY seq OFFSET 6 LIMIT 1`,
      );
      await d.db.execute(sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = ${seventh?.seq}`);
      await d.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`);
      await d.close();

      out.length = 0;
      expect(await main(['audit', 'verify'], io)).toBe(1);
      expect(out.join('\n')).toMatch(/TAMPERED: row 7 \(seq \d+\)/);
    } finally {
      process.env = saved;
    }
  });
});
