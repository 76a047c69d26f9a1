// 一企一册 over HTTP: registration by credit code, the administrator's white list and credit status,
// HR adding employees (linking an existing record), the register and its .xlsx export.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { makeCreditCode, makeIdNumber } from '../talents/records.seed';

let t: TestApp;
const s: Record<string, Session> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['talent', 'enterprise', 'reviewer', 'admin', 'expert'])
    s[role] = await signIn(t.app, `${role}.wuxing`);
});
afterAll(() => t.close());

const base = '/api/v1/d/wuxing';
const as = (role: string, extra: Record<string, string> = {}) => ({
  cookie: s[role]?.cookie ?? '',
  'x-csrf-token': s[role]?.csrf ?? '',
  ...extra,
});
const post = (role: string, url: string, payload: unknown, method: 'POST' | 'PATCH' = 'POST') =>
  t.app.inject({ method, url: `${base}${url}`, payload: payload as object, headers: as(role) });
const get = (role: string, url: string, lang = 'zh') =>
  t.app.inject({ method: 'GET', url: `${base}${url}`, headers: as(role, { 'accept-language': lang }) });

describe('POST /d/{district}/enterprises (stable interface)', () => {
  it('refuses an invalid 统一社会信用代码 with 400 validation_failed naming creditCode', async () => {
    for (const code of ['91350100M000100Y44', '91350100M000100I43', '9135010']) {
      const res = await post('admin', '/enterprises', { creditCode: code, name: '测试公司' });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.fields[0].field).toBe('creditCode');
    }
  });

  it('registers an enterprise; a duplicate credit code is a conflict', async () => {
    const code = makeCreditCode('330502', 'MA2B3C4D5');
    const res = await post('admin', '/enterprises', {
      creditCode: code.toLowerCase(),
      name: '湖州新材料有限公司',
      industry: '新材料',
      scale: 'small',
      tags: ['high_tech'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode: code,
      tags: ['high_tech'],
      creditStatus: 'normal',
      whiteListed: false,
    });
    expect((await post('admin', '/enterprises', { creditCode: code, name: '重复' })).statusCode).toBe(409);
  });

  it('lets only the administrator set tags, credit status and the white list', async () => {
    const code = makeCreditCode('330502', 'MA9X8W7U6');
    const hr = await post('enterprise', '/enterprises', {
      creditCode: code,
      name: '某公司',
      whiteListed: true,
    });
    expect(hr.statusCode).toBe(403);
    const mine = (await get('enterprise', '/enterprises/mine')).json();
    const patch = await post('enterprise', `/enterprises/${mine.id}`, { whiteListed: false }, 'PATCH');
    expect(patch.statusCode).toBe(403);
    const admin = await post(
      'admin',
      `/enterprises/${mine.id}`,
      { creditStatus: 'red', whiteListed: true },
      'PATCH',
    );
    expect(admin.json()).toMatchObject({ creditStatus: 'red', whiteListed: true });
    const list = (await get('talent', '/enterprises?creditStatus=red')).json();
    expect(list.items.map((e: { id: number }) => e.id)).toContain(mine.id);
    const { loadEnterpriseFacts } = await import('../talents/talents.facts');
    expect(await loadEnterpriseFacts(t.database.db, mine.id, new Date())).toMatchObject({
      creditStatus: 'red',
      whiteListed: true,
    });
  });
});

