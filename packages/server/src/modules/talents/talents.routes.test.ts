// The talent record over HTTP: self-registration and sign-in, de-duplication, the profile's facts and
// their sources, evidence documents, the audited reveal, and the masking of personal data.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { findLeaks } from '../../test/pii-scan';
import { publishShippedPacks } from '../policies/policies.service';
import { makeIdNumber } from './records.seed';

let t: TestApp;
const s: Record<string, Session> = {};
beforeAll(async () => {
  t = await createTestApp();
  await publishShippedPacks(t.database.db, t.config);
  for (const role of ['talent', 'enterprise', 'reviewer', 'admin', 'station', 'expert', 'provider'])
    s[role] = await signIn(t.app, `${role}.wuxing`);
});
afterAll(() => t.close());

const base = '/api/v1/d/wuxing';
const as = (role: string, extra: Record<string, string> = {}) => ({
  cookie: s[role]?.cookie ?? '',
  'x-csrf-token': s[role]?.csrf ?? '',
  ...extra,
});
const NEW_ID = makeIdNumber('330502', '19920815', 421);
const NEW_PHONE = '13912345678';

async function register(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `${base}/talents`, payload: body, headers });
}

describe('POST /d/{district}/talents (stable interface)', () => {
  it('refuses an invalid 身份证号 with 400 validation_failed naming idNumber, in the caller language', async () => {
    const bad = `${NEW_ID.slice(0, 17)}${NEW_ID[17] === '0' ? '1' : '0'}`;
    const res = await register(
      { name: '赵六', idNumber: bad, phone: NEW_PHONE, username: 'zhaoliu', password: 'long-password' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.fields[0].field).toBe('idNumber');
    expect(body.error.message).toMatch(/check character/);
    const zh = await register({
      name: '赵六',
      idNumber: '110105194902300020',
      phone: NEW_PHONE,
      username: 'zhaoliu',
      password: 'long-password',
    });
    expect(zh.json().error.details.fields[0]).toMatchObject({
      field: 'idNumber',
      message: '身份证号中的出生日期不存在',
    });
  });

  it('names every wrong field of a self-registration at once', async () => {
    const res = await register({
      name: '',
      idNumber: NEW_ID,
      phone: '12345',
      username: 'x',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'name',
      'phone',
      'username',
      'password',
    ]);
  });

  it('registers a new talent, derives birth date and gender from the ID, and lets them sign in', async () => {
    const res = await register({
      name: '赵六',
      idNumber: NEW_ID,
      phone: NEW_PHONE,
      username: 'zhaoliu2026',
      password: 'long-password',
    });
    expect(res.statusCode).toBe(201);
    const { talent } = res.json();
    expect(talent).toMatchObject({
      name: '赵六',
      birthDate: '1992-08-15',
      gender: 'male',
      idKind: 'resident',
      hasAccount: true,
    });
    expect(talent.idNumberMasked).toBe(`3${'*'.repeat(16)}${NEW_ID[17]}`);
    expect(talent.phoneMasked).toBe('139****5678');
    expect(res.body).not.toContain(NEW_ID);
    s.newbie = await signIn(t.app, 'zhaoliu2026', 'long-password');
    const me = await t.app.inject({ method: 'GET', url: `${base}/talents/me`, headers: as('newbie') });
    expect(me.statusCode).toBe(200);
    expect(me.json().talent.id).toBe(talent.id);
    const [row] = await queryRows<{ id_number_enc: string }>(
      t.database.db,
      sql`SELECT id_number_enc FROM talents WHERE id = ${talent.id}`,
    );
    expect(row?.id_number_enc).not.toContain(NEW_ID.slice(0, 10));
  });

  it('answers 409 for a second registration of the same ID number in the district', async () => {
    const res = await register({
      name: '赵六',
      idNumber: NEW_ID,
      phone: NEW_PHONE,
      username: 'zhaoliu-again',
      password: 'long-password',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.fields[0].field).toBe('idNumber');
    const byHr = await register({ name: '赵六', idNumber: NEW_ID }, as('enterprise'));
    expect(byHr.statusCode).toBe(409);
  });

  it('accepts a permanent-residence number starting with 9 as a foreign national', async () => {
    const id = makeIdNumber('933000', '19850101', 12);
    const res = await register({ name: 'Anna Schmidt', idNumber: id }, as('admin'));
    expect(res.statusCode).toBe(201);
    expect(res.json().talent).toMatchObject({
      idKind: 'permanent_resident',
      gender: 'female',
      hasAccount: false,
    });
  });

  it('lets a service station register a consenting talent, but not an expert or provider', async () => {
    const ok = await register(
      { name: '钱七', idNumber: makeIdNumber('330502', '19900101', 77) },
      as('station'),
    );
    expect(ok.statusCode).toBe(201);
    for (const role of ['expert', 'provider', 'talent']) {
      const res = await register(
        { name: '钱七', idNumber: makeIdNumber('330502', '19900101', 79) },
        as(role),
      );
      expect(res.statusCode, role).toBe(403);
    }
  });
});

describe('the profile', () => {
  let talentId: number;
  beforeAll(async () => {
    talentId = (
      await t.app.inject({ method: 'GET', url: `${base}/talents/me`, headers: as('newbie') })
    ).json().talent.id;
  });

  it('offers the district catalogue honours with Chinese labels', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/talents/profile-options`,
      headers: as('newbie'),
    });
    expect(res.statusCode).toBe(200);
    const { honours, sections } = res.json();
    expect(honours).toContainEqual({ value: 'national_talent_programme', label: '国家级重大人才工程入选者' });
    expect(honours).toContainEqual({ value: 'academician', label: '两院院士' });
    const degree = sections
      .find((x: { id: string }) => x.id === 'education')
      .fields.find((f: { name: string }) => f.name === 'degree');
    expect(degree.options).toContainEqual({ value: 'phd', label: '博士' });
  });

  it('stores self-declared facts, refuses wrong types and managed facts naming the field', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: `${base}/talents/${talentId}/facts`,
      headers: as('newbie', { 'accept-language': 'en' }),
      payload: {
        facts: { degree: 'doctor', socialInsuranceMonths: 'many', tier: 'A', schoolName: 'x'.repeat(101) },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['facts.degree', 'facts.schoolName', 'facts.socialInsuranceMonths', 'facts.tier']);
    const res = await t.app.inject({
      method: 'PUT',
      url: `${base}/talents/${talentId}/facts`,
      headers: as('newbie'),
      payload: {
        facts: {
          degree: 'phd',
          schoolName: '浙江大学',
          graduationDate: '2020-06-30',
          honours: ['national_talent_programme'],
          socialInsuranceMonths: 24,
        },
      },
    });
    expect(res.statusCode).toBe(200);
    const facts = Object.fromEntries(
      res.json().facts.map((f: { name: string; source: string }) => [f.name, f.source]),
    );
    expect(facts).toMatchObject({ degree: 'self', schoolName: 'self', honours: 'self' });
  });

  it('a department verifies a fact; a self-declared change resets it to self, restating it does not', async () => {
    const verify = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${talentId}/facts/verify`,
      headers: as('reviewer'),
      payload: { names: ['degree', 'graduationDate'] },
    });
    expect(verify.statusCode).toBe(200);
    const source = (body: { facts: { name: string; source: string }[] }, n: string) =>
      body.facts.find((f) => f.name === n)?.source;
    expect(source(verify.json(), 'degree')).toBe('department');
    const same = await t.app.inject({
      method: 'PUT',
      url: `${base}/talents/${talentId}/facts`,
      headers: as('newbie'),
      payload: { facts: { degree: 'phd' } },
    });
    expect(source(same.json(), 'degree')).toBe('department');
    const changed = await t.app.inject({
      method: 'PUT',
      url: `${base}/talents/${talentId}/facts`,
      headers: as('newbie'),
      payload: { facts: { graduationDate: '2021-06-30' } },
    });
    expect(source(changed.json(), 'graduationDate')).toBe('self');
    expect(source(changed.json(), 'degree')).toBe('department');
    const talentVerify = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${talentId}/facts/verify`,
      headers: as('newbie'),
      payload: { names: ['degree'] },
    });
    expect(talentVerify.statusCode).toBe(403);
  });

  it('keeps display-only fields out of the engine facts, which the engine accepts', async () => {
    const { loadTalentFacts } = await import('./talents.facts');
    const { checkFacts } = await import('@rencai/engine');
    const { findActivePack } = await import('../policies/pack-cache');
    const facts = await loadTalentFacts(t.database.db, talentId, new Date());
    expect(facts).toMatchObject({ degree: 'phd', birthDate: '1992-08-15', tier: 'NONE' });
    expect(facts).not.toHaveProperty('schoolName');
    const active = await findActivePack(t.database.db, 'wuxing');
    expect(checkFacts(active?.pack.pack.schema ?? {}, 'talent', facts ?? {})).toEqual([]);
  });

  it('refuses another talent and the HR of another employer', async () => {
    const other = await t.app.inject({
      method: 'GET',
      url: `${base}/talents/${talentId}`,
      headers: as('talent'),
    });
    expect(other.statusCode).toBe(403);
    const hr = await t.app.inject({
      method: 'GET',
      url: `${base}/talents/${talentId}`,
      headers: as('enterprise'),
    });
    expect(hr.statusCode).toBe(403);
    const reviewer = await t.app.inject({
      method: 'GET',
      url: `${base}/talents/${talentId}`,
      headers: as('reviewer'),
    });
    expect(reviewer.statusCode).toBe(200);
    const jingan = await signIn(t.app, 'admin.jingan');
    const cross = await t.app.inject({
      method: 'GET',
      url: `${base}/talents/${talentId}`,
      headers: { cookie: jingan.cookie },
    });
    expect(cross.statusCode).toBe(403);
  });

  it('claims an employment by credit code; the employer confirms it and then sees the talent', async () => {
    const mine = (
      await t.app.inject({ method: 'GET', url: `${base}/enterprises/mine`, headers: as('enterprise') })
    ).json();
    const bad = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${talentId}/employments`,
      headers: as('newbie'),
      payload: { creditCode: `${mine.creditCode.slice(0, 17)}Y`, startDate: '2024-03-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('creditCode');
    const claim = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${talentId}/employments`,
      headers: as('newbie'),
      payload: { creditCode: mine.creditCode, startDate: '2024-03-01', contractYears: 5, position: '研究员' },
    });
    expect(claim.statusCode).toBe(201);
    expect(claim.json().status).toBe('pending');
    const again = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${talentId}/employments`,
      headers: as('newbie'),
      payload: { enterpriseId: mine.id, startDate: '2024-03-01' },
    });
    expect(again.statusCode).toBe(409);
    const register = (
      await t.app.inject({
        method: 'GET',
        url: `${base}/enterprises/${mine.id}/register?status=pending`,
        headers: as('enterprise'),
      })
    ).json();
    const entry = register.items.find((i: { talentId: number }) => i.talentId === talentId);
    expect(entry).toMatchObject({ status: 'pending', name: '赵六' });
    const decide = await t.app.inject({
      method: 'POST',
      url: `${base}/enterprises/${mine.id}/employments/${entry.employmentId}/decision`,
      headers: as('enterprise'),
      payload: { decision: 'confirm' },
    });
    expect(decide.statusCode).toBe(200);
    expect(decide.json().status).toBe('confirmed');
    const twice = await t.app.inject({
      method: 'POST',
      url: `${base}/enterprises/${mine.id}/employments/${entry.employmentId}/decision`,
      headers: as('enterprise'),
      payload: { decision: 'reject' },
    });
    expect(twice.statusCode).toBe(409);
    const { loadTalentFacts } = await import('./talents.facts');
    expect(await loadTalentFacts(t.database.db, talentId, new Date())).toMatchObject({
      employerInDistrict: true,
      employmentStartDate: '2024-03-01',
      contractYears: 5,
    });
    const hr = await t.app.inject({
      method: 'GET',
      url: `${base}/talents/${talentId}`,
      headers: as('enterprise'),
    });
    expect(hr.statusCode).toBe(200);
  });
});

