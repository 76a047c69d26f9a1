// Certification over HTTP: who may call what (each role where access differs), validation naming the
// field in the caller's language, idempotent submission, the PDF, and public verification without login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { publishShippedPacks } from '../policies/policies.service';
import { seedCertificationDemo } from './certification.demo';
import * as repo from './certification.repo';

let t: TestApp;
const D = 'wuxing';
const base = `/api/v1/d/${D}`;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp();
  await publishShippedPacks(t.database.db, t.config);
  await seedCertificationDemo(t.database.db, [D]); // what the server does once the packs are published
  for (const role of ['talent', 'enterprise', 'reviewer', 'expert', 'provider', 'station', 'admin'])
    s[role] = await signIn(t.app, `${role}.${D}`);
}, 240_000);
afterAll(() => t.close());

const get = (role: string | null, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...(role ? { cookie: s[role]?.cookie ?? '' } : {}), ...headers },
  });
const post = (role: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { cookie: s[role]?.cookie ?? '', 'x-csrf-token': s[role]?.csrf ?? '', ...headers },
  });

describe('GET /d/{district}/certification/evaluation', () => {
  it('answers the talent their own tier, and refuses experts, providers and stations', async () => {
    const res = await get('talent', `${base}/certification/evaluation`);
    expect(res.statusCode).toBe(200);
    expect(res.json().evaluation).toMatchObject({ tier: 'B', tierName: '国家级领军人才' });
    for (const role of ['expert', 'provider', 'station']) {
      const denied = await get(role, `${base}/certification/evaluation`);
      expect(denied.statusCode, role).toBe(403);
    }
    expect((await get(null, `${base}/certification/evaluation`)).statusCode).toBe(401);
  });

  it('asks reviewers which talent (400 naming talentId, in English on request)', async () => {
    const res = await get('reviewer', `${base}/certification/evaluation`, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'Name the talent (talentId)',
    });
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'talentId' })]);
  });
});

describe('applying, reviewing, the certificate and its verification', () => {
  let caseId = 0;
  it('validates the body and names the field', async () => {
    const res = await post('talent', `${base}/certifications`, { path: 'fast_track', tier: 'B' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(res.json().error.details)).toContain('path');
  });

  it('takes the demo talent’s application once per idempotency key', async () => {
    const key = 'apply-demo-talent-0001';
    const first = await post(
      'talent',
      `${base}/certifications`,
      { path: 'catalogue', tier: 'B' },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(200);
    caseId = first.json().case.id;
    const again = await post(
      'talent',
      `${base}/certifications`,
      { path: 'catalogue', tier: 'B' },
      { 'idempotency-key': key },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().case.id).toBe(caseId);
    // a new key while the case is open: one case at a time
    const other = await post(
      'talent',
      `${base}/certifications`,
      { path: 'catalogue', tier: 'B' },
      { 'idempotency-key': 'apply-demo-talent-0002' },
    );
    expect(other.statusCode).toBe(409);
  });

  it('lets only the reviewer review, and only the reviewer’s queue show it', async () => {
    for (const role of ['talent', 'enterprise', 'admin', 'expert']) {
      const res = await post(role, `${base}/certifications/${caseId}/review`, { decision: 'approve' });
      expect(res.statusCode, role).toBe(403);
    }
    const queue = await get('reviewer', `${base}/certifications?status=department_review&pageSize=100`);
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(caseId);
    const detail = await get('reviewer', `${base}/certifications/${caseId}`);
    expect(detail.json()).toMatchObject({ actions: { review: true, download: false }, panel: null });
    expect(detail.json().explanation.tier).toBe('B');
    const done = await post('reviewer', `${base}/certifications/${caseId}/review`, { decision: 'approve' });
    expect(done.statusCode).toBe(200);
    expect(done.json().case).toMatchObject({ status: 'approved', tier: 'B' });
  });

  it('serves the holder the certificate PDF, and nobody else’s', async () => {
    const pdf = await get('talent', `${base}/certifications/${caseId}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get('reviewer', `${base}/certifications/${caseId}/certificate.pdf`)).statusCode).toBe(403);
    expect((await get('expert', `${base}/certifications/${caseId}/certificate.pdf`)).statusCode).toBe(403);
    const other = await signIn(t.app, 'talent.chaoyang');
    const cross = await t.app.inject({
      method: 'GET',
      url: `${base}/certifications/${caseId}/certificate.pdf`,
      headers: { cookie: other.cookie },
    });
    expect(cross.statusCode).toBe(403);
  });

  it('verifies a certificate without signing in, masking the name and never showing an ID number', async () => {
    const detail = (await get('talent', `${base}/certifications/${caseId}`)).json();
    const no = detail.case.certificateNo;
    const res = await get(null, `/api/v1/certificates/${no}/verify`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'valid', statusLabel: '有效', holder: '林*', tier: 'B' });
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
    const missing = await get(null, '/api/v1/certificates/RC-WUXING-1999-000001-ZZZZ/verify', {
      'accept-language': 'en',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('No certificate with this number; check it');
    expect((await get(null, '/api/v1/certificates/not%20a%20number/verify')).statusCode).toBe(400);
    const home = await get('talent', `${base}/certification/current`);
    expect(home.json().certification).toMatchObject({ tier: 'B', current: true });
    expect(home.json().daysLeft).toBeGreaterThan(365 * 4);
  });
});

describe('expert tasks', () => {
  it('shows expert.<district> their demo committee case by code, and 403 for a code not theirs', async () => {
    const tasks = await get('expert', `${base}/expert-tasks`);
    expect(tasks.statusCode).toBe(200);
    const code = tasks.json().items[0].caseCode;
    const task = await get('expert', `${base}/expert-tasks/${code}`);
    expect(task.statusCode).toBe(200);
    expect(task.json()).not.toHaveProperty('talent');
    expect(task.body).not.toContain('示范科技');
    // a case whose panel leaves expert.<district> out
    const me = await repo.findAccountByUsername(t.database.db, `expert.${D}`);
    const { rows } = await repo.listCases(t.database.db, { district: D, limit: 500, offset: 0 });
    const notMine: string[] = [];
    for (const r of rows)
      if (!(await repo.isOnPanel(t.database.db, r.cert.id, me?.id ?? 0))) notMine.push(r.file.caseCode);
    const foreign = notMine.find((c) => c !== code);
    expect(foreign).toBeDefined();
    expect((await get('expert', `${base}/expert-tasks/${foreign}`)).statusCode).toBe(403);
    expect((await get('talent', `${base}/expert-tasks`)).statusCode).toBe(403);
    expect((await get('admin', `${base}/expert-tasks/${code}`)).statusCode).toBe(403);
  });
});

describe('administration', () => {
  it('lets only the admin read the expert pool and set quotas', async () => {
    const pool = await get('admin', `${base}/experts`);
    expect(pool.statusCode).toBe(200);
    expect(pool.json().items.length).toBeGreaterThanOrEqual(7);
    for (const role of ['talent', 'enterprise', 'reviewer', 'expert'])
      expect((await get(role, `${base}/experts`)).statusCode, role).toBe(403);
    const bad = await post('admin', `${base}/certification/quotas`, {
      enterpriseId: 1,
      year: 2026,
      maxTier: 'Q',
      total: 2,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'maxTier' })]);
  });
});
