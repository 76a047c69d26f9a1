// The talent code over HTTP: keys, public verification (never 5xx), the talent's code and token, provider
// scans and uses against quotas, revocation on this and another instance, and who may call what.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { type Database, openDatabase, queryRows } from '../../db/client';
import { maskName } from '../../lib/mask';
import { hashPassword } from '../../lib/password';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { insertAccountIfAbsent } from '../identity/identity.repo';
import { publishShippedPacks } from '../policies/policies.service';
import { certifyAccount } from './talent-code.fixtures';
import { CodeRuntime, REFRESH_MS, runtimeFor } from './talent-code.runtime';
import { seedTalentCodeDemo } from './talent-code.seed';
import { identifyTalent } from './talent-code.service';
import { checkToken, encodeToken } from './talent-code.token';

let t: TestApp;
let talent: Session;
let provider: Session;
let admin: Session;
let talentId: number;
let masked: string;
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');

beforeAll(async () => {
  t = await createTestApp({ RENCAI_VERIFY_RATE_PER_MINUTE: '0' });
  await publishShippedPacks(t.database.db, t.config);
  // Wuxing tier E: 就医绿色通道 twice a year (packs/wuxing/tiers.yaml).
  ({ talentId } = await certifyAccount(t.database.db, 'talent.wuxing', { tier: 'E', name: '林晓明' }));
  const [row] = await queryRows<{ name: string }>(
    t.database.db,
    sql`SELECT name FROM talents WHERE id = ${talentId}`,
  );
  masked = maskName(row?.name ?? '');
  [talent, provider, admin] = await Promise.all([
    signIn(t.app, 'talent.wuxing'),
    signIn(t.app, 'provider.wuxing'),
    signIn(t.app, 'admin.wuxing'),
  ]);
});
afterAll(() => t.close());

const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? as(s) : {} });
const post = (url: string, payload: unknown, s?: Session) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: s ? as(s) : {} });

async function myToken(): Promise<string> {
  const res = await get('/api/v1/talent-code/me/token', talent);
  expect(res.statusCode).toBe(200);
  return res.json().token;
}

/** A token of the talent's code with a chosen expiry (so that two scans are two different tokens). */
async function mint(expiresIn: number, tier = 'E'): Promise<string> {
  const me = (await get('/api/v1/talent-code/me', talent)).json();
  const signer = await runtimeFor(t.database.db).signer('ed25519', t.config.piiKey);
  return encodeToken(
    { c: me.codeId, d: 'wuxing', t: tier, e: Math.floor(Date.now() / 1000) + expiresIn },
    signer,
  );
}

