// The claims API over HTTP: each role's access, validation in the caller's language, the idempotency key
// (replay, conflicting body), the review decision, payment batches and the bank file, station consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { talentFacts } from '../../db/schema';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { setBudget } from '../fulfilment/fulfilment.service';
import { findTalentByAccount } from './applications.repo';
import { ctxOf, demoActor, publishDistrict } from './test-support';

let t: TestApp;
const s: Record<string, Session> = {};
const base = '/api/v1/d/wuxing';
const POLICY = 'wuxing.living.postdoc';

beforeAll(async () => {
  t = await createTestApp();
  await publishDistrict(t.database.db, 'wuxing');
  const admin = await demoActor(t.database.db, 'admin');
  const year = Number(new Date().toISOString().slice(0, 4));
  await setBudget(ctxOf(t.database.db, admin), { code: 'talent_fund', year, budget: 1_000_000 });
  const talent = await findTalentByAccount(
    t.database.db,
    (await demoActor(t.database.db, 'talent')).accountId,
  );
  await t.database.db.insert(talentFacts).values({
    talentId: talent?.id ?? 0,
    name: 'isPostdoc',
    value: true,
    source: 'department',
    updatedBy: 'test',
  });
  for (const role of ['talent', 'enterprise', 'reviewer', 'expert', 'provider', 'station', 'admin'])
    s[role] = await signIn(t.app, `${role}.wuxing`);
}, 120_000);
afterAll(() => t.close());

function as(role: string, headers: Record<string, string> = {}) {
  const session = s[role] as Session;
  return { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers };
}

