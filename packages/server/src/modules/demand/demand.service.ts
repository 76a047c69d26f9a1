// 人才需求发布 and 聚·人才: enterprises publish demands (reviewed by the district), talents search and
// apply with their record, HR sees applicants ranked by fit with the reasons; the shortage-occupation
// catalogue (紧缺职业工种目录); opted-in talents recommended to employers. Nobody is shown without opting in.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { allowPublic, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { maskName } from '../../lib/mask';
import { segmentForIndex, segmentQuery } from '../../lib/segment';
import { appendAudit } from '../audit/audit.service';
import { chinaDate } from '../policies/policies.service';
import { type Fit, fitOf, type Reason } from './demand.match';
import * as repo from './demand.repo';
import type {
  CreateDemandBody,
  Demand,
  DemandListQuery,
  ShortageBody,
  ShortageItem,
  ShortagePatch,
} from './demand.schema';

type DemandView = z.infer<typeof Demand>;
type ShortageView = z.infer<typeof ShortageItem>;
type ReasonView = { code: string; points: number; max: number; ok: boolean; text: string };

function districtOf(ctx: Ctx): string {
  if (!ctx.district) throw new AppError('not_found', 'not_found');
  return ctx.district;
}

const tx$ = (tx: unknown) => tx as Db;
const SCARCITY_ZH: Record<string, string> = { high: '非常紧缺', medium: '比较紧缺', low: '紧缺' };
const SCARCITY_EN: Record<string, string> = { high: 'very scarce', medium: 'scarce', low: 'in shortage' };

function toDemand(r: repo.DemandRow, catalogue: Map<string, string>): DemandView {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    title: r.title,
    occupation: r.occupation,
    headcount: r.headcount,
    degree: r.degree,
    major: r.major,
    experienceYears: r.experienceYears,
    salaryMin: r.salaryMin,
    salaryMax: r.salaryMax,
    location: r.location,
    deadline: r.deadline,
    description: r.description,
    status: r.status as DemandView['status'],
    reviewNote: r.reviewNote,
    shortage: (catalogue.get(r.occupation) as DemandView['shortage']) ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

const reasonsIn = (reasons: Reason[], lang: 'zh' | 'en'): ReasonView[] =>
  reasons.map((r) => ({ code: r.code, points: r.points, max: r.max, ok: r.ok, text: r[lang] }));

function shortageLabel(scarcity: string | undefined, lang: 'zh' | 'en'): string | null {
  if (!scarcity) return null;
  return lang === 'zh' ? (SCARCITY_ZH[scarcity] ?? scarcity) : (SCARCITY_EN[scarcity] ?? scarcity);
}

// ---------------------------------------------------------------- demands

/** HR publishes a demand for their enterprise; it waits for the district's review. */
export async function createDemand(ctx: Ctx, body: z.infer<typeof CreateDemandBody>): Promise<DemandView> {
  const actor = authorize(ctx, 'demand:publish');
  const district = districtOf(ctx);
  const enterpriseId = await repo.findEnterpriseOf(ctx.db, actor.accountId);
  if (enterpriseId === undefined) {
    throw new AppError('forbidden', { zh: '您的账号未关联企业', en: 'Your account acts for no enterprise' });
  }
  if (body.deadline && body.deadline < chinaDate(ctx.now())) {
    throw new AppError(
      'validation_failed',
      { zh: '截止日期不能早于今天', en: 'The deadline cannot be in the past' },
      { field: 'deadline' },
    );
  }
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertDemand(tx$(tx), {
      district,
      enterpriseId,
      title: body.title,
      occupation: body.occupation,
      headcount: body.headcount,
      degree: body.degree ?? null,
      major: body.major ?? null,
      experienceYears: body.experienceYears ?? null,
      salaryMin: body.salaryMin ?? null,
      salaryMax: body.salaryMax ?? null,
      location: body.location ?? null,
      deadline: body.deadline ?? null,
      description: body.description ?? '',
      status: 'pending',
      createdBy: actor.username,
      bodySeg: segmentForIndex(
        [body.title, body.title, body.occupation, body.major, body.location, body.description]
          .filter(Boolean)
          .join('\n'),
      ),
    });
    await appendAudit(ctx, tx$(tx), {
      action: 'demand.create',
      object: `demand:${newId}`,
      outcome: 'success',
      details: { title: body.title },
    });
    return newId;
  });
  return getDemandRow(ctx, district, id);
}

