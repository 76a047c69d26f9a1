// 国密: with RENCAI_CODE_ALG=sm2 the tokens are signed with SM2 over SM3, the keys are published in their
// SM2 form, and both the server and the offline script verify them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/app';
import { publishShippedPacks } from '../policies/policies.service';
import { certifyAccount } from './talent-code.fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RENCAI_CODE_ALG: 'sm2' });
  await publishShippedPacks(t.database.db, t.config);
  await certifyAccount(t.database.db, 'talent.jingan', { tier: 'B' });
});
afterAll(() => t.close());

describe('SM2 talent codes', () => {
  it('publish an SM2 key and issue tokens that verify online and offline', async () => {
    const keys = await t.app.inject({ method: 'GET', url: '/api/v1/talent-code/keys' });
    const jwk = keys.json().keys[0];
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2-SM3', use: 'sig' });
    expect(Buffer.from(jwk.x, 'base64url')).toHaveLength(32);
    expect(Buffer.from(jwk.y, 'base64url')).toHaveLength(32);

    const s = await signIn(t.app, 'talent.jingan');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/talent-code/me/token',
      headers: { cookie: s.cookie },
    });
    const { token } = res.json();
    expect(token.length).toBeLessThan(320);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/talent-code/verify',
      payload: { token },
    });
    expect(verified.json()).toMatchObject({ valid: true, tier: 'B', district: 'jingan', kid: jwk.kid });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwks-sm2-'));
    fs.writeFileSync(path.join(dir, 'jwks.json'), keys.body);
    const script = path.resolve(import.meta.dirname, '../../../../../scripts/verify-offline.mjs');
    const run = (tok: string) =>
      spawnSync(process.execPath, [script, path.join(dir, 'jwks.json'), tok], { encoding: 'utf8' });
    const ok = run(token);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, tier: 'B', district: 'jingan' });
    const [segment = '', sig = ''] = token.split('.');
    const tampered = `${segment}.${sig.startsWith('M') ? 'N' : 'M'}${sig.slice(1)}`;
    expect(JSON.parse(run(tampered).stdout).valid).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
