// The youth reserve pool over HTTP: who may reach what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../authz';
import { createRouteWorld, type RouteWorld } from '../housing/routes.test-support';

let w: RouteWorld;
beforeAll(async () => {
  w = await createRouteWorld('wuchang');
});
afterAll(() => w.t.close());

describe('the reserve pool over HTTP', () => {
  it('shows levels to talents, HR and admins; members to HR and admins; manages for admins only', async () => {
    const created = await w.call(w.session('admin'), 'POST', '/reserve/levels', {
      code: 'r1',
      nameZh: '一级',
      rank: 1,
      reviewMonths: 12,
    });
    expect(created.statusCode).toBe(200);
    for (const role of roles) {
      expect((await w.call(w.session(role), 'GET', '/reserve/levels')).statusCode, role).toBe(
        ['talent', 'enterprise', 'admin'].includes(role) ? 200 : 403,
      );
      expect((await w.call(w.session(role), 'GET', '/reserve/members')).statusCode, role).toBe(
        ['enterprise', 'admin'].includes(role) ? 200 : 403,
      );
      const level = await w.call(w.session(role), 'PATCH', `/reserve/levels/${created.json().id}`, {
        reviewMonths: 6,
      });
      expect(level.statusCode, role).toBe(role === 'admin' ? 200 : 403);
    }
  });

  it('refuses a level with an unknown criteria policy, naming the field, in English on request', async () => {
    const res = await w.call(
      w.session('admin'),
      'POST',
      '/reserve/levels',
      { code: 'r2', nameZh: '二级', rank: 2, reviewMonths: 6, criteriaPolicyId: 'wuchang.none.x' },
      'en',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The pack has no talent policy wuchang.none.x');
    expect(JSON.stringify(res.json().error.details)).toContain('criteriaPolicyId');
  });
});