async function getDemandRow(ctx: Ctx, district: string, id: number): Promise<DemandView> {
  const row = await repo.findDemand(ctx.db, district, id);
  if (!row) throw new AppError('not_found', { zh: '找不到该需求', en: 'No such demand' }, { demandId: id });
  return toDemand(row, await repo.publishedCatalogue(ctx.db, district));
}

/** Who may see a demand: published ones everyone browsing; others only its enterprise's HR and the admin. */
async function visibleDemand(ctx: Ctx, id: number): Promise<repo.DemandRow> {
  const actor = authorize(ctx, 'demand:browse');
  const district = districtOf(ctx);
  const row = await repo.findDemand(ctx.db, district, id);
  const notFound = () =>
    new AppError('not_found', { zh: '找不到该需求', en: 'No such demand' }, { demandId: id });
  if (!row) throw notFound();
  if (row.status === 'published' || actor.role === 'admin') return row;
  if (
    actor.role === 'enterprise' &&
    (await repo.findEnterpriseOf(ctx.db, actor.accountId)) === row.enterpriseId
  )
    return row;
  throw notFound();
}

export async function getDemand(ctx: Ctx, id: number): Promise<DemandView> {
  const row = await visibleDemand(ctx, id);
  return toDemand(row, await repo.publishedCatalogue(ctx.db, row.district));
}

/** Browse and search (Chinese words): talents see published, open demands; HR also their own; the admin all. */
export async function listDemands(
  ctx: Ctx,
  q: z.infer<typeof DemandListQuery>,
): Promise<{ items: DemandView[]; total: number }> {
  const actor = authorize(ctx, 'demand:browse');
  const district = districtOf(ctx);
  const filter: repo.DemandFilter = {
    district,
    occupation: q.occupation,
    tokens: q.q ? segmentQuery(q.q) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  };
  if (actor.role === 'admin') {
    if (q.status) filter.statuses = [q.status];
  } else if (actor.role === 'enterprise' && q.mine === 'true') {
    const enterpriseId = await repo.findEnterpriseOf(ctx.db, actor.accountId);
    if (enterpriseId === undefined) return { items: [], total: 0 };
    filter.enterpriseId = enterpriseId;
    if (q.status) filter.statuses = [q.status];
  } else {
    filter.statuses = ['published'];
    filter.openOn = chinaDate(ctx.now());
  }
  const { rows, total } = await repo.listDemands(ctx.db, filter);
  const catalogue = await repo.publishedCatalogue(ctx.db, district);
  return { items: rows.map((r) => toDemand(r, catalogue)), total };
}

/** The district's review: publish or reject a pending demand. */
export async function reviewDemand(
  ctx: Ctx,
  id: number,
  body: { decision: 'publish' | 'reject'; note?: string | undefined },
): Promise<DemandView> {
  const actor = authorize(ctx, 'demand:review');
  const district = districtOf(ctx);
  const row = await repo.findDemand(ctx.db, district, id);
  if (!row) throw new AppError('not_found', { zh: '找不到该需求', en: 'No such demand' }, { demandId: id });
  if (body.decision === 'reject' && !body.note) {
    throw new AppError(
      'validation_failed',
      { zh: '驳回时请填写理由', en: 'Give a reason for rejecting' },
      { field: 'note' },
    );
  }
  const to = body.decision === 'publish' ? 'published' : 'rejected';
  await ctx.db.transaction(async (tx) => {
    const changed = await repo.setDemandStatus(tx$(tx), id, 'pending', to, {
      note: body.note ?? null,
      by: actor.username,
      at: ctx.now(),
    });
    if (!changed) {
      throw new AppError(
        'conflict',
        { zh: '该需求已审核过', en: 'This demand has already been reviewed' },
        { status: row.status },
      );
    }
    await appendAudit(ctx, tx$(tx), {
      action: `demand.${body.decision}`,
      object: `demand:${id}`,
      outcome: 'success',
      details: { note: body.note ?? null },
    });
  });
  return getDemandRow(ctx, district, id);
}

// ---------------------------------------------------------------- talents: recommendations, applying, opt-in

async function myTalent(ctx: Ctx): Promise<number> {
  const actor = ctx.actor;
  const talent = actor ? await repo.findTalentOf(ctx.db, actor.accountId) : undefined;
  if (!talent || talent.district !== ctx.district) {
    throw new AppError('not_found', { zh: '您还没有人才档案', en: 'You have no talent record yet' });
  }
  return talent.id;
}

