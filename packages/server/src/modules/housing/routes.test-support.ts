// Shared by the services' route tests: an app with the packs published, one session per demo role.
import type { LightMyRequestResponse } from 'fastify';
import { roles } from '../../authz';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { publishPacks } from './services.test-support';

export type RouteWorld = {
  t: TestApp;
  session: (role: string) => Session;
  call: (
    s: Session,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    lang?: string,
  ) => Promise<LightMyRequestResponse>;
};

export async function createRouteWorld(district = 'wuxing'): Promise<RouteWorld> {
  const t = await createTestApp();
  await publishPacks({ database: t.database, config: t.config });
  const sessions = new Map<string, Session>();
  for (const role of roles) sessions.set(role, await signIn(t.app, `${role}.${district}`));
  return {
    t,
    session: (role) => sessions.get(role) as Session,
    call: (s, method, url, payload, lang = 'zh') =>
      t.app.inject({
        method,
        url: `/api/v1/d/${district}${url}`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': lang },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}
