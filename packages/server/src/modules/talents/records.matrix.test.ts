// The records routes × every role: a role without the route's permission gets 403 whatever it sends
// (the role gate runs before validation); a role with it gets past authorization (no 401/403) even with
// placeholder ids, where the scope check or validation answers instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions, publicActions, type Role, roles } from '../../authz';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';

let t: TestApp;
const sessions = new Map<string, Session>();
beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) sessions.set(role, await signIn(t.app, `${role}.wuxing`));
});
afterAll(() => t.close());

const RECORDS = /\/d\/:district\/(talents|enterprises|documents|imports)\b/;

describe('records routes × roles', () => {
  it('lets exactly the permitted roles past authorization on every records route', async () => {
    const routes = t.app.routeRules.filter((r) => RECORDS.test(r.url) && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) {
      if ((publicActions as readonly string[]).includes(r.authz ?? '')) continue;
      const allowed = permissions[r.authz as keyof typeof permissions] as readonly Role[];
      for (const role of roles) {
        const s = sessions.get(role) as Session;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':district', 'wuxing').replace(/:[A-Za-z]+/g, '999999'),
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        });
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode}`;
        if (allowed.includes(role)) expect([401, 403], label).not.toContain(res.statusCode);
        else expect(res.statusCode, label).toBe(403);
      }
    }
  });
});
