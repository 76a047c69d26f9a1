// Demand and jobs over HTTP: HR publishes, the admin reviews, the talent searches, is recommended and
// applies, HR sees applicants ranked with reasons; opt-in for candidates; the shortage catalogue.

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { onShortageCatalogue } from './demand.service';

let t: TestApp;
let hr: Session;
let admin: Session;
let talent: Session;
let otherHr: Session;
let talentId: number;
const base = '/api/v1/d/wuxing';
const h = (s: Session, extra: Record<string, string> = {}) => ({
  cookie: s.cookie,
  'x-csrf-token': s.csrf,
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  hr = await signIn(t.app, 'enterprise.wuxing');
  admin = await signIn(t.app, 'admin.wuxing');
  talent = await signIn(t.app, 'talent.wuxing');
  otherHr = await signIn(t.app, 'enterprise.jingan');
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`SELECT t.id::int AS id FROM talents t JOIN accounts a ON a.id = t.account_id WHERE a.username = 'talent.wuxing'`,
  );
  talentId = Number(row?.id);
  await t.database.db.execute(
    sql`INSERT INTO talent_facts (talent_id, name, value, source, updated_by)
        VALUES (${talentId}, 'occupation', '"材料研发工程师"'::jsonb, 'self', 'test')
        ON CONFLICT (talent_id, name) DO UPDATE SET value = excluded.value`,
  );
});
afterAll(() => t.close());

const demandBody = {
  title: '新材料研发工程师（高分子方向）',
  occupation: '材料研发工程师',
  headcount: 3,
  degree: 'master',
  major: '材料科学',
  experienceYears: 3,
  salaryMin: 15000,
  salaryMax: 25000,
  location: '吴兴科技创业园',
  deadline: '2099-12-31',
  description: '负责高分子复合材料研发与中试。',
};
let demandId: number;

