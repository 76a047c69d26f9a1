// The policy library over HTTP: public reads and calculations, errors in the caller's language.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createTestApp, signIn, type TestApp } from '../../test/app';
import { publishShippedPacks } from './policies.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await publishShippedPacks(t.database.db, t.config);
});
afterAll(() => t.close());

const base = '/api/v1/d/wuxing/policies';

async function auditCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log`);
  return Number(row?.n);
}

describe('GET /d/{district}/policies', () => {
  it('lets an anonymous visitor search, with facets and a total', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}?q=${encodeURIComponent('购房')}&pageSize=5`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items[0]).toMatchObject({
      policyId: 'wuxing.housing.purchase',
      title: '人才购房补贴（提前预支）',
    });
    expect(body).toMatchObject({ page: 1, pageSize: 5, packVersion: { version: 1 } });
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.facets.kinds.length).toBeGreaterThan(0);
  });

  it('validates its filters', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}?grantMode=sometimes` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('GET /d/{district}/policies/{policyId}', () => {
  it('answers the plain-language page in English on request', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/wuxing.housing.purchase`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.title).toMatch(/^Home-purchase subsidy/);
    expect(body.conditions.children.length).toBeGreaterThan(3);
    expect(body.exclusivity.members[0].policyId).toBe('wuxing.housing.rent');
  });

  it('is a JSON 404 for an unknown policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/wuxing.nothing` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: '找不到该政策' });
  });
});

describe('the calculator', () => {
  it('lists the questions to ask', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/questions?audience=enterprise` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { name: string }) => i.name)).toContain('registeredInDistrict');
  });

  it('calculates for an anonymous visitor without writing audit rows', async () => {
    const before = await auditCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/calculate`,
      payload: { audience: 'talent', facts: { degree: 'phd', birthDate: '1994-03-01' }, date: '2025-06-01' },
    });
    expect(res.statusCode).toBe(200);
    const phd = res.json().results.find((r: { policyId: string }) => r.policyId === 'wuxing.living.phd');
    expect(phd.verdict).toBe('unknown');
    expect(phd.missing.map((m: { name: string }) => m.name)).toContain('graduationDate');
    expect(await auditCount()).toBe(before);
  });

  it('requires the CSRF token from a signed-in caller, like every POST', async () => {
    const s = await signIn(t.app, 'talent.wuxing');
    const payload = { audience: 'talent', facts: { degree: 'phd' } };
    const without = await t.app.inject({
      method: 'POST',
      url: `${base}/calculate`,
      headers: { cookie: s.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'POST',
      url: `${base}/calculate`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload,
    });
    expect(withToken.statusCode).toBe(200);
  });

  it('answers 400 listing unknown fact names, in Chinese and in English', async () => {
    const payload = { audience: 'talent', facts: { degree: 'phd', favouriteColour: 'red' } };
    const zh = await t.app.inject({ method: 'POST', url: `${base}/calculate`, payload });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'validation_failed',
      message: '未知的人才信息项：favouriteColour',
      details: { unknownFacts: ['favouriteColour'] },
    });
    const en = await t.app.inject({
      method: 'POST',
      url: `${base}/calculate`,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      payload,
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toBe('Unknown talent facts: favouriteColour');
  });

  it('rejects a malformed body before the service sees it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/calculate`,
      payload: { audience: 'alien', facts: { degree: { nested: { deep: true } } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});
