// An app on a fresh test database with the demo accounts, plus helpers to sign in through inject().
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { seedDemo } from '../seed/demo';
import { createTestDatabase, type TestDatabase } from './db';
import { type CollectedResponse, collectResponses, findLeaks } from './pii-scan';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Response bodies sent to non-privileged callers (checked for personal data at close). */
  responses: CollectedResponse[];
  close: () => Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedDemo(database.db);
  const config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ config, db: database.db, logger: false, loginRatePerMinute: 1000 });
  const responses = collectResponses(app);
  await app.ready();
  return {
    app,
    database,
    config,
    responses,
    close: async () => {
      // No full 身份证号 or phone may have reached a non-privileged caller in this file's tests.
      const leaks = await findLeaks(database.db, config, responses).catch(() => []);
      await app.close();
      await database.destroy();
      if (leaks.length)
        throw new Error(
          `personal data in responses to non-privileged roles:\n${leaks.slice(0, 20).join('\n')}`,
        );
    },
  };
}

export type Session = { cookie: string; csrf: string; user: { role: string; district: string } };

/** Signs in with a demo account; returns the cookie header and the CSRF token to echo. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = 'rencai-demo',
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  return {
    cookie: `rencai_session=${cookies.rencai_session}; rencai_csrf=${cookies.rencai_csrf}`,
    csrf: String(cookies.rencai_csrf),
    user: res.json().user,
  };
}
