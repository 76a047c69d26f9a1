// 人才活动 over HTTP: who may reach what, validation in zh/en, register → organiser's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../authz';
import { signIn } from '../../test/app';
import { createRouteWorld, type RouteWorld } from '../housing/routes.test-support';
import { buildTalent } from '../housing/services.test-support';

let w: RouteWorld;
beforeAll(async () => {
  w = await createRouteWorld();
});
afterAll(() => w.t.close());

const event = {
  titleZh: '人才之家读书会',
  venue: '人才之家',
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 90_000_000).toISOString(),
  capacity: 1,
  eligibilityPolicyId: 'wuxing.event.talent_home',
};

describe('events over HTTP', () => {
  it('lists events to talents and admins, creates them for admins only, check-in for admins and providers', async () => {
    const existing = (await w.call(w.session('admin'), 'POST', '/events', event)).json();
    for (const role of roles) {
      const list = await w.call(w.session(role), 'GET', '/events');
      expect(list.statusCode, role).toBe(role === 'talent' || role === 'admin' ? 200 : 403);
      const create = await w.call(w.session(role), 'POST', '/events', event);
      expect(create.statusCode, role).toBe(role === 'admin' ? 200 : 403);
      const checkIn = await w.call(w.session(role), 'POST', `/events/${existing.id}/check-in`, {
        token: 'x',
      });
      expect(checkIn.statusCode, role).toBe(role === 'admin' || role === 'provider' ? 422 : 403);
    }
  });

  it('names the invalid fields, and answers a bad code in English on request', async () => {
    const bad = await w.call(w.session('admin'), 'POST', '/events', {
      ...event,
      capacity: 0,
      startsAt: 'tomorrow',
    });
    expect(bad.statusCode).toBe(400);
    const paths = JSON.stringify(bad.json().error.details);
    expect(paths).toContain('capacity');
    expect(paths).toContain('startsAt');
    const created = await w.call(w.session('admin'), 'POST', '/events', event);
    const res = await w.call(
      w.session('admin'),
      'POST',
      `/events/${created.json().id}/check-in`,
      { token: 'garbage' },
      'en',
    );
    expect(res.json().error.message).toBe('This is not a talent code');
  });

  it('registers a certified talent, puts the next on the waiting list, and shows both to the organiser', async () => {
    const created = (await w.call(w.session('admin'), 'POST', '/events', event)).json();
    const world = { database: w.t.database, config: w.t.config };
    const a = await signIn(w.t.app, (await buildTalent(world)).username);
    const b = await signIn(w.t.app, (await buildTalent(world)).username);
    expect((await w.call(a, 'POST', `/events/${created.id}/registrations`)).json().status).toBe('registered');
    expect((await w.call(b, 'POST', `/events/${created.id}/registrations`)).json()).toMatchObject({
      status: 'waiting',
      waitingPosition: 1,
    });
    const regs = await w.call(w.session('admin'), 'GET', `/events/${created.id}/registrations`);
    expect(regs.json().items.map((i: { status: string }) => i.status)).toEqual(['registered', 'waiting']);
    const cancel = await w.call(a, 'POST', `/events/${created.id}/registrations/cancel`);
    expect(cancel.statusCode).toBe(200);
    const mine = await w.call(b, 'GET', '/events/registrations/mine');
    expect(mine.json().items[0].registration.status).toBe('registered');
  });
});