describe('employees and the register', () => {
  it('HR adds an employee by name and ID, linking the existing record instead of creating a second', async () => {
    const mine = (await get('enterprise', '/enterprises/mine')).json();
    const id = makeIdNumber('330502', '19950310', 333);
    const existing = await post('admin', '/talents', { name: '孙八', idNumber: id, phone: '13600001111' });
    expect(existing.statusCode).toBe(201);
    const wrongName = await post('enterprise', `/enterprises/${mine.id}/employees`, {
      name: '孙九',
      idNumber: id,
      startDate: '2025-01-01',
    });
    expect(wrongName.statusCode).toBe(400);
    const res = await post('enterprise', `/enterprises/${mine.id}/employees`, {
      name: '孙八',
      idNumber: id,
      startDate: '2025-01-01',
      contractYears: 3,
      position: '工程师',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      created: false,
      talent: { id: existing.json().talent.id },
      employment: { status: 'confirmed' },
    });
    expect(JSON.stringify(res.json())).not.toContain(id);
    const dup = await post('enterprise', `/enterprises/${mine.id}/employees`, {
      name: '孙八',
      idNumber: id,
      startDate: '2025-01-01',
    });
    expect(dup.statusCode).toBe(409);
    const badId = await post('enterprise', `/enterprises/${mine.id}/employees`, {
      name: '孙八',
      idNumber: `${id.slice(0, 5)}${(Number(id[5]) + 1) % 10}${id.slice(6)}`,
      startDate: '2025-01-01',
    });
    expect(badId.json().error.details.fields[0].field).toBe('idNumber');
  });

  it('refuses HR of one enterprise the register of another', async () => {
    const other = (
      await post('admin', '/enterprises', {
        creditCode: makeCreditCode('330502', 'MA7K6J5H4'),
        name: '另一家公司',
      })
    ).json();
    expect((await get('enterprise', `/enterprises/${other.id}/register`)).statusCode).toBe(403);
    expect((await get('admin', `/enterprises/${other.id}/register`)).statusCode).toBe(200);
    expect((await get('talent', `/enterprises/${other.id}/register`)).statusCode).toBe(403);
  });

  it('lists who, tier and certification status, filters, and flags expiring items', async () => {
    const mine = (await get('enterprise', '/enterprises/mine')).json();
    const all = (await get('enterprise', `/enterprises/${mine.id}/register`)).json();
    expect(all.counts.confirmed).toBeGreaterThanOrEqual(25);
    expect(all.counts.pending).toBe(3);
    expect(all.items[0].idNumberMasked).toMatch(/^\d\*{16}[\dX]$/);
    const pending = (await get('enterprise', `/enterprises/${mine.id}/register?status=pending`)).json();
    expect(pending.items).toHaveLength(3);
    const named = (
      await get('enterprise', `/enterprises/${mine.id}/register?q=${encodeURIComponent('林晓')}`)
    ).json();
    expect(named.items).toHaveLength(1);
    expect(named.items[0]).toMatchObject({ name: '林晓', status: 'confirmed', position: '研发总监' });
    expect(typeof named.items[0].tier).toBe('string');
  });

  it('shows the current tier and flags a certification expiring within 90 days', async () => {
    const mine = (await get('enterprise', '/enterprises/mine')).json();
    const entry = (await get('enterprise', `/enterprises/${mine.id}/register?status=confirmed`))
      .json()
      .items.find((i: { name: string }) => i.name !== '林晓');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await t.database.db.execute(
      sql`INSERT INTO certifications (district, talent_id, path, requested_tier, tier, status, submitted_by, valid_from, valid_to)
          VALUES ('wuxing', ${entry.talentId}, 'catalogue', 'D', 'D', 'approved', 'test', ${day(-300)}, ${day(30)})`,
    );
    const expiring = (await get('enterprise', `/enterprises/${mine.id}/register?expiring=true`)).json();
    const found = expiring.items.find((i: { talentId: number }) => i.talentId === entry.talentId);
    expect(found).toMatchObject({
      tier: 'D',
      certificationStatus: 'approved',
      validTo: day(30),
      expiring: [{ kind: 'certification', date: day(30) }],
    });
    const byTier = (await get('enterprise', `/enterprises/${mine.id}/register?tier=D`)).json();
    expect(byTier.items.map((i: { talentId: number }) => i.talentId)).toEqual([entry.talentId]);
  });

  it('exports the filtered register to .xlsx with masked ID numbers, headers in the caller language', async () => {
    const mine = (await get('enterprise', '/enterprises/mine')).json();
    const res = await get('enterprise', `/enterprises/${mine.id}/register.xlsx?status=confirmed`, 'en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toBe('Name');
    const confirmed = (await get('enterprise', `/enterprises/${mine.id}/register?status=confirmed`)).json();
    expect((ws?.rowCount ?? 0) - 1).toBe(confirmed.items.length);
    expect(String(ws?.getRow(2).getCell(2).value)).toMatch(/^\d\*{16}[\dX]$/);
  });
});