function fitFor(
  row: repo.DemandRow,
  facts: Record<string, unknown>,
  today: string,
  catalogue: Map<string, string>,
  lang: 'zh' | 'en',
): Fit {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return fitOf(
    {
      occupation: row.occupation,
      degree: row.degree,
      major: row.major,
      experienceYears: row.experienceYears,
    },
    {
      occupation: str(facts.occupation),
      degree: str(facts.degree),
      major: str(facts.major),
      graduationDate: str(facts.graduationDate),
    },
    today,
    shortageLabel(catalogue.get(row.occupation), lang),
  );
}

/** Published, open demands ranked by fit to the signed-in talent, with the reasons. */
export async function recommendDemands(ctx: Ctx) {
  authorize(ctx, 'demand:apply');
  const district = districtOf(ctx);
  const talentId = await myTalent(ctx);
  const today = chinaDate(ctx.now());
  const { rows } = await repo.listDemands(ctx.db, {
    district,
    statuses: ['published'],
    openOn: today,
    limit: 200,
    offset: 0,
  });
  const facts = (await repo.seekerFacts(ctx.db, [talentId])).get(talentId) ?? {};
  const catalogue = await repo.publishedCatalogue(ctx.db, district);
  const applied = await repo.appliedDemandIds(ctx.db, talentId);
  const items = rows
    .map((r) => {
      const fit = fitFor(r, facts, today, catalogue, ctx.lang);
      return {
        demand: toDemand(r, catalogue),
        score: fit.score,
        reasons: reasonsIn(fit.reasons, ctx.lang),
        applied: applied.has(r.id),
      };
    })
    .sort((a, b) => b.score - a.score || b.demand.id - a.demand.id)
    .slice(0, 20);
  return { items, optedIn: await repo.findOptIn(ctx.db, talentId) };
}

/** A talent applies to a published, open demand with their record; the fit is kept with the application. */
export async function applyToDemand(ctx: Ctx, demandId: number, body: { note?: string | undefined }) {
  authorize(ctx, 'demand:apply');
  const district = districtOf(ctx);
  const talentId = await myTalent(ctx);
  const row = await repo.findDemand(ctx.db, district, demandId);
  const today = chinaDate(ctx.now());
  if (row?.status !== 'published')
    throw new AppError('not_found', { zh: '找不到该需求', en: 'No such demand' }, { demandId });
  if (row.deadline && row.deadline < today) {
    throw new AppError(
      'conflict',
      { zh: '该需求已过截止日期', en: 'This demand is past its deadline' },
      { deadline: row.deadline },
    );
  }
  const facts = (await repo.seekerFacts(ctx.db, [talentId])).get(talentId) ?? {};
  const catalogue = await repo.publishedCatalogue(ctx.db, district);
  const fit = fitFor(row, facts, today, catalogue, 'zh');
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertApplication(tx$(tx), {
      district,
      demandId,
      talentId,
      score: fit.score,
      reasons: fit.reasons,
      note: body.note ?? null,
    });
    if (newId === undefined)
      throw new AppError(
        'conflict',
        { zh: '您已申请过该岗位', en: 'You have already applied' },
        { demandId },
      );
    await appendAudit(ctx, tx$(tx), {
      action: 'demand.apply',
      object: `demand:${demandId}`,
      outcome: 'success',
      details: { score: fit.score },
    });
    return newId;
  });
  return { id, demandId, score: fit.score, reasons: reasonsIn(fit.reasons, ctx.lang) };
}

async function ownDemand(ctx: Ctx, demandId: number): Promise<repo.DemandRow> {
  const actor = authorize(ctx, 'demand:applicants');
  const district = districtOf(ctx);
  const row = await repo.findDemand(ctx.db, district, demandId);
  const notFound = () =>
    new AppError('not_found', { zh: '找不到该需求', en: 'No such demand' }, { demandId });
  if (!row) throw notFound();
  if (
    actor.role === 'enterprise' &&
    (await repo.findEnterpriseOf(ctx.db, actor.accountId)) !== row.enterpriseId
  )
    throw notFound();
  return row;
}

/** HR (of the demand's enterprise) or the admin: the applicants, best fit first, names masked. */
export async function listApplicants(ctx: Ctx, demandId: number) {
  await ownDemand(ctx, demandId);
  const rows = await repo.listApplicants(ctx.db, demandId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      talentId: r.talentId,
      name: maskName(r.name),
      score: r.score,
      reasons: reasonsIn(r.reasons as Reason[], ctx.lang),
      note: r.note,
      appliedAt: r.createdAt.toISOString(),
    })),
  };
}

