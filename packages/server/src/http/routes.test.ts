// Every route declares an authorization rule, and the rule holds for every role: the matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions, publicActions, roles } from '../authz';
import { createTestApp, type Session, signIn, type TestApp } from '../test/app';

let t: TestApp;
const sessions = new Map<string, Session>();
beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) sessions.set(role, await signIn(t.app, `${role}.wuxing`));
});
afterAll(() => t.close());

const apiRoutes = () =>
  t.app.routeRules.filter(
    (r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
  );
const concrete = (url: string, district = 'wuxing') =>
  url.replace(':district', district).replace(/:\w+/g, '1');
const known = new Set<string>([...Object.keys(permissions), ...publicActions]);

describe('authorization rules', () => {
  it('every /api/v1 route declares a known authorization rule', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(4);
    const missing = routes.filter((r) => !r.authz || !known.has(r.authz)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    for (const r of apiRoutes().filter(
      (r) => !(publicActions as readonly string[]).includes(r.authz ?? ''),
    )) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('lets each role reach exactly the routes its permissions allow (role × route)', async () => {
    for (const r of apiRoutes()) {
      if (
        !r.authz ||
        (publicActions as readonly string[]).includes(r.authz) ||
        r.url === '/api/v1/auth/logout'
      )
        continue;
      const allowed = permissions[r.authz as keyof typeof permissions] as readonly string[];
      for (const role of roles) {
        const s = sessions.get(role) as Session;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: concrete(r.url),
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        });
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        // Without a real body or id an allowed role may meet 400/404/409/422 further in; what matters
        // here is that the role check let it through, and refused every other role before anything else.
        const refusedForRole =
          res.statusCode === 403 &&
          res.json().error?.details?.role === role &&
          !res.body.includes('wrong_district');
        if (allowed.includes(role)) {
          expect(res.statusCode, label).not.toBe(401);
          expect(refusedForRole, label).toBe(false);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(refusedForRole, label).toBe(true);
        }
      }
    }
  });

  it("refuses another district's data even to its own role", async () => {
    const admin = sessions.get('admin') as Session;
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/d/jingan/audit',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('您不能访问其他区县的数据');
  });

  it('writes an audit row for every state-changing request, refused ones included', async () => {
    const admin = sessions.get('admin') as Session;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/d/wuxing/audit/verify',
      headers: { cookie: admin.cookie },
    });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/d/wuxing/audit?limit=5',
      headers: { cookie: admin.cookie },
    });
    const items: { action: string; outcome: string }[] = res.json().items;
    expect(items[0]).toMatchObject({ action: 'POST /api/v1/d/:district/audit/verify', outcome: 'denied' });
  });

  it('answers unknown API paths with a JSON 404 in the caller language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: 'Not found' });
  });
});
