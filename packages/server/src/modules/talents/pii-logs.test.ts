// No log line carries a full 身份证号 or phone: a real server process (pino to stdout, debug level) is
// driven through registration, sign-in, profile, HR's employee form and refused inputs, and its output
// is searched for every ID number and phone it was sent.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateDir } from '../../test/db';
import { makeIdNumber } from './records.seed';

const serverDir = path.resolve(import.meta.dirname, '../../..');
const port = 40_000 + Math.floor(Math.random() * 9_000);
const url = (p: string) => `http://127.0.0.1:${port}${p}`;
let child: ChildProcess;
let logs = '';
let dataDir = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-logs-'));
  const template = templateDir();
  if (!process.env.TEST_DATABASE_URL && template && fs.existsSync(path.join(template, 'pg')))
    fs.cpSync(path.join(template, 'pg'), path.join(dataDir, 'pg'), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RENCAI_DATA_DIR: dataDir,
    RENCAI_DEMO: '1',
    LOG_LEVEL: 'debug',
  };
  delete env.DATABASE_URL; // the embedded database, whatever the suite runs on
  child = spawn(process.execPath, ['bin/rencai.js', 'serve'], { cwd: serverDir, env });
  child.stdout?.on('data', (d: Buffer) => {
    logs += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    logs += d.toString();
  });
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    const ok = await fetch(url('/healthz')).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${logs.slice(-2000)}`);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Jar = { cookie: string; csrf: string };
async function login(username: string, password: string): Promise<Jar> {
  const res = await fetch(url('/api/v1/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  return {
    cookie: cookies.join('; '),
    csrf: (cookies.find((c) => c.startsWith('rencai_csrf=')) ?? '').slice('rencai_csrf='.length),
  };
}
const send = (method: string, p: string, body: unknown, jar?: Jar) =>
  fetch(url(p), {
    method,
    headers: {
      'content-type': 'application/json',
      ...(jar ? { cookie: jar.cookie, 'x-csrf-token': jar.csrf } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('logs', () => {
  it('contain no full ID number or phone of any talent the server was sent', {
    timeout: 180_000,
  }, async () => {
    const id = makeIdNumber('330502', '19930704', 612);
    const phone = '13977776666';
    const badId = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
    const hrId = makeIdNumber('330502', '19870202', 615);
    const hrPhone = '13655554444';
    expect(
      (
        await send('POST', '/api/v1/d/wuxing/talents', {
          name: '日志测试',
          idNumber: badId,
          phone,
          username: 'logtest',
          password: 'long-password',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await send('POST', '/api/v1/d/wuxing/talents', {
          name: '日志测试',
          idNumber: id,
          phone,
          username: 'logtest',
          password: 'long-password',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send('POST', '/api/v1/d/wuxing/talents', {
          name: '日志测试',
          idNumber: id,
          phone,
          username: 'logtest2',
          password: 'long-password',
        })
      ).status,
    ).toBe(409);
    expect(
      (await send('POST', '/api/v1/d/wuxing/talents', `{"name":"x","idNumber":"${id}","phone":"${phone}"`))
        .status,
    ).toBe(400); // malformed JSON
    expect((await send('POST', '/api/v1/d/nowhere/talents', { name: 'x', idNumber: id, phone })).status).toBe(
      404,
    );
    const me = await login('logtest', 'long-password');
    const record = (await (
      await fetch(url('/api/v1/d/wuxing/talents/me'), { headers: { cookie: me.cookie } })
    ).json()) as { talent: { id: number } };
    expect(
      (
        await send(
          'PUT',
          `/api/v1/d/wuxing/talents/${record.talent.id}/facts`,
          { facts: { degree: 'phd', idNumber: id } },
          me,
        )
      ).status,
    ).toBe(400);
    const hr = await login('enterprise.wuxing', 'rencai-demo');
    const mine = (await (
      await fetch(url('/api/v1/d/wuxing/enterprises/mine'), { headers: { cookie: hr.cookie } })
    ).json()) as { id: number };
    expect(
      (
        await send(
          'POST',
          `/api/v1/d/wuxing/enterprises/${mine.id}/employees`,
          { name: '人事录入', idNumber: hrId, phone: hrPhone, startDate: '2024-01-01' },
          hr,
        )
      ).status,
    ).toBe(201);
    const admin = await login('admin.wuxing', 'rencai-demo');
    expect(
      (await send('POST', `/api/v1/d/wuxing/talents/${record.talent.id}/reveal`, {}, admin)).status,
    ).toBe(200);
    await fetch(url(`/api/v1/d/wuxing/talents?q=${id}`), { headers: { cookie: admin.cookie } });
    await new Promise((r) => setTimeout(r, 300)); // let the last lines flush
    expect(logs.split('\n').length).toBeGreaterThan(20);
    for (const secret of [id, badId, phone, hrId, hrPhone, makeIdNumber('330502', '19880512', 26)])
      expect(logs, secret).not.toContain(secret);
  });
});