/** HR: opted-in talents who fit the demand (score ≥ 40), best first. Talents who did not opt in never appear. */
export async function listCandidates(ctx: Ctx, demandId: number) {
  const row = await ownDemand(ctx, demandId);
  const today = chinaDate(ctx.now());
  const seekers = await repo.listOptedIn(ctx.db, row.district, 500);
  const facts = await repo.seekerFacts(
    ctx.db,
    seekers.map((s) => s.talentId),
  );
  const catalogue = await repo.publishedCatalogue(ctx.db, row.district);
  const items = seekers
    .map((s) => {
      const fit = fitFor(row, facts.get(s.talentId) ?? {}, today, catalogue, ctx.lang);
      return {
        talentId: s.talentId,
        name: maskName(s.name),
        score: fit.score,
        reasons: reasonsIn(fit.reasons, ctx.lang),
      };
    })
    .filter((c) => c.score >= 40)
    .sort((a, b) => b.score - a.score)
    .slice(0, 50);
  return { items };
}

export async function getOptIn(ctx: Ctx) {
  authorize(ctx, 'demand:apply');
  return { optedIn: await repo.findOptIn(ctx.db, await myTalent(ctx)) };
}

/** A talent opts in (or out) to be recommended to employers. */
export async function setOptIn(ctx: Ctx, optedIn: boolean) {
  authorize(ctx, 'demand:apply');
  const district = districtOf(ctx);
  const talentId = await myTalent(ctx);
  await ctx.db.transaction(async (tx) => {
    await repo.saveOptIn(tx$(tx), talentId, district, optedIn, ctx.now());
    await appendAudit(ctx, tx$(tx), {
      action: optedIn ? 'jobseeker.opt_in' : 'jobseeker.opt_out',
      object: `talent:${talentId}`,
      outcome: 'success',
    });
  });
  return { optedIn };
}

// ---------------------------------------------------------------- shortage catalogue

const toShortage = (r: repo.ShortageRow): ShortageView => ({
  id: r.id,
  year: r.year,
  code: r.code,
  occupation: r.occupation,
  category: r.category,
  scarcity: r.scarcity as ShortageView['scarcity'],
  status: r.status as ShortageView['status'],
  note: r.note,
});

/** The published catalogue (anyone); administrators may ask for drafts too. */
export async function listShortage(
  ctx: Ctx,
  q: { year?: number | undefined; all?: 'true' | 'false' | undefined },
) {
  allowPublic('shortage:read');
  const district = districtOf(ctx);
  const admin = ctx.actor?.role === 'admin' && ctx.actor.district === district;
  const rows = await repo.listShortage(ctx.db, district, {
    year: q.year,
    publishedOnly: !(admin && q.all === 'true'),
  });
  return { items: rows.map(toShortage) };
}

/** Adds (or replaces, as a draft) one occupation of a year's catalogue. */
export async function saveShortage(ctx: Ctx, body: z.infer<typeof ShortageBody>): Promise<ShortageView> {
  const actor = authorize(ctx, 'shortage:manage');
  const district = districtOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.upsertShortage(tx$(tx), {
      district,
      year: body.year,
      occupation: body.occupation,
      code: body.code ?? null,
      category: body.category ?? null,
      scarcity: body.scarcity,
      note: body.note ?? null,
      updatedBy: actor.username,
      at: ctx.now(),
    });
    await appendAudit(ctx, tx$(tx), {
      action: 'shortage.save',
      object: `shortage:${row.id}`,
      outcome: 'success',
      details: { occupation: body.occupation, year: body.year },
    });
    return toShortage(row);
  });
}

export async function editShortage(
  ctx: Ctx,
  id: number,
  patch: z.infer<typeof ShortagePatch>,
): Promise<ShortageView> {
  const actor = authorize(ctx, 'shortage:manage');
  const district = districtOf(ctx);
  if (!(await repo.findShortage(ctx.db, district, id)))
    throw new AppError('not_found', { zh: '找不到该紧缺职业', en: 'No such catalogue entry' });
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateShortage(tx$(tx), id, {
      ...(patch.occupation !== undefined ? { occupation: patch.occupation } : {}),
      ...(patch.scarcity !== undefined ? { scarcity: patch.scarcity } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      updatedBy: actor.username,
      updatedAt: ctx.now(),
    });
    await appendAudit(ctx, tx$(tx), {
      action: 'shortage.edit',
      object: `shortage:${id}`,
      outcome: 'success',
      details: patch,
    });
    return toShortage(row as repo.ShortageRow);
  });
}