describe('GET /talent-code/keys', () => {
  it('publishes the Ed25519 verification key, JWKS-style, to anyone', async () => {
    const res = await get('/api/v1/talent-code/keys');
    expect(res.statusCode).toBe(200);
    const { keys } = res.json();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(keys[0].x).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("the talent's code", () => {
  it('shows the tier, its entitlements and the quota left', async () => {
    const res = await get('/api/v1/talent-code/me', talent);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ status: 'active', tier: 'E', tierName: '高级人才', district: 'wuxing' });
    expect(me.codeId).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const green = me.entitlements.find((e: { service: string }) => e.service === 'medical_green_channel');
    expect(green.quota).toMatchObject({ count: 2, per: 'year', used: 0, left: 2 });
  });

  it('issues a small token whose URL the QR encodes, verified publicly with the masked name', async () => {
    const res = await get('/api/v1/talent-code/me/token', talent);
    const body = res.json();
    expect(body.token.length).toBeLessThan(300);
    expect(body.path).toBe(`/v/${body.token}`);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.parse(body.refreshAt));
    const v = await post('/api/v1/talent-code/verify', { token: body.token });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({
      valid: true,
      tier: 'E',
      tierName: '高级人才',
      name: masked,
      district: 'wuxing',
    });
    expect(v.json().entitlements.map((e: { service: string }) => e.service)).toContain(
      'medical_green_channel',
    );
    // The scanned URL works as well as the bare token.
    const url = await post('/api/v1/talent-code/verify', { token: `https://rencai.example${body.path}` });
    expect(url.json().valid).toBe(true);
  });

  it('is verified offline by scripts/verify-offline.mjs with only the published keys', async () => {
    const token = await myToken();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwks-'));
    const jwks = path.join(dir, 'jwks.json');
    fs.writeFileSync(jwks, (await get('/api/v1/talent-code/keys')).body);
    const run = (...args: string[]) => {
      const r = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'scripts/verify-offline.mjs'), jwks, ...args],
        {
          encoding: 'utf8',
        },
      );
      return { status: r.status, out: JSON.parse(r.stdout) };
    };
    expect(run(token)).toMatchObject({ status: 0, out: { valid: true, tier: 'E', district: 'wuxing' } });
    expect(run(`http://x/v/${token}`).out.valid).toBe(true);
    const [segment = '', sig = ''] = token.split('.');
    const flipped = sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(run(`${segment}.${flipped}`)).toMatchObject({
      status: 1,
      out: { valid: false, reason: 'bad_signature' },
    });
    expect(run('not-a-token').out).toEqual({ valid: false, reason: 'malformed' });
    const later = String(Math.floor(Date.now() / 1000) + 3600);
    expect(run(token, '--now', later).out).toEqual({ valid: false, reason: 'expired' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a token to a talent without a certification', async () => {
    await insertAccountIfAbsent(t.database.db, {
      district: 'wuxing',
      username: 'talent2.wuxing',
      displayName: '新用户',
      role: 'talent',
      departmentId: null,
      passwordHash: await hashPassword('rencai-demo'),
    });
    const other = await signIn(t.app, 'talent2.wuxing');
    const me = await get('/api/v1/talent-code/me', other);
    expect(me.json()).toMatchObject({ status: 'no_record', entitlements: [] });
    const res = await get('/api/v1/talent-code/me/token', other);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('policy_denied');
  });
});

describe('POST /talent-code/verify never answers 5xx', () => {
  it('answers malformed to any JSON body, wrong types and huge strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ token: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.jsonValue()) }),
          fc.record({ token: fc.string({ unit: 'binary', maxLength: 600 }) }),
        ),
        async (body) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/talent-code/verify',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode).toBe(200);
          expect(res.json()).toMatchObject({ valid: false, reason: 'malformed' });
        },
      ),
      { numRuns: 150 },
    );
    for (const payload of [
      { token: 'x'.repeat(60_000) },
      { token: `${'A'.repeat(200)}.${'B'.repeat(86)}` },
    ]) {
      const res = await post('/api/v1/talent-code/verify', payload);
      expect(res.statusCode).toBe(200);
      expect(res.json().valid).toBe(false);
    }
  });

  it('answers malformed to broken JSON, binary bodies, other content types and no body', async () => {
    const cases: { type?: string; body?: string | Buffer }[] = [
      { type: 'application/json', body: '{"token": ' },
      { type: 'application/octet-stream', body: Buffer.from([0, 255, 1, 2, 3, 0xfe]) },
      { type: 'text/plain', body: 'hello' },
      { type: 'multipart/form-data; boundary=x', body: '--x\r\n' },
      {},
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/talent-code/verify',
        headers: c.type ? { 'content-type': c.type } : {},
        ...(c.body !== undefined ? { payload: c.body } : {}),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });

  it('explains the reason in English on request', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/talent-code/verify',
      headers: { 'accept-language': 'en' },
      payload: { token: 'nope' },
    });
    expect(res.json()).toEqual({ valid: false, reason: 'malformed', message: 'This is not a talent code' });
  });
});