describe('POST /d/{district}/applications', () => {
  it('needs a session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      payload: { policyId: POLICY },
    });
    expect(res.statusCode).toBe(401);
  });

  it('is refused to roles that do not apply', async () => {
    for (const role of ['reviewer', 'expert', 'provider', 'admin']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${base}/applications`,
        headers: as(role),
        payload: { policyId: POLICY },
      });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('validates the body, naming the field, in English on request', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      headers: as('talent', { 'accept-language': 'en' }),
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(res.json().error.details)).toContain('policyId');
  });

  it('refuses a policy the talent does not qualify for with 422 and the explanation', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      headers: as('talent'),
      payload: { policyId: 'wuxing.housing.purchase' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('policy_denied');
    expect(res.json().error.details.explanation).toBeDefined();
  });

  let applicationId = 0;
  it('creates the claim once per Idempotency-Key: a replay answers the same, another body is a 409', async () => {
    const headers = as('talent', { 'idempotency-key': 'route-test-key-1' });
    const first = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      headers,
      payload: { policyId: POLICY },
    });
    expect(first.statusCode, first.body).toBe(201);
    applicationId = first.json().id;
    const replay = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      headers,
      payload: { policyId: POLICY },
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(applicationId);
    const other = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      headers,
      payload: { policyId: 'wuxing.housing.purchase' },
    });
    expect(other.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: `${base}/applications`,
      headers: as('talent', { 'idempotency-key': 'x' }),
      payload: { policyId: POLICY },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows the application to its applicant and to reviewers, not to another talent district', async () => {
    const mine = await t.app.inject({
      method: 'GET',
      url: `${base}/applications/${applicationId}`,
      headers: as('talent'),
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().events[0].action).toBe('submitted');
    const list = await t.app.inject({ method: 'GET', url: `${base}/applications`, headers: as('talent') });
    expect(list.json().items.map((a: { id: number }) => a.id)).toContain(applicationId);
    const expert = await t.app.inject({
      method: 'GET',
      url: `${base}/applications/${applicationId}`,
      headers: as('expert'),
    });
    expect(expert.statusCode).toBe(403);
  });

  it('runs the review through the queue to a payment that is batched, exported and paid', async () => {
    const detail = (
      await t.app.inject({
        method: 'GET',
        url: `${base}/applications/${applicationId}`,
        headers: as('talent'),
      })
    ).json();
    const holders: string[] = detail.stages.map((st: { holder: { kind: string; code?: string } }) =>
      st.holder.kind === 'employer'
        ? 'enterprise'
        : st.holder.code === 'talent_office'
          ? 'admin'
          : 'reviewer',
    );
    for (const [i, role] of holders.entries()) {
      const queue = await t.app.inject({
        method: 'GET',
        url: `${base}/review/applications`,
        headers: as(role),
      });
      expect(queue.statusCode).toBe(200);
      expect(
        queue.json().items.map((a: { id: number }) => a.id),
        role,
      ).toContain(applicationId);
      const res = await t.app.inject({
        method: 'POST',
        url: `${base}/review/applications/${applicationId}/decision`,
        headers: as(role, { 'idempotency-key': `decide-${applicationId}-${i}` }),
        payload: { action: 'approve', stage: i },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const approved = (
      await t.app.inject({
        method: 'GET',
        url: `${base}/applications/${applicationId}`,
        headers: as('talent'),
      })
    ).json();
    expect(approved.status).toBe('approved');
    expect(approved.budget.committed).toBe(true);
    const talentFunds = await t.app.inject({ method: 'GET', url: `${base}/funds`, headers: as('talent') });
    expect(talentFunds.statusCode).toBe(403);
    const batch = await t.app.inject({
      method: 'POST',
      url: `${base}/payment-batches`,
      headers: as('admin'),
      payload: {},
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const batchId = batch.json().id;
    const csv = await t.app.inject({
      method: 'GET',
      url: `${base}/payment-batches/${batchId}/export?format=csv`,
      headers: as('admin'),
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('林晓');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `${base}/payment-batches/${batchId}/export`,
      headers: as('admin'),
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const items = (
      await t.app.inject({ method: 'GET', url: `${base}/payment-batches/${batchId}`, headers: as('admin') })
    ).json().items;
    const marked = await t.app.inject({
      method: 'POST',
      url: `${base}/payment-batches/${batchId}/results`,
      headers: as('admin'),
      payload: { results: items.map((i: { itemId: number }) => ({ itemId: i.itemId, outcome: 'paid' })) },
    });
    expect(marked.statusCode).toBe(200);
    const paid = (
      await t.app.inject({
        method: 'GET',
        url: `${base}/applications/${applicationId}`,
        headers: as('talent'),
      })
    ).json();
    expect(paid.events.map((e: { action: string }) => e.action)).toContain('paid');
    expect(paid.payments.some((p: { status: string }) => p.status === 'paid')).toBe(true);
  });
});

describe('station consent', () => {
  it('lets a talent consent and revoke; the station lists consenting talents; others are refused', async () => {
    const stations = await t.app.inject({ method: 'GET', url: `${base}/stations`, headers: as('talent') });
    const stationId = stations.json().items[0].accountId;
    const bad = await t.app.inject({
      method: 'POST',
      url: `${base}/station-consents`,
      headers: as('talent'),
      payload: { stationAccountId: stationId, scope: ['claims'], expiresAt: '2001-01-01T00:00:00Z' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('expiresAt');
    const granted = await t.app.inject({
      method: 'POST',
      url: `${base}/station-consents`,
      headers: as('talent'),
      payload: {
        stationAccountId: stationId,
        scope: ['claims', 'record'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(granted.statusCode).toBe(201);
    const listed = await t.app.inject({
      method: 'GET',
      url: `${base}/station/talents`,
      headers: as('station'),
    });
    expect(listed.json().items.map((c: { talentName: string }) => c.talentName)).toContain('林晓');
    expect(
      (await t.app.inject({ method: 'GET', url: `${base}/station/talents`, headers: as('talent') }))
        .statusCode,
    ).toBe(403);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `${base}/station-consents/${granted.json().id}/revoke`,
      headers: as('talent'),
    });
    expect(revoked.json().active).toBe(false);
    const after = await t.app.inject({
      method: 'GET',
      url: `${base}/station/talents`,
      headers: as('station'),
    });
    expect(after.json().items).toHaveLength(0);
  });
});