/** Publishes every draft of a year's catalogue. */
export async function publishShortage(ctx: Ctx, year: number) {
  const actor = authorize(ctx, 'shortage:manage');
  const district = districtOf(ctx);
  const published = await ctx.db.transaction(async (tx) => {
    const n = await repo.publishShortageYear(tx$(tx), district, year, actor.username, ctx.now());
    await appendAudit(ctx, tx$(tx), {
      action: 'shortage.publish',
      object: `shortage-year:${year}`,
      outcome: 'success',
      details: { published: n },
    });
    return n;
  });
  return { year, published };
}

const SCARCITY_WORDS: Record<string, 'high' | 'medium' | 'low'> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
  非常紧缺: 'high',
  比较紧缺: 'medium',
  紧缺: 'low',
  一般紧缺: 'low',
};

/** Imports a year's catalogue from an .xlsx sheet (职业名称 / 职业编码 / 类别 / 紧缺程度 / 备注), all as drafts. */
export async function importShortage(ctx: Ctx, year: number, file: Buffer) {
  const actor = authorize(ctx, 'shortage:manage');
  const district = districtOf(ctx);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as never);
  } catch {
    throw new AppError(
      'validation_failed',
      { zh: '文件不是有效的 .xlsx 表格', en: 'The file is not a valid .xlsx workbook' },
      { field: 'file' },
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet)
    throw new AppError(
      'validation_failed',
      { zh: '表格为空', en: 'The workbook is empty' },
      { field: 'file' },
    );
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const cOcc = col('职业名称', '职业', 'occupation');
  const cScar = col('紧缺程度', 'scarcity');
  const cCode = col('职业编码', 'code');
  const cCat = col('类别', '职业类别', 'category');
  const cNote = col('备注', 'note');
  if (cOcc < 0 || cScar < 0) {
    throw new AppError(
      'validation_failed',
      {
        zh: '第一行须有“职业名称”和“紧缺程度”两列',
        en: 'Row 1 must name the columns 职业名称 (occupation) and 紧缺程度 (scarcity)',
      },
      { field: 'file', header },
    );
  }
  const rows: {
    occupation: string;
    scarcity: 'high' | 'medium' | 'low';
    code: string | null;
    category: string | null;
    note: string | null;
  }[] = [];
  const problems: { row: number; message: string }[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const v = r.values as unknown[];
    const cell = (i: number) => (i < 0 ? '' : String(v[i] ?? '').trim());
    const occupation = cell(cOcc);
    if (!occupation) return;
    const scarcity = SCARCITY_WORDS[cell(cScar)];
    if (!scarcity) {
      problems.push({ row: n, message: `紧缺程度“${cell(cScar)}”应为 非常紧缺/比较紧缺/紧缺` });
      return;
    }
    rows.push({
      occupation,
      scarcity,
      code: cell(cCode) || null,
      category: cell(cCat) || null,
      note: cell(cNote) || null,
    });
  });
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      { zh: `有 ${problems.length} 行无法导入`, en: `${problems.length} rows cannot be imported` },
      { problems },
    );
  }
  await ctx.db.transaction(async (tx) => {
    for (const r of rows)
      await repo.upsertShortage(tx$(tx), { district, year, ...r, updatedBy: actor.username, at: ctx.now() });
    await appendAudit(ctx, tx$(tx), {
      action: 'shortage.import',
      object: `shortage-year:${year}`,
      outcome: 'success',
      details: { rows: rows.length },
    });
  });
  return { imported: rows.length, year };
}

/**
 * The `onShortageCatalogue` engine fact of a talent: whether their occupation is on the district's latest
 * published shortage catalogue (undefined when the occupation is not known). For the talent facts loader:
 * `facts.onShortageCatalogue = await onShortageCatalogue(db, talent.district, facts.occupation)`.
 */
export async function onShortageCatalogue(
  db: Db,
  district: string,
  occupation: unknown,
): Promise<boolean | undefined> {
  if (typeof occupation !== 'string' || occupation.trim() === '') return undefined;
  return (await repo.publishedScarcity(db, district, occupation.trim())) !== undefined;
}
