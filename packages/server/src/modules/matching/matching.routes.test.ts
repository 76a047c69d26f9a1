// Routes of 政策找人, the inbox and pack publishing through inject(): status, shape and each role.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { notify } from '../notifications/notifications.service';
import { publishShippedPacks, readPackDir } from '../policies/policies.service';
import { buildTalent } from './matching.fixtures';

let t: TestApp;
const D = 'wuxing';
const sessions: Record<string, Session> = {};
const roles = ['talent', 'enterprise', 'reviewer', 'expert', 'provider', 'station', 'admin'] as const;
const root = path.resolve(import.meta.dirname, '../../../../..');

beforeAll(async () => {
  t = await createTestApp();
  await publishShippedPacks(t.database.db, t.config);
  for (const role of roles) sessions[role] = await signIn(t.app, `${role}.${D}`);
  // The demo talent's record, if the records seeder did not write one.
  const [account] = await queryRows<{ id: number }>(
    t.database.db,
    sql`SELECT id::int AS id FROM accounts WHERE username = ${`talent.${D}`}`,
  );
  const [has] = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM talents WHERE account_id = ${account?.id ?? 0}`,
  );
  if (!has?.n)
    await buildTalent(t.database.db, {
      district: D,
      accountId: account?.id ?? null,
      birthDate: '1988-05-12',
      facts: { degree: 'phd', socialInsuranceLocal: true, socialInsuranceMonths: 36 },
      employed: {},
    });
});
afterAll(async () => {
  await t.close();
});

const get = (role: string, url: string, lang = 'zh') =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: sessions[role]?.cookie ?? '', 'accept-language': lang },
  });
const post = (role: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: sessions[role]?.cookie ?? '', 'x-csrf-token': sessions[role]?.csrf ?? '' },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe('GET /d/{district}/me/policies', () => {
  it('answers the talent with every talent policy and a verdict each', async () => {
    const res = await get('talent', `/api/v1/d/${D}/me/policies`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('talent');
    expect(body.subject).not.toBeNull();
    expect(body.items.length).toBeGreaterThan(10);
    for (const item of body.items) expect(['eligible', 'unknown', 'ineligible']).toContain(item.verdict);
    const ineligible = body.items.find((i: { verdict: string }) => i.verdict === 'ineligible');
    if (ineligible) expect(ineligible.reasons.length).toBeGreaterThan(0);
    expect(body.packVersion.version).toBe(1);
  });

  it('answers the enterprise with enterprise policies, in English when asked', async () => {
    const res = await get('enterprise', `/api/v1/d/${D}/me/policies`, 'en');
    expect(res.statusCode).toBe(200);
    expect(res.json().kind).toBe('enterprise');
  });

  it('is refused to the other roles, to another district and to anonymous callers', async () => {
    for (const role of ['reviewer', 'expert', 'provider', 'station', 'admin'])
      expect((await get(role, `/api/v1/d/${D}/me/policies`)).statusCode).toBe(403);
    expect((await get('talent', '/api/v1/d/jingan/me/policies')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/d/${D}/me/policies` })).statusCode).toBe(401);
  });
});