describe('providers scan and record uses', () => {
  it('shows the hospital its green channel with the quota left, and records a use once per scan', async () => {
    const token = await mint(60);
    const scan = await post('/api/v1/talent-code/scan', { token }, provider);
    expect(scan.statusCode).toBe(200);
    expect(scan.json().verification).toMatchObject({ valid: true, name: masked, tier: 'E' });
    expect(scan.json().services).toEqual([
      expect.objectContaining({
        service: 'medical_green_channel',
        entitled: true,
        quota: expect.objectContaining({ left: 2 }),
      }),
    ]);

    const first = await post(
      '/api/v1/talent-code/uses',
      { token, service: 'medical_green_channel' },
      provider,
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, quota: { count: 2, used: 1, left: 1 } });
    const again = await post(
      '/api/v1/talent-code/uses',
      { token, service: 'medical_green_channel' },
      provider,
    );
    expect(again.json()).toMatchObject({
      replayed: true,
      quota: { used: 1, left: 1 },
      use: { id: first.json().use.id },
    });

    const second = await post(
      '/api/v1/talent-code/uses',
      { token: await mint(61), service: 'medical_green_channel' },
      provider,
    );
    expect(second.json()).toMatchObject({ replayed: false, quota: { used: 2, left: 0 } });
    const third = await post(
      '/api/v1/talent-code/uses',
      { token: await mint(62), service: 'medical_green_channel' },
      provider,
    );
    expect(third.statusCode).toBe(422);
    expect(third.json().error).toMatchObject({
      code: 'policy_denied',
      details: { reason: 'quota_exhausted' },
    });

    const mine = (await get('/api/v1/talent-code/me', talent)).json();
    const green = mine.entitlements.find((e: { service: string }) => e.service === 'medical_green_channel');
    expect(green.quota).toMatchObject({ used: 2, left: 0 });
    const history = (await get('/api/v1/talent-code/me/uses', talent)).json();
    expect(history.items).toHaveLength(2);
    expect(history.items[0]).toMatchObject({ service: 'medical_green_channel', provider: '区人民医院' });
    const providerUses = (await get('/api/v1/talent-code/provider/uses', provider)).json();
    expect(providerUses.items[0]).toMatchObject({ talent: masked });

    const usage = (await get('/api/v1/d/wuxing/talent-code/usage', admin)).json();
    expect(usage.rows).toEqual([
      expect.objectContaining({
        provider: '区人民医院',
        service: 'medical_green_channel',
        uses: 2,
        talents: 1,
      }),
    ]);
    const [audited] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'talent_code.use'`,
    );
    expect(Number(audited?.n)).toBe(2);
  });

  const tamperAt = (text: string, i: number) =>
    `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;

  it('refuses a service the provider does not offer, and a token that fails verification', async () => {
    const token = await mint(60);
    const other = await post('/api/v1/talent-code/uses', { token, service: 'schooling' }, provider);
    expect(other.statusCode).toBe(422);
    const bad = await post(
      '/api/v1/talent-code/uses',
      // Change a character well inside the signature (the last one may carry unused bits: a no-op).
      { token: tamperAt(token, token.length - 10), service: 'medical_green_channel' },
      provider,
    );
    expect(bad.statusCode).toBe(422);
    expect(['bad_signature', 'malformed']).toContain(bad.json().error.details.reason);
    const invalid = await post('/api/v1/talent-code/uses', { token, service: 'Bad Service!' }, provider);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].path).toBe('body.service');
  });
});

describe('quotas under concurrent scans', () => {
  it('never records more uses than the quota, however many providers record at once', async () => {
    await insertAccountIfAbsent(t.database.db, {
      district: 'wuxing',
      username: 'talent3.wuxing',
      displayName: '并发测试',
      role: 'talent',
      departmentId: null,
      passwordHash: await hashPassword('rencai-demo'),
    });
    await certifyAccount(t.database.db, 'talent3.wuxing', { tier: 'E', name: '赵并发' });
    const other = await signIn(t.app, 'talent3.wuxing');
    const me = (await get('/api/v1/talent-code/me', other)).json();
    const signer = await runtimeFor(t.database.db).signer('ed25519', t.config.piiKey);
    const now = Math.floor(Date.now() / 1000);
    const tokens = [0, 1, 2, 3, 4, 5].map((i) =>
      encodeToken({ c: me.codeId, d: 'wuxing', t: 'E', e: now + 60 + i }, signer),
    );
    const results = await Promise.all(
      tokens.map((token) =>
        post('/api/v1/talent-code/uses', { token, service: 'medical_green_channel' }, provider),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.statusCode === 422);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.json().error.details.reason).toBe('quota_exhausted');
  });
});