describe('evidence documents', () => {
  let talentId: number;
  beforeAll(async () => {
    talentId = (
      await t.app.inject({ method: 'GET', url: `${base}/talents/me`, headers: as('newbie') })
    ).json().talent.id;
  });

  function multipart(file: Buffer, fileName: string, fields: Record<string, string>) {
    const boundary = '----rencai-test-boundary';
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return {
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  async function upload(
    role: string,
    file: Buffer,
    name: string,
    fields: Record<string, string> = { kind: 'degree_certificate', facts: 'degree' },
  ) {
    const m = multipart(file, name, fields);
    return t.app.inject({
      method: 'POST',
      url: `${base}/talents/${talentId}/documents`,
      payload: m.payload,
      headers: { ...as(role), ...m.headers },
    });
  }

  it('accepts a PDF by its magic bytes, links it to the fact and stores it once per content hash', async () => {
    const res = await upload('newbie', pdf, '学位证书.pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      mime: 'application/pdf',
      kind: 'degree_certificate',
      facts: ['degree'],
      fileName: '学位证书.pdf',
    });
    const again = await upload('newbie', pdf, 'copy.pdf');
    expect(again.json().sha256).toBe(res.json().sha256);
    const [blobs] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM blobs WHERE sha256 = ${res.json().sha256}`,
    );
    expect(Number(blobs?.n)).toBe(1);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(20),
    ]);
    expect((await upload('newbie', png, 'scan.bin')).json().mime).toBe('image/png');
  });

  it('refuses a file whose bytes are not PDF, JPEG or PNG whatever its name, and one over 10 MB', async () => {
    const fake = await upload('newbie', Buffer.from('MZ this is an executable'), 'certificate.pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.details.fields[0].field).toBe('file');
    const big = await upload('newbie', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.message).toMatch(/10 MB/);
  });

  it('lets the owner and a reviewer download, not another talent', async () => {
    const doc = (await upload('newbie', pdf, 'contract.pdf', { kind: 'contract', facts: '' })).json();
    const own = await t.app.inject({
      method: 'GET',
      url: `${base}/documents/${doc.id}/content`,
      headers: as('newbie'),
    });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.rawPayload.equals(pdf)).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${base}/documents/${doc.id}/content`,
          headers: as('reviewer'),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${base}/documents/${doc.id}/content`,
          headers: as('talent'),
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('personal data', () => {
  it('reveals the full ID number only to privileged roles, and audits each reveal', async () => {
    const me = (
      await t.app.inject({ method: 'GET', url: `${base}/talents/me`, headers: as('newbie') })
    ).json();
    const denied = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${me.talent.id}/reveal`,
      headers: as('newbie'),
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/talents/${me.talent.id}/reveal`,
      headers: as('admin'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: NEW_ID, phone: NEW_PHONE });
    const audit = await queryRows<{ action: string; object: string; details: unknown }>(
      t.database.db,
      sql`SELECT action, object, details FROM audit_log WHERE action = 'talent.reveal'`,
    );
    expect(audit.at(-1)).toMatchObject({ object: `talent:${me.talent.id}` });
    expect(JSON.stringify(audit)).not.toContain(NEW_ID);
  });

  it('no response to a non-privileged role carried a full ID number or phone (and the scanner does catch one)', async () => {
    const nonPrivileged = t.responses.filter((r) => r.role !== 'admin' && r.role !== 'reviewer');
    expect(nonPrivileged.length).toBeGreaterThan(30);
    expect(await findLeaks(t.database.db, t.config, t.responses)).toEqual([]);
    const planted = [{ role: 'talent', method: 'GET', url: '/x', body: JSON.stringify({ id: NEW_ID }) }];
    expect(await findLeaks(t.database.db, t.config, planted)).toHaveLength(1);
  });

  it('never stores a full ID number or phone in the audit log', async () => {
    const rows = await queryRows<{ d: string }>(t.database.db, sql`SELECT details::text AS d FROM audit_log`);
    const text = rows.map((r) => r.d).join('\n');
    expect(text).not.toContain(NEW_ID);
    expect(text).not.toContain(NEW_PHONE);
  });
});
