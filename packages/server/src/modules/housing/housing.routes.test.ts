// 人才安居 over HTTP: who may reach what (talent, admin, the other roles), validation errors in zh/en,
// and a talent's application → the admin's allocation → the talent's lease.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../authz';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { buildTalent, publishPacks } from './services.test-support';

let t: TestApp;
const sessions = new Map<string, Session>();
let talent: Session;
beforeAll(async () => {
  t = await createTestApp();
  await publishPacks({ database: t.database, config: t.config });
  for (const role of roles) sessions.set(role, await signIn(t.app, `${role}.wuxing`));
  const built = await buildTalent({ database: t.database, config: t.config }, { tier: 'C' });
  talent = await signIn(t.app, built.username);
});
afterAll(() => t.close());

function as(
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  lang = 'zh',
) {
  return t.app.inject({
    method,
    url: `/api/v1/d/wuxing${url}`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': lang },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
const session = (role: string) => sessions.get(role) as Session;

describe('who may reach the housing routes', () => {
  it('gives the inventory to the admin only', async () => {
    for (const role of roles) {
      const res = await as(session(role), 'GET', '/housing/apartments');
      expect(res.statusCode, role).toBe(role === 'admin' ? 200 : 403);
    }
  });

  it('gives the buildings to talents and admins, and applying to talents only', async () => {
    for (const role of roles) {
      const res = await as(session(role), 'GET', '/housing/buildings');
      expect(res.statusCode, role).toBe(role === 'admin' || role === 'talent' ? 200 : 403);
      if (role === 'talent') continue;
      const apply = await as(session(role), 'POST', '/housing/applications', { building: 'x' });
      expect(apply.statusCode, role).toBe(403);
    }
  });
});

describe('validation', () => {
  it('names the field, in Chinese by default and in English on request', async () => {
    const zh = await as(session('admin'), 'POST', '/housing/apartments', {
      building: '1号楼',
      unit: '101',
      areaSqm: 3,
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(zh.json().error.details)).toContain('areaSqm');
    expect(JSON.stringify(zh.json().error.details)).toContain('rentMonthly');
    const en = await as(session('admin'), 'POST', '/housing/leases/9999/end', { reason: 'x' }, 'en');
    expect(en.statusCode).toBe(404);
    expect(en.json().error.message).toBe('No such lease');
  });
});

describe('apply, allocate, lease', () => {
  it('queues a talent for a full building, the admin allocates a new flat, and the talent sees the lease', async () => {
    const admin = session('admin');
    const first = await as(admin, 'POST', '/housing/apartments', {
      building: '路由楼',
      unit: '101',
      areaSqm: 55,
      rentMonthly: 1200,
    });
    expect(first.statusCode).toBe(200);
    await as(admin, 'PATCH', `/housing/apartments/${first.json().id}`, { status: 'unavailable' });
    const applied = await as(talent, 'POST', '/housing/applications', { building: '路由楼' });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().application).toMatchObject({ status: 'waiting', position: 1 });
    const flat = await as(admin, 'POST', '/housing/apartments', {
      building: '路由楼',
      unit: '102',
      areaSqm: 60,
      rentMonthly: 1300,
    });
    const lease = await as(admin, 'POST', `/housing/apartments/${flat.json().id}/allocate`, {});
    expect(lease.statusCode).toBe(200);
    const mine = await as(talent, 'GET', '/housing/me');
    expect(mine.json().lease).toMatchObject({
      apartment: { unit: '102' },
      rentMonthly: 1300,
      status: 'active',
    });
    expect(mine.json().application).toMatchObject({ status: 'allocated', position: null });
    const twice = await as(admin, 'POST', `/housing/apartments/${flat.json().id}/allocate`, {}, 'en');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('The apartment is not vacant');
  });
});