describe('publishing and review', () => {
  it('lets HR publish a demand that waits for review, unseen by talents', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/demands`,
      headers: h(hr),
      payload: demandBody,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', enterpriseName: '示范科技有限公司', headcount: 3 });
    demandId = res.json().id;
    const asTalent = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}`,
      headers: h(talent),
    });
    expect(asTalent.statusCode).toBe(404);
    const adminList = await t.app.inject({
      method: 'GET',
      url: `${base}/demands?status=pending`,
      headers: h(admin),
    });
    expect(adminList.json().items.map((d: { id: number }) => d.id)).toContain(demandId);
  });

  it('validates the post, naming the field', async () => {
    const zero = await t.app.inject({
      method: 'POST',
      url: `${base}/demands`,
      headers: h(hr),
      payload: { ...demandBody, headcount: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json().error.details)).toContain('headcount');
    const salary = await t.app.inject({
      method: 'POST',
      url: `${base}/demands`,
      headers: h(hr),
      payload: { ...demandBody, salaryMin: 30000, salaryMax: 20000 },
    });
    expect(salary.statusCode).toBe(400);
    expect(JSON.stringify(salary.json().error.details)).toContain('salaryMax');
    const past = await t.app.inject({
      method: 'POST',
      url: `${base}/demands`,
      headers: h(hr, { 'accept-language': 'en' }),
      payload: { ...demandBody, deadline: '2001-01-01' },
    });
    expect(past.json().error.message).toBe('The deadline cannot be in the past');
    const byTalent = await t.app.inject({
      method: 'POST',
      url: `${base}/demands`,
      headers: h(talent),
      payload: demandBody,
    });
    expect(byTalent.statusCode).toBe(403);
  });

  it('lets only the admin review, once', async () => {
    const byHr = await t.app.inject({
      method: 'POST',
      url: `${base}/demands/${demandId}/review`,
      headers: h(hr),
      payload: { decision: 'publish' },
    });
    expect(byHr.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: `${base}/demands/${demandId}/review`,
      headers: h(admin),
      payload: { decision: 'publish' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('published');
    const again = await t.app.inject({
      method: 'POST',
      url: `${base}/demands/${demandId}/review`,
      headers: h(admin),
      payload: { decision: 'reject', note: '重复' },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('the shortage catalogue', () => {
  it('publishes a drafted occupation, and the engine fact follows it', async () => {
    const year = new Date().getFullYear();
    const saved = await t.app.inject({
      method: 'POST',
      url: `${base}/shortage-occupations`,
      headers: h(admin),
      payload: { year, occupation: '材料研发工程师', scarcity: 'high', category: '专业技术人员' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().status).toBe('draft'); // an edit is a draft until the year is published again
    expect(await onShortageCatalogue(t.database.db, 'wuxing', '材料研发工程师')).toBe(false);
    const occupations = async () =>
      (await t.app.inject({ method: 'GET', url: `${base}/shortage-occupations` }))
        .json()
        .items.map((i: { occupation: string }) => i.occupation);
    expect(await occupations()).not.toContain('材料研发工程师');
    const pub = await t.app.inject({
      method: 'POST',
      url: `${base}/shortage-occupations/publish`,
      headers: h(admin),
      payload: { year },
    });
    expect(pub.json()).toEqual({ year, published: 1 });
    expect(await occupations()).toContain('材料研发工程师');
    expect(await onShortageCatalogue(t.database.db, 'wuxing', '材料研发工程师')).toBe(true);
    expect(await onShortageCatalogue(t.database.db, 'wuxing', '厨师')).toBe(false);
    expect(await onShortageCatalogue(t.database.db, 'wuxing', undefined)).toBeUndefined();
  });

  it('imports a year from .xlsx and refuses an unknown scarcity with the row', async () => {
    const sheet = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('目录');
      ws.addRow(['职业编码', '职业名称', '类别', '紧缺程度', '备注']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const good = await t.app.inject({
      method: 'POST',
      url: `${base}/shortage-occupations/import?year=2037`,
      headers: h(admin, { 'content-type': xlsx }),
      payload: await sheet([
        ['6-18-01-01', '数控车工', '技能人员', '非常紧缺', ''],
        ['2-02-10-03', '软件工程师', '专业技术人员', '比较紧缺', '数字经济'],
      ]),
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ imported: 2, year: 2037 });
    const all = await t.app.inject({
      method: 'GET',
      url: `${base}/shortage-occupations?year=2037&all=true`,
      headers: h(admin),
    });
    expect(
      all.json().items.map((i: { occupation: string; scarcity: string }) => [i.occupation, i.scarcity]),
    ).toEqual([
      ['数控车工', 'high'],
      ['软件工程师', 'medium'],
    ]);
    const bad = await t.app.inject({
      method: 'POST',
      url: `${base}/shortage-occupations/import?year=2037`,
      headers: h(admin, { 'content-type': xlsx }),
      payload: await sheet([['', '焊工', '', '很缺', '']]),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems[0].row).toBe(2);
    const byHr = await t.app.inject({
      method: 'POST',
      url: `${base}/shortage-occupations/import?year=2037`,
      headers: h(hr, { 'content-type': xlsx }),
      payload: await sheet([]),
    });
    expect(byHr.statusCode).toBe(403);
  });
});

describe('talents meet the demand', () => {
  it('finds it by a Chinese word and recommends it with its reasons', async () => {
    const search = await t.app.inject({
      method: 'GET',
      url: `${base}/demands?q=${encodeURIComponent('高分子')}`,
      headers: h(talent),
    });
    expect(search.json().items.map((d: { id: number }) => d.id)).toContain(demandId);
    const none = await t.app.inject({
      method: 'GET',
      url: `${base}/demands?q=${encodeURIComponent('厨师')}`,
      headers: h(talent),
    });
    expect(none.json().items.map((d: { id: number }) => d.id)).not.toContain(demandId);
    const rec = await t.app.inject({ method: 'GET', url: `${base}/demands/recommended`, headers: h(talent) });
    expect(rec.statusCode).toBe(200);
    const top = rec.json().items.find((i: { demand: { id: number } }) => i.demand.id === demandId);
    // Same occupation 40, PhD ≥ master 25, graduated 2019 ≥ 3 years 15, 材料科学与工程 ~ 材料科学 15, shortage 5.
    expect(top.score).toBe(100);
    expect(top.reasons.map((r: { code: string }) => r.code)).toEqual([
      'occupation',
      'degree',
      'experience',
      'major',
      'shortage',
    ]);
    expect(top.reasons[0].text).toBe('职业相符：材料研发工程师');
    expect(top.demand.shortage).toBe('high');
  });

  it('lets the talent apply once, and HR see the applicant ranked with masked name and reasons', async () => {
    const apply = await t.app.inject({
      method: 'POST',
      url: `${base}/demands/${demandId}/applications`,
      headers: h(talent),
      payload: {},
    });
    expect(apply.statusCode).toBe(201);
    expect(apply.json().score).toBe(100);
    const twice = await t.app.inject({
      method: 'POST',
      url: `${base}/demands/${demandId}/applications`,
      headers: h(talent),
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
    const list = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}/applicants`,
      headers: h(hr),
    });
    expect(list.statusCode).toBe(200);
    const [first] = list.json().items;
    expect(first).toMatchObject({ talentId, score: 100 });
    expect(first.name).toMatch(/\*/);
    expect(first.reasons).toHaveLength(5);
    const byTalent = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}/applicants`,
      headers: h(talent),
    });
    expect(byTalent.statusCode).toBe(403);
    const byOtherDistrict = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}/applicants`,
      headers: h(otherHr),
    });
    expect(byOtherDistrict.statusCode).toBe(403);
  });

  it('shows a talent to the employer as a candidate only after they opt in', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}/candidates`,
      headers: h(hr),
    });
    expect(before.json().items.map((c: { talentId: number }) => c.talentId)).not.toContain(talentId);
    const opt = await t.app.inject({
      method: 'PUT',
      url: `${base}/job-seeking`,
      headers: h(talent),
      payload: { optedIn: true },
    });
    expect(opt.json()).toEqual({ optedIn: true });
    const after = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}/candidates`,
      headers: h(hr),
    });
    const me = after.json().items.find((c: { talentId: number }) => c.talentId === talentId);
    expect(me).toMatchObject({ score: 100 });
    await t.app.inject({
      method: 'PUT',
      url: `${base}/job-seeking`,
      headers: h(talent),
      payload: { optedIn: false },
    });
    const out = await t.app.inject({
      method: 'GET',
      url: `${base}/demands/${demandId}/candidates`,
      headers: h(hr),
    });
    expect(out.json().items.map((c: { talentId: number }) => c.talentId)).not.toContain(talentId);
  });
});