describe('demo data', () => {
  it('gives every certified talent a code', async () => {
    const { talentId: chaoyang } = await certifyAccount(t.database.db, 'talent.chaoyang', { tier: 'B' });
    await seedTalentCodeDemo(t.database.db);
    const adminC = await signIn(t.app, 'admin.chaoyang');
    const codes = (await get('/api/v1/d/chaoyang/talent-codes', adminC)).json();
    expect(codes.items.filter((c: { talentId: number }) => c.talentId === chaoyang)).toHaveLength(1);
    await seedTalentCodeDemo(t.database.db); // safe to run again
    const again = (await get('/api/v1/d/chaoyang/talent-codes', adminC)).json();
    expect(again.items.filter((c: { talentId: number }) => c.talentId === chaoyang)).toHaveLength(1);
  });
});

describe('who may call what', () => {
  it.each([
    ['GET', '/api/v1/talent-code/me', null, 401],
    ['GET', '/api/v1/talent-code/me', 'provider', 403],
    ['GET', '/api/v1/talent-code/me/token', 'admin', 403],
    ['POST', '/api/v1/talent-code/scan', 'talent', 403],
    ['POST', '/api/v1/talent-code/uses', 'admin', 403],
    ['GET', '/api/v1/talent-code/provider/uses', 'talent', 403],
    ['GET', '/api/v1/d/wuxing/talent-codes', 'provider', 403],
    ['GET', '/api/v1/d/wuxing/talent-code/usage', 'talent', 403],
    ['POST', '/api/v1/d/wuxing/talent-codes/1/revoke', 'provider', 403],
    ['GET', '/api/v1/d/wuxing/providers', 'provider', 403],
    ['GET', '/api/v1/d/jingan/talent-codes', 'admin', 403],
    ['POST', '/api/v1/talent-code/keys/rotate', 'talent', 403],
  ] as const)('%s %s as %s → %i', async (method, url, role, status) => {
    const session =
      role === 'talent' ? talent : role === 'provider' ? provider : role === 'admin' ? admin : undefined;
    const payload = method === 'POST' ? { token: 'x.y', service: 'parks', reason: 'test reason' } : undefined;
    const res = await t.app.inject({
      method,
      url,
      headers: session ? as(session) : {},
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode).toBe(status);
  });
});

describe('providers registry', () => {
  it('lists the demo providers and registers one with services from the tiers', async () => {
    const list = (await get('/api/v1/d/wuxing/providers', admin)).json();
    expect(list.items.map((p: { nameZh: string }) => p.nameZh)).toEqual([
      '区人民医院',
      '区实验学校',
      '区农商银行',
      '区文旅景区',
    ]);
    expect(list.items[0]).toMatchObject({
      kind: 'hospital',
      services: ['medical_green_channel'],
      staff: ['provider.wuxing'],
    });
    expect(list.services.map((s: { service: string }) => s.service)).toContain('transport');

    const bad = await post(
      '/api/v1/d/wuxing/providers',
      { kind: 'park', nameZh: '太湖公园', nameEn: 'Taihu Park', services: ['spa'] },
      admin,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.services');
    const ok = await post(
      '/api/v1/d/wuxing/providers',
      { kind: 'transport', nameZh: '湖州站', nameEn: 'Huzhou Station', services: ['transport'] },
      admin,
    );
    expect(ok.statusCode).toBe(200);
    const dup = await post(
      '/api/v1/d/wuxing/providers',
      { kind: 'transport', nameZh: '湖州站', nameEn: 'Huzhou Station', services: ['transport'] },
      admin,
    );
    expect(dup.statusCode).toBe(409);
    const staff = await post(
      `/api/v1/d/wuxing/providers/${ok.json().id}/staff`,
      { username: 'talent.wuxing' },
      admin,
    );
    expect(staff.statusCode).toBe(400);
  });
});

describe('revocation', () => {
  let second: { app: FastifyInstance; database?: Database } | undefined;
  afterAll(async () => {
    await second?.app.close();
    await second?.database?.close();
  });

  it('rejects the code at once here, and on another instance within the refresh interval', async () => {
    const token = await myToken();
    // Instance B: a second app on the same PostgreSQL database, or (PGlite is single-process) a second runtime.
    let verifyOnB: () => Promise<{ valid: boolean; reason?: string }>;
    let ageB: () => Promise<void>;
    if (t.database.url) {
      const database = await openDatabase({ databaseUrl: t.database.url, dataDir: '' });
      const app = await buildApp({ config: t.config, db: database.db, logger: false });
      second = { app, database };
      verifyOnB = async () =>
        (await app.inject({ method: 'POST', url: '/api/v1/talent-code/verify', payload: { token } })).json();
      ageB = () => runtimeFor(database.db).fresh(Date.now() + REFRESH_MS);
    } else {
      const rtB = new CodeRuntime(t.database.db);
      verifyOnB = async () => {
        await rtB.fresh();
        return checkToken(token, rtB.keyOf, rtB.isRevoked, Math.floor(Date.now() / 1000));
      };
      ageB = () => rtB.fresh(Date.now() + REFRESH_MS);
    }
    expect((await verifyOnB()).valid).toBe(true);

    const codes = (await get('/api/v1/d/wuxing/talent-codes', admin)).json();
    const code = codes.items.find((c: { talentId: number }) => c.talentId === talentId);
    const revoked = await post(
      `/api/v1/d/wuxing/talent-codes/${code.id}/revoke`,
      { reason: '离开本区，不再享受人才服务' },
      admin,
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', codeId: code.codeId });

    // Instance A rejects at once, with the reason.
    expect((await post('/api/v1/talent-code/verify', { token })).json()).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
    // Instance B rejects once its refresh interval has passed.
    await ageB();
    expect(await verifyOnB()).toMatchObject({ valid: false, reason: 'revoked' });

    expect((await identifyTalent(t.database.db, token)).valid).toBe(false);
    const me = (await get('/api/v1/talent-code/me', talent)).json();
    expect(me).toMatchObject({ status: 'revoked', revokedReason: '离开本区，不再享受人才服务' });
    expect((await get('/api/v1/talent-code/me/token', talent)).statusCode).toBe(422);
    const use = await post('/api/v1/talent-code/uses', { token, service: 'medical_green_channel' }, provider);
    expect(use.json().error.details.reason).toBe('revoked');
    const again = await post(`/api/v1/d/wuxing/talent-codes/${code.id}/revoke`, { reason: 'twice' }, admin);
    expect(again.statusCode).toBe(409);
    const short = await post(`/api/v1/d/wuxing/talent-codes/${code.id}/revoke`, { reason: '' }, admin);
    expect(short.statusCode).toBe(400);
  });
});

describe('key rotation', () => {
  it('signs with a new key while tokens of the old one still verify', async () => {
    const { certificationId } = await certifyAccount(t.database.db, 'talent.horinger', { tier: 'C' });
    expect(certificationId).toBeGreaterThan(0);
    const horinger = await signIn(t.app, 'talent.horinger');
    const before = (await get('/api/v1/talent-code/me/token', horinger)).json().token;
    const admin2 = await signIn(t.app, 'admin.horinger');
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/talent-code/keys/rotate',
      headers: as(admin2),
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().retired).toHaveLength(1);
    const keys = (await get('/api/v1/talent-code/keys')).json().keys.map((k: { kid: string }) => k.kid);
    expect(keys).toContain(rotated.json().kid);
    expect(keys).toContain(rotated.json().retired[0]);
    const after = (await get('/api/v1/talent-code/me/token', horinger)).json().token;
    expect(after).not.toBe(before);
    expect((await post('/api/v1/talent-code/verify', { token: before })).json().valid).toBe(true);
    expect((await post('/api/v1/talent-code/verify', { token: after })).json()).toMatchObject({
      valid: true,
      kid: rotated.json().kid,
    });
    const id = await identifyTalent(t.database.db, after);
    expect(id).toMatchObject({ valid: true, district: 'horinger', tier: 'C' });
  });
});