describe('the administrator', () => {
  it('reads the counts per policy and the runs; others may not', async () => {
    const counts = await get('admin', `/api/v1/d/${D}/matching/policy-counts`);
    expect(counts.statusCode).toBe(200);
    const body = counts.json();
    expect(body.items.length).toBeGreaterThan(10);
    expect(body.items[0]).toHaveProperty('applied');
    for (const role of ['talent', 'enterprise', 'reviewer'])
      expect((await get(role, `/api/v1/d/${D}/matching/policy-counts`)).statusCode).toBe(403);
    const run = await post('admin', `/api/v1/d/${D}/matching/runs`);
    expect(run.statusCode).toBe(202);
    expect(run.json().status).toBe('done'); // no queue in tests: the job ran inline
    const one = await get('admin', `/api/v1/d/${D}/matching/runs/${run.json().id}`);
    expect(one.json().done).toBe(one.json().total);
    expect((await get('admin', `/api/v1/d/${D}/matching/runs/999999`)).statusCode).toBe(404);
    expect((await post('talent', `/api/v1/d/${D}/matching/runs`)).statusCode).toBe(403);
  });

  it('lists pack versions and previews a candidate; other roles may not', async () => {
    const versions = await get('admin', `/api/v1/d/${D}/packs`);
    expect(versions.statusCode).toBe(200);
    expect(versions.json().items[0]).toMatchObject({ version: 1, status: 'active' });
    expect(versions.json().sources.map((s: { id: string }) => s.id)).toEqual(['wuxing']);
    for (const role of ['talent', 'reviewer', 'enterprise'])
      expect((await get(role, `/api/v1/d/${D}/packs`)).statusCode).toBe(403);
    const files = readPackDir(path.join(root, 'packs/wuxing'));
    const preview = await post('admin', `/api/v1/d/${D}/packs/preview`, { source: 'wuxing' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      gains: { subjects: 0 },
      losses: { subjects: 0 },
      candidate: { alreadyPublishedAs: 1 },
    });
    expect((await post('reviewer', `/api/v1/d/${D}/packs/preview`, { files })).statusCode).toBe(403);
    const bad = await post('admin', `/api/v1/d/${D}/packs/preview`, {
      files: { ...files, 'pack.yaml': 'id: [' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.details.issues[0]).toMatchObject({ file: 'pack.yaml' });
    const neither = await post('admin', `/api/v1/d/${D}/packs/preview`, {});
    expect(neither.statusCode).toBe(400);
    const again = await post('admin', `/api/v1/d/${D}/packs`, { source: 'wuxing' });
    expect(again.statusCode).toBe(409);
  });
});

describe('the inbox', () => {
  it('every role reads its own messages; marking read is per account', async () => {
    for (const role of roles) {
      const res = await get(role, `/api/v1/d/${D}/me/notifications`);
      expect(res.statusCode).toBe(200);
      expect((await get(role, `/api/v1/d/${D}/me/notifications/unread-count`)).statusCode).toBe(200);
    }
    const [account] = await queryRows<{ id: number }>(
      t.database.db,
      sql`SELECT id::int AS id FROM accounts WHERE username = ${`talent.${D}`}`,
    );
    await notify(
      t.database.db,
      [1, 2].map((n) => ({
        district: D,
        accountId: account?.id ?? 0,
        kind: 'test',
        titleZh: `测试消息${n}`,
        titleEn: `Test message ${n}`,
        link: '/my-policies',
        dedupeKey: `test:${n}`,
      })),
    );
    const inbox = (await get('talent', `/api/v1/d/${D}/me/notifications`)).json();
    expect(inbox.unread).toBeGreaterThanOrEqual(2);
    expect(inbox.items.map((i: { title: string }) => i.title)).toContain('测试消息2');
    expect((await get('talent', `/api/v1/d/${D}/me/notifications`, 'en')).json().items[0].title).toMatch(
      /message|qualify|[A-Za-z]/,
    );
    const first = inbox.items[0];
    expect((await post('admin', `/api/v1/d/${D}/me/notifications/${first.id}/read`)).statusCode).toBe(404);
    const read = await post('talent', `/api/v1/d/${D}/me/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().read).toBe(true);
    const count = (await get('talent', `/api/v1/d/${D}/me/notifications/unread-count`)).json();
    expect(count.unread).toBe(inbox.unread - 1);
    const all = await post('talent', `/api/v1/d/${D}/me/notifications/read-all`);
    expect(all.json()).toMatchObject({ changed: inbox.unread - 1, unread: 0 });
    expect((await get('talent', `/api/v1/d/${D}/me/notifications?unread=true`)).json().items).toEqual([]);
  });
});
