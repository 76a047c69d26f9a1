import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('POST /api/v1/auth/login', () => {
  it('signs in a demo account and sets an httpOnly session cookie and a readable CSRF cookie', async () => {
    const res = await login('admin.wuxing', 'rencai-demo');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      username: 'admin.wuxing',
      role: 'admin',
      district: 'wuxing',
      department: 'talent_office',
    });
    const session = res.cookies.find((c) => c.name === 'rencai_session');
    const csrf = res.cookies.find((c) => c.name === 'rencai_csrf');
    expect(session?.httpOnly).toBe(true);
    expect(session?.value.length).toBeGreaterThan(20);
    expect(csrf?.httpOnly).toBeFalsy();
  });

  it('answers a wrong password with 401 in Chinese by default and in English on request', async () => {
    const zh = await login('expert.wuxing', 'wrong');
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'unauthenticated', message: '用户名或密码错误' });
    const en = await login('expert.wuxing', 'wrong', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.statusCode).toBe(401);
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('locks the account after five wrong passwords in a row: the sixth try gets 423 even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login('station.chaoyang', `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 423]);
    const right = await login('station.chaoyang', 'rencai-demo');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('locked');
  });

  it('refuses an empty body with validation details naming the fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await login('nobody.wuxing', 'rencai-demo');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('用户名或密码错误');
  });
});

describe('sessions and CSRF', () => {
  it('returns the signed-in user and refuses state changes without the CSRF header', async () => {
    const s = await signIn(t.app, 'talent.wuxing');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('talent');

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('forbidden');
    const wrongCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrongCsrf.statusCode).toBe(403);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: s.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('ends a session that has been idle longer than the timeout', async () => {
    const s = await signIn(t.app, 'provider.wuxing');
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('登录已超时，请重新登录');
  });

  it('lists the demo accounts, seven roles in each of the five districts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/demo-accounts' });
    const items: { username: string }[] = res.json().items;
    expect(items).toHaveLength(35);
    expect(items.map((i) => i.username)).toContain('reviewer.jingan');
  });
});
