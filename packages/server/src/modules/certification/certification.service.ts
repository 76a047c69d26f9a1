// 分层分类认定: the catalogue evaluated on a talent's record, applications by the seeds' paths (catalogue
// match, 用人单位举荐, 院士/权威专家推荐可提级, 定向配额, 小同行评议 / 人才评审委员会), department review,
// committee panels drawn with conflict-of-interest exclusion, anonymised rubric scoring, the committee's
// decision, certificates with a verifiable QR, revocation and the full history. The pack decides who
// meets a tier; the committee decides what the catalogue cannot.
import { randomInt } from 'node:crypto';
import type { CompiledPack, Lang } from '@rencai/engine';
import { type Actor, allowPublic, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import type { RubricCriterion } from '../../db/tables/certification';
import { AppError } from '../../errors';
import { maskName } from '../../lib/mask';
import { appendAudit } from '../audit/audit.service';
import { type ActivePack, findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { loadTalentFacts } from '../talents/talents.facts';
import {
  type CatalogueEvaluation,
  DEFAULT_VALIDITY_YEARS,
  evaluateCatalogue,
  tierName,
  tierRank,
} from './certification.catalogue';
import {
  checkScores,
  cryptoRandom,
  drawPanel,
  type RandomInt,
  type Rubric,
  weightedTotal,
} from './certification.panel';
import { renderCertificatePdf } from './certification.pdf';
import * as repo from './certification.repo';

export type CertificationPath =
  | 'catalogue'
  | 'employer_nomination'
  | 'expert_recommendation'
  | 'quota'
  | 'committee';
export type CertificationStatus =
  | 'department_review'
  | 'committee_review'
  | 'returned'
  | 'approved'
  | 'rejected'
  | 'revoked';

/** The department whose reviewers handle certification cases (人社局). */
export const CERTIFICATION_DEPARTMENT = 'hr';
/** Days before the end of validity at which the holder is reminded to renew (each window once). */
export const REMINDER_WINDOWS = [90, 30, 7] as const;

const _OPEN: CertificationStatus[] = ['department_review', 'committee_review', 'returned'];

export const pathLabels: Record<CertificationPath, { zh: string; en: string }> = {
  catalogue: { zh: '目录认定', en: 'Catalogue match' },
  employer_nomination: { zh: '用人单位举荐', en: 'Employer nomination' },
  expert_recommendation: { zh: '院士/权威专家推荐', en: 'Expert recommendation' },
  quota: { zh: '定向配额', en: 'Targeted quota' },
  committee: { zh: '小同行评议（人才评审委员会）', en: 'Peer review (talent committee)' },
};

const statusLabels: Record<CertificationStatus, { zh: string; en: string }> = {
  department_review: { zh: '部门审核中', en: 'In department review' },
  committee_review: { zh: '评审委员会评审中', en: 'In committee review' },
  returned: { zh: '已退回补正', en: 'Returned for correction' },
  approved: { zh: '已认定', en: 'Certified' },
  rejected: { zh: '未通过', en: 'Rejected' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

const eventLabels: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '提交申请', en: 'Submitted' },
  resubmitted: { zh: '补正后重新提交', en: 'Resubmitted after correction' },
  returned: { zh: '退回补正', en: 'Returned for correction' },
  department_approved: {
    zh: '部门审核通过，转评审委员会',
    en: 'Passed department review; sent to the committee',
  },
  rejected: { zh: '不予认定', en: 'Rejected' },
  panel_drawn: { zh: '抽取评审专家', en: 'Expert panel drawn' },
  scored: { zh: '专家评分', en: 'Expert scored' },
  scoring_closed: { zh: '评分截止', en: 'Scoring closed' },
  approved: { zh: '予以认定，发放证书', en: 'Certified; certificate issued' },
  revoked: { zh: '撤销认定', en: 'Certification revoked' },
  reminded: { zh: '到期提醒', en: 'Expiry reminder sent' },
};

const label = (t: { zh: string; en: string } | undefined, lang: Lang, fallback: string) =>
  t?.[lang] ?? fallback;

// ---------------------------------------------------------------- helpers

async function activePack(ctx: Ctx, district: string): Promise<ActivePack> {
  const active = await findActivePack(ctx.db, district);
  if (!active)
    throw new AppError(
      'not_found',
      { zh: `区县 ${district} 尚未发布人才目录`, en: `District ${district} has not published its catalogue` },
      { district },
    );
  return active;
}

const districtOf = (ctx: Ctx, actor: Actor) => ctx.district ?? actor.district;

const noTalentRecord = () =>
  new AppError(
    'not_found',
    { zh: '尚未建立人才档案，请先完成登记', en: 'No talent record yet; please register first' },
    { field: 'talentId' },
  );

/**
 * The talent a caller may act on: a talent's own record; HR's confirmed employee; any talent of the
 * district for reviewers and administrators.
 */
async function resolveTalent(ctx: Ctx, actor: Actor, talentId: number | undefined): Promise<repo.TalentRef> {
  const district = districtOf(ctx, actor);
  if (actor.role === 'talent') {
    const own = await repo.findTalentByAccount(ctx.db, actor.accountId);
    if (!own || own.district !== district) throw noTalentRecord();
    if (talentId !== undefined && talentId !== own.id)
      throw new AppError('forbidden', {
        zh: '只能查看本人的认定',
        en: 'You may only see your own certification',
      });
    return own;
  }
  if (talentId === undefined)
    throw new AppError(
      'validation_failed',
      { zh: '请指定人才（talentId）', en: 'Name the talent (talentId)' },
      [{ path: 'talentId', message: 'required' }],
    );
  const talent = await repo.findTalent(ctx.db, talentId);
  if (!talent || talent.district !== district)
    throw new AppError('not_found', { zh: '找不到该人才', en: 'No such talent' }, { talentId });
  if (actor.role === 'enterprise') {
    const enterpriseId = await repo.findMemberEnterprise(ctx.db, actor.accountId);
    const employers = await repo.listCurrentEmployers(ctx.db, talent.id);
    if (enterpriseId === undefined || !employers.includes(enterpriseId))
      throw new AppError('forbidden', {
        zh: '只能为本单位在职人才办理',
        en: 'Only for talents employed by your enterprise',
      });
  }
  return talent;
}

/** Whether the caller may see this case at all (scope on top of the role check). */
async function assertCaseScope(ctx: Ctx, actor: Actor, row: repo.CaseRow): Promise<void> {
  const denied = () =>
    new AppError(
      'forbidden',
      { zh: '无权查看该认定案件', en: 'You may not see this case' },
      { id: row.cert.id },
    );
  if (actor.role === 'talent') {
    if (row.talentAccountId !== actor.accountId) throw denied();
  } else if (actor.role === 'enterprise') {
    const enterpriseId = await repo.findMemberEnterprise(ctx.db, actor.accountId);
    const employers = await repo.listCurrentEmployers(ctx.db, row.cert.talentId);
    if (
      enterpriseId === undefined ||
      (!employers.includes(enterpriseId) && row.file.nominatorId !== enterpriseId)
    )
      throw denied();
  } else if (actor.role === 'reviewer') {
    const dept = await repo.findDepartmentCode(ctx.db, actor.departmentId);
    if (dept !== row.file.departmentCode) throw denied();
  } else if (actor.role !== 'admin') throw denied();
}

async function loadCase(ctx: Ctx, actor: Actor, id: number): Promise<repo.CaseRow> {
  const row = await repo.findCase(ctx.db, districtOf(ctx, actor), id);
  if (!row)
    throw new AppError('not_found', { zh: '找不到该认定案件', en: 'No such certification case' }, { id });
  await assertCaseScope(ctx, actor, row);
  return row;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function isCurrent(cert: repo.CertificationRow, today: string): boolean {
  return (
    cert.status === 'approved' &&
    cert.validFrom !== null &&
    cert.validTo !== null &&
    cert.validFrom <= today &&
    today <= cert.validTo
  );
}

function summary(
  row: repo.CaseRow,
  pack: CompiledPack | undefined,
  lang: Lang,
  today: string,
  nameOf = (n: string) => n,
) {
  const p = pack?.pack;
  const tn = (t: string | null) => (t === null ? null : p ? tierName(p, t, lang) : t);
  const c = row.cert;
  return {
    id: c.id,
    caseCode: row.file.caseCode,
    talent: { id: c.talentId, name: nameOf(row.talentName) },
    path: c.path as CertificationPath,
    pathLabel: label(pathLabels[c.path as CertificationPath], lang, c.path),
    status: c.status as CertificationStatus,
    statusLabel: label(statusLabels[c.status as CertificationStatus], lang, c.status),
    requestedTier: c.requestedTier,
    requestedTierName: tn(c.requestedTier) ?? c.requestedTier,
    catalogueTier: row.file.catalogueTier,
    catalogueTierName: tn(row.file.catalogueTier) ?? row.file.catalogueTier,
    tier: c.tier,
    tierName: tn(c.tier),
    needsCommittee: row.file.needsCommittee,
    submittedBy: c.submittedBy,
    submittedAt: c.submittedAt.toISOString(),
    decidedBy: c.decidedBy,
    decidedAt: iso(c.decidedAt),
    decisionReason: c.decisionReason,
    validFrom: c.validFrom,
    validTo: c.validTo,
    certificateNo: c.certificateNo,
    revokedAt: iso(c.revokedAt),
    revokedReason: c.revokedReason,
    current: isCurrent(c, today),
  };
}

function eventOut(e: repo.EventRow, lang: Lang) {
  return {
    id: e.id,
    certificationId: e.certificationId,
    action: e.action,
    actionLabel: label(eventLabels[e.action], lang, e.action),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: e.actor,
    role: e.role,
    reason: e.reason,
    at: e.at.toISOString(),
  };
}

function rubricOut(r: repo.RubricRow | undefined, lang: Lang) {
  if (!r) return null;
  return {
    id: r.id,
    name: lang === 'zh' ? r.nameZh : r.nameEn,
    scale: r.scale as 'percent' | 'five',
    criteria: r.criteria.map((c) => ({ ...c, name: lang === 'zh' ? c.zh : c.en })),
  };
}

const asRubric = (r: repo.RubricRow): Rubric => ({ scale: r.scale as Rubric['scale'], criteria: r.criteria });

/** Crockford base-32 without look-alikes. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = (n: number) =>
  Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** The anonymous code experts see: two letters of the district and 8 random characters. */
export const newCaseCode = (district: string) => `${district.slice(0, 2).toUpperCase()}-${randomCode(8)}`;

/** Certificate numbers: RC-<DISTRICT>-<year>-<case id>-<4 random> (not guessable from its neighbours). */
export const newCertificateNo = (district: string, year: string, id: number) =>
  `RC-${district.toUpperCase()}-${year}-${String(id).padStart(6, '0')}-${randomCode(4)}`;

/** validFrom plus N years, minus a day (a 5-year certificate from 2026-03-01 ends 2031-02-28). */
export function validUntil(validFrom: string, years: number): string {
  const [y, m, d] = validFrom.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0); // 29 Feb → 28 Feb
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * The calendar day of validity checks: the same (UTC) day as talents.facts' findCurrentCertification, so a
 * certificate is current for the engine exactly when it is current here.
 */
export const validityDay = (at: Date) => at.toISOString().slice(0, 10);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Both languages' explanations of the catalogue for a talent, kept with the case at submission. */
async function explainBoth(ctx: Ctx, active: ActivePack, talentId: number, asOf: string) {
  const facts = (await loadTalentFacts(ctx.db, talentId, ctx.now())) ?? {};
  return {
    zh: evaluateCatalogue(active.pack, facts, asOf, 'zh'),
    en: evaluateCatalogue(active.pack, facts, asOf, 'en'),
  };
}

type Explained = { zh: CatalogueEvaluation; en: CatalogueEvaluation };

// ---------------------------------------------------------------- the catalogue

/** The tier a talent qualifies for by the district's catalogue, every tier explained, the missing facts. */
export async function evaluateTalent(ctx: Ctx, input: { talentId?: number | undefined }) {
  const actor = authorize(ctx, 'certification:evaluate');
  const district = districtOf(ctx, actor);
  const talent = await resolveTalent(ctx, actor, input.talentId);
  const active = await activePack(ctx, district);
  const facts = (await loadTalentFacts(ctx.db, talent.id, ctx.now())) ?? {};
  const asOf = chinaDate(ctx.now());
  return {
    talent: { id: talent.id, name: talent.name },
    evaluation: evaluateCatalogue(active.pack, facts, asOf, ctx.lang),
    packVersion: { version: active.version, label: active.label },
    tiers: active.pack.pack.tiers.map((t) => ({ id: t.id, name: t.name[ctx.lang] })),
  };
}

/** A talent's current certification (approved, unrevoked, valid today) for the home page. */
export async function getCurrentCertification(ctx: Ctx, input: { talentId?: number | undefined }) {
  const actor = authorize(ctx, 'certification:read');
  const district = districtOf(ctx, actor);
  let talent: repo.TalentRef;
  try {
    talent = await resolveTalent(ctx, actor, input.talentId);
  } catch (err) {
    // A talent who has not registered yet simply has no certification.
    if (actor.role === 'talent' && err instanceof AppError && err.code === 'not_found')
      return { talentId: null, certification: null, daysLeft: null, entitlements: [] };
    throw err;
  }
  const today = validityDay(ctx.now());
  const { rows } = await repo.listCases(ctx.db, {
    district,
    talentIds: [talent.id],
    statuses: ['approved'],
    limit: 100,
    offset: 0,
  });
  const current = rows
    .filter((r) => isCurrent(r.cert, today))
    .sort(
      (a, b) => (b.cert.validFrom ?? '').localeCompare(a.cert.validFrom ?? '') || b.cert.id - a.cert.id,
    )[0];
  const pack = (await findActivePack(ctx.db, district))?.pack;
  if (!current) return { talentId: talent.id, certification: null, daysLeft: null, entitlements: [] };
  const tier = pack?.pack.tiers.find((t) => t.id === current.cert.tier);
  return {
    talentId: talent.id,
    certification: summary(current, pack, ctx.lang, today),
    daysLeft: current.cert.validTo ? daysBetween(today, current.cert.validTo) : null,
    entitlements: (tier?.entitlements ?? []).map((e) => e.name[ctx.lang]),
  };
}

// ---------------------------------------------------------------- applying

export type Apply = {
  talentId?: number | undefined;
  path: CertificationPath;
  tier: string;
  documentIds?: number[] | undefined;
  recommenderName?: string | undefined;
  recommenderTitle?: string | undefined;
  statement?: string | undefined;
  enterpriseId?: number | undefined;
};

const invalid = (field: string, zh: string, en: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation_failed', { zh, en }, [{ path: field, message: en, ...extra }]);

/**
 * Applies for certification by a path. The catalogue's answer for the record decides what each path may
 * ask: catalogue match up to the tier met; an expert recommendation one tier above it (提级); employer
 * nomination and quota at the catalogue's tier or, for nominations above it, by committee; the
 * committee path any tier. Committee paths go on from the department to the expert panel.
 */
export async function applyForCertification(ctx: Ctx, input: Apply, idempotencyKey?: string) {
  const actor = authorize(ctx, 'certification:apply');
  const district = districtOf(ctx, actor);
  const lang = ctx.lang;
  if (idempotencyKey) {
    const existing = await repo.findCaseByIdempotencyKey(ctx.db, district, idempotencyKey);
    if (existing) {
      await assertCaseScope(ctx, actor, existing);
      return getCertification(ctx, existing.cert.id);
    }
  }
  const talent = await resolveTalent(ctx, actor, input.talentId);
  const active = await activePack(ctx, district);
  const pack = active.pack.pack;
  if (!pack.tiers.some((t) => t.id === input.tier))
    throw invalid('tier', `目录中没有层次 ${input.tier}`, `The catalogue has no tier ${input.tier}`, {
      tiers: pack.tiers.map((t) => t.id),
    });
  if (input.path === 'employer_nomination' && actor.role !== 'enterprise' && actor.role !== 'admin')
    throw new AppError('forbidden', {
      zh: '用人单位举荐须由用人单位人事办理',
      en: "Employer nomination is made by the employer's HR",
    });
  if (input.path === 'quota' && actor.role !== 'admin')
    throw new AppError('forbidden', {
      zh: '定向配额由区委人才办办理',
      en: 'Quota certifications are made by the talent office',
    });

  const asOf = chinaDate(ctx.now());
  const explained = await explainBoth(ctx, active, talent.id, asOf);
  const catalogueTier = explained.zh.tier;
  const want = tierRank(pack, input.tier);
  const met = tierRank(pack, catalogueTier); // tiers.length when NONE
  const employers = await repo.listCurrentEmployers(ctx.db, talent.id);
  const employerId = employers[0] ?? null;
  let needsCommittee: boolean;
  let nominatorId: number | null = null;
  let quotaId: number | null = null;
  const tierText = (t: string) => tierName(pack, t, lang);

  switch (input.path) {
    case 'catalogue':
      if (want < met)
        throw new AppError(
          'policy_denied',
          catalogueTier === 'NONE'
            ? {
                zh: '按目录尚未达到任何层次，请补充档案信息或选择其他认定方式',
                en: 'The record meets no catalogue tier yet; complete it or choose another path',
              }
            : {
                zh: `按目录只达到「${tierName(pack, catalogueTier, 'zh')}」，不能按目录申请更高层次`,
                en: `The record meets only "${tierName(pack, catalogueTier, 'en')}"; a higher tier needs another path`,
              },
          { catalogueTier, requested: input.tier, missing: explained[lang].missing },
        );
      needsCommittee = false;
      break;
    case 'expert_recommendation': {
      if (!input.recommenderName)
        throw invalid(
          'recommenderName',
          '请填写推荐人（院士或权威专家）',
          'Name the recommender (an academician or authority)',
        );
      if (!input.statement) throw invalid('statement', '请填写推荐意见', 'Give the recommendation statement');
      const highest = Math.max(0, Math.min(met, pack.tiers.length) - 1);
      if (want < highest)
        throw new AppError(
          'policy_denied',
          {
            zh: `专家推荐最多在目录层次基础上提高一级（最高可申请「${tierName(pack, pack.tiers[highest]?.id ?? '', 'zh')}」）`,
            en: `A recommendation raises the catalogue tier by one at most (up to "${tierName(pack, pack.tiers[highest]?.id ?? '', 'en')}")`,
          },
          { catalogueTier, requested: input.tier, highest: pack.tiers[highest]?.id },
        );
      needsCommittee = true;
      break;
    }
    case 'employer_nomination': {
      const enterpriseId =
        actor.role === 'enterprise'
          ? await repo.findMemberEnterprise(ctx.db, actor.accountId)
          : (input.enterpriseId ?? employerId);
      if (enterpriseId === undefined || enterpriseId === null || !employers.includes(enterpriseId))
        throw invalid(
          'enterpriseId',
          '举荐单位须为人才当前的用人单位',
          "The nominating employer must be the talent's current employer",
        );
      nominatorId = enterpriseId;
      needsCommittee = want < met; // above the catalogue's tier: the committee decides
      break;
    }
    case 'quota': {
      const enterpriseId = input.enterpriseId ?? employerId;
      if (enterpriseId === null || !employers.includes(enterpriseId))
        throw invalid(
          'enterpriseId',
          '配额单位须为人才当前的用人单位',
          "The quota's employer must be the talent's current employer",
        );
      const quota = await repo.findQuota(ctx.db, district, enterpriseId, Number(asOf.slice(0, 4)));
      if (!quota || quota.used >= quota.total)
        throw new AppError(
          'conflict',
          { zh: '该单位本年度定向配额已用完或未分配', en: 'The employer has no quota left this year' },
          { enterpriseId, year: Number(asOf.slice(0, 4)), used: quota?.used ?? 0, total: quota?.total ?? 0 },
        );
      if (want < tierRank(pack, quota.maxTier))
        throw new AppError(
          'policy_denied',
          {
            zh: `该配额最高可认定「${tierText(quota.maxTier)}」`,
            en: `This quota grants at most "${tierText(quota.maxTier)}"`,
          },
          { maxTier: quota.maxTier },
        );
      nominatorId = enterpriseId;
      quotaId = quota.id;
      needsCommittee = false;
      break;
    }
    case 'committee':
      needsCommittee = true;
      break;
  }

  const onFile = await repo.listTalentDocuments(ctx.db, talent.id);
  const documentIds = input.documentIds ?? onFile.map((d) => d.id);
  const foreign = documentIds.filter((id) => !onFile.some((d) => d.id === id));
  if (foreign.length)
    throw invalid(
      'documentIds',
      '只能提交本人档案中的材料',
      "Evidence must be the talent's own documents on file",
      { ids: foreign },
    );
  const rubric = needsCommittee ? await repo.findActiveRubric(ctx.db, district) : undefined;

  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.lockTalent(tx, talent.id);
    if ((await repo.countOpenCases(tx, talent.id)) > 0)
      throw new AppError('conflict', {
        zh: '该人才已有办理中的认定申请，请等待结果或补正后再提交',
        en: 'This talent already has a case in progress',
      });
    const cert = await repo.insertCertification(tx, {
      district,
      talentId: talent.id,
      path: input.path,
      requestedTier: input.tier,
      status: 'department_review',
      packVersionId: active.versionId,
      explanation: explained,
      submittedBy: actor.username,
      submittedAt: ctx.now(),
    });
    await repo.insertCaseFile(tx, {
      certificationId: cert.id,
      district,
      caseCode: newCaseCode(district),
      catalogueTier,
      needsCommittee,
      employerId,
      nominatorId,
      quotaId,
      recommenderName: input.recommenderName ?? null,
      recommenderTitle: input.recommenderTitle ?? null,
      statement: input.statement ?? null,
      departmentCode: CERTIFICATION_DEPARTMENT,
      documentIds,
      rubricId: rubric?.id ?? null,
      idempotencyKey: idempotencyKey ?? null,
    });
    await repo.insertEvent(tx, {
      certificationId: cert.id,
      district,
      action: 'submitted',
      fromStatus: null,
      toStatus: 'department_review',
      actor: actor.username,
      role: actor.role,
      details: { path: input.path, tier: input.tier, catalogueTier },
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.apply',
      object: `certification:${cert.id}`,
      outcome: 'success',
      details: { path: input.path, tier: input.tier, catalogueTier, talentId: talent.id, needsCommittee },
    });
    return cert.id;
  });
  return getCertification(ctx, id);
}

/** After a return for correction: the talent (or whoever applied) resubmits; the catalogue is re-evaluated. */
export async function resubmitCertification(
  ctx: Ctx,
  id: number,
  input: { documentIds?: number[] | undefined; note?: string | undefined },
) {
  const actor = authorize(ctx, 'certification:apply');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  if (row.cert.status !== 'returned')
    throw new AppError('conflict', {
      zh: '只有退回补正的申请可以重新提交',
      en: 'Only a returned case can be resubmitted',
    });
  const active = await activePack(ctx, district);
  const explained = await explainBoth(ctx, active, row.cert.talentId, chinaDate(ctx.now()));
  const onFile = await repo.listTalentDocuments(ctx.db, row.cert.talentId);
  const documentIds = input.documentIds ?? onFile.map((d) => d.id);
  if (documentIds.some((d) => !onFile.some((f) => f.id === d)))
    throw invalid(
      'documentIds',
      '只能提交本人档案中的材料',
      "Evidence must be the talent's own documents on file",
    );
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const moved = await repo.transition(tx, id, ['returned'], {
      status: 'department_review',
      explanation: explained,
      packVersionId: active.versionId,
    });
    if (!moved)
      throw new AppError('conflict', { zh: '案件状态已变化，请刷新', en: 'The case changed; reload it' });
    await repo.updateCaseFile(tx, id, { documentIds, catalogueTier: explained.zh.tier });
    await repo.insertEvent(tx, {
      certificationId: id,
      district,
      action: 'resubmitted',
      fromStatus: 'returned',
      toStatus: 'department_review',
      actor: actor.username,
      role: actor.role,
      reason: input.note ?? null,
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.resubmit',
      object: `certification:${id}`,
      outcome: 'success',
    });
  });
  return getCertification(ctx, id);
}

// ---------------------------------------------------------------- reading

/** Cases the caller may see: a talent's own, HR's employees', the reviewer's department queue, all for admins. */
export async function listCertifications(
  ctx: Ctx,
  query: {
    talentId?: number | undefined;
    status?: CertificationStatus | undefined;
    page: number;
    pageSize: number;
  },
) {
  const actor = authorize(ctx, 'certification:read');
  const district = districtOf(ctx, actor);
  let talentIds: number[] | undefined;
  let departmentCode: string | undefined;
  if (actor.role === 'talent') {
    const own = await repo.findTalentByAccount(ctx.db, actor.accountId);
    talentIds = own ? [own.id] : [];
  } else if (actor.role === 'enterprise') {
    const enterpriseId = await repo.findMemberEnterprise(ctx.db, actor.accountId);
    talentIds = enterpriseId === undefined ? [] : await repo.listEmployeeIds(ctx.db, enterpriseId);
  } else if (actor.role === 'reviewer') {
    departmentCode = (await repo.findDepartmentCode(ctx.db, actor.departmentId)) ?? '-';
  }
  if (query.talentId !== undefined)
    talentIds = (talentIds ?? [query.talentId]).filter((t) => t === query.talentId);
  const { rows, total } = await repo.listCases(ctx.db, {
    district,
    talentIds,
    statuses: query.status ? [query.status] : undefined,
    departmentCode,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const pack = (await findActivePack(ctx.db, district))?.pack;
  const today = validityDay(ctx.now());
  return {
    items: rows.map((r) => summary(r, pack, ctx.lang, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One case with its evidence, catalogue explanation, history, and (for administrators) the panel's scores. */
export async function getCertification(ctx: Ctx, id: number) {
  const actor = authorize(ctx, 'certification:read');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  const lang = ctx.lang;
  const pack = (await findActivePack(ctx.db, district))?.pack;
  const today = validityDay(ctx.now());
  const c = row.cert;
  const f = row.file;
  const evidence = await repo.listDocuments(ctx.db, f.documentIds);
  const events = await repo.listEvents(ctx.db, [id]);
  const rubric = f.rubricId ? await repo.findRubric(ctx.db, f.rubricId) : undefined;
  const panelRows = f.needsCommittee ? await repo.listPanel(ctx.db, id) : [];
  const scores = f.needsCommittee ? await repo.listScores(ctx.db, id) : [];
  const average = scores.length
    ? Math.round((scores.reduce((s, x) => s + x.total, 0) / scores.length) * 100) / 100
    : null;
  const allScored =
    panelRows.length > 0 && panelRows.every((p) => scores.some((s) => s.expertAccountId === p.accountId));
  const isAdmin = actor.role === 'admin';
  const enterpriseName = async (eid: number | null) => {
    if (eid === null) return null;
    const e = await repo.findEnterprise(ctx.db, eid);
    return e ? { id: e.id, name: e.name } : null;
  };
  const status = c.status as CertificationStatus;
  const explanation = (c.explanation as Explained | null)?.[lang] ?? null;
  return {
    case: summary(row, pack, lang, today),
    recommender:
      f.recommenderName || f.statement
        ? { name: f.recommenderName, title: f.recommenderTitle, statement: f.statement }
        : null,
    nominator: await enterpriseName(f.nominatorId),
    employer: await enterpriseName(f.employerId),
    evidence: evidence.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    explanation,
    events: events.map((e) => eventOut(e, lang)),
    panel: isAdmin
      ? panelRows.map((p) => {
          const s = scores.find((x) => x.expertAccountId === p.accountId);
          return {
            accountId: p.accountId,
            username: p.username,
            displayName: p.displayName,
            scored: s !== undefined,
            total: s?.total ?? null,
            comment: s?.comment ?? null,
          };
        })
      : null,
    averageScore: isAdmin ? average : null,
    scoringClosed: f.scoringClosedAt !== null,
    rubric: rubricOut(rubric, lang),
    actions: {
      review: actor.role === 'reviewer' && status === 'department_review',
      resubmit: (actor.role === 'talent' || actor.role === 'enterprise' || isAdmin) && status === 'returned',
      drawPanel: isAdmin && status === 'committee_review' && scores.length === 0,
      closeScoring:
        isAdmin &&
        status === 'committee_review' &&
        panelRows.length > 0 &&
        f.scoringClosedAt === null &&
        !allScored,
      decide:
        isAdmin &&
        status === 'committee_review' &&
        scores.length > 0 &&
        (allScored || f.scoringClosedAt !== null),
      revoke: isAdmin && status === 'approved',
      download: status === 'approved' && c.certificateNo !== null && actor.role !== 'reviewer',
    },
  };
}

/** Every case of a talent and every event of them, oldest first: the full history. */
export async function getHistory(ctx: Ctx, input: { talentId?: number | undefined }) {
  const actor = authorize(ctx, 'certification:read');
  const district = districtOf(ctx, actor);
  const talent = await resolveTalent(ctx, actor, input.talentId);
  const { rows } = await repo.listCases(ctx.db, { district, talentIds: [talent.id], limit: 500, offset: 0 });
  const pack = (await findActivePack(ctx.db, district))?.pack;
  const today = validityDay(ctx.now());
  const events = await repo.listEvents(
    ctx.db,
    rows.map((r) => r.cert.id),
  );
  return {
    talent: { id: talent.id, name: talent.name },
    cases: rows.map((r) => summary(r, pack, ctx.lang, today)),
    events: events.map((e) => eventOut(e, ctx.lang)),
  };
}

// ---------------------------------------------------------------- deciding

/** Approves a case in the caller's transaction: tier, validity, certificate number, the quota used. */
async function grant(
  ctx: Ctx,
  tx: Db,
  actor: Actor,
  row: repo.CaseRow,
  from: CertificationStatus,
  tier: string,
  reason: string | null,
  pack: CompiledPack,
): Promise<repo.CertificationRow> {
  const district = row.cert.district;
  const validFrom = validityDay(ctx.now());
  const years = pack.pack.catalogue?.validityYears ?? DEFAULT_VALIDITY_YEARS;
  if (row.file.quotaId !== null && !(await repo.consumeQuota(tx, row.file.quotaId)))
    throw new AppError('conflict', {
      zh: '该单位本年度定向配额已用完',
      en: "The employer's quota for the year is used up",
    });
  const moved = await repo.transition(tx, row.cert.id, [from], {
    status: 'approved',
    tier,
    decidedBy: actor.username,
    decidedAt: ctx.now(),
    decisionReason: reason,
    validFrom,
    validTo: validUntil(validFrom, years),
    certificateNo: newCertificateNo(district, validFrom.slice(0, 4), row.cert.id),
  });
  if (!moved)
    throw new AppError('conflict', {
      zh: '案件已被他人处理，请刷新',
      en: 'Someone else decided this case; reload it',
    });
  await repo.insertEvent(tx, {
    certificationId: row.cert.id,
    district,
    action: 'approved',
    fromStatus: from,
    toStatus: 'approved',
    actor: actor.username,
    role: actor.role,
    reason,
    details: { tier, certificateNo: moved.certificateNo, validTo: moved.validTo },
    at: ctx.now(),
  });
  await appendAudit({ ...ctx, district }, tx, {
    action: 'certification.approve',
    object: `certification:${row.cert.id}`,
    outcome: 'success',
    details: {
      tier,
      certificateNo: moved.certificateNo,
      validFrom,
      validTo: moved.validTo,
      path: row.cert.path,
    },
  });
  return moved;
}

/**
 * The department's review (reviewer of the case's department): approve — final for catalogue paths, on
 * to the committee for committee paths —, reject, or return for correction. A reason is required to
 * reject or return.
 */
export async function reviewCertification(
  ctx: Ctx,
  id: number,
  input: { decision: 'approve' | 'reject' | 'return'; reason?: string | undefined },
) {
  const actor = authorize(ctx, 'certification:review');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  if (row.cert.status !== 'department_review')
    throw new AppError(
      'conflict',
      { zh: '该案件不在部门审核阶段', en: 'The case is not in department review' },
      { status: row.cert.status },
    );
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'approve' && !reason)
    throw invalid('reason', '退回或不予认定须写明理由', 'A reason is required to reject or return');
  const active = await activePack(ctx, district);
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (input.decision === 'approve' && !row.file.needsCommittee) {
      await grant(ctx, tx, actor, row, 'department_review', row.cert.requestedTier, reason, active.pack);
      return;
    }
    const to: CertificationStatus =
      input.decision === 'approve'
        ? 'committee_review'
        : input.decision === 'reject'
          ? 'rejected'
          : 'returned';
    const final = to === 'rejected';
    const moved = await repo.transition(tx, id, ['department_review'], {
      status: to,
      ...(final ? { decidedBy: actor.username, decidedAt: ctx.now(), decisionReason: reason } : {}),
    });
    if (!moved)
      throw new AppError('conflict', {
        zh: '案件已被他人处理，请刷新',
        en: 'Someone else decided this case; reload it',
      });
    const action =
      input.decision === 'approve'
        ? 'department_approved'
        : input.decision === 'reject'
          ? 'rejected'
          : 'returned';
    await repo.insertEvent(tx, {
      certificationId: id,
      district,
      action,
      fromStatus: 'department_review',
      toStatus: to,
      actor: actor.username,
      role: actor.role,
      reason,
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: `certification.review.${input.decision}`,
      object: `certification:${id}`,
      outcome: 'success',
      details: { to, reason },
    });
  });
  return getCertification(ctx, id);
}

/**
 * Draws the committee's expert panel at random from the district's pool, excluding every expert employed
 * by the talent's employer or the nominating employer (回避). Redrawing replaces the panel while nobody
 * has scored yet.
 */
export async function drawCommitteePanel(
  ctx: Ctx,
  id: number,
  input: { size: number },
  random: RandomInt = cryptoRandom,
) {
  const actor = authorize(ctx, 'certification:committee');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  if (row.cert.status !== 'committee_review')
    throw new AppError('conflict', {
      zh: '该案件不在评审委员会阶段',
      en: 'The case is not in committee review',
    });
  const conflicts = new Set<number>(await repo.listCurrentEmployers(ctx.db, row.cert.talentId));
  if (row.file.employerId !== null) conflicts.add(row.file.employerId);
  if (row.file.nominatorId !== null) conflicts.add(row.file.nominatorId);
  const pool = await repo.listPool(ctx.db, district);
  const chosen = drawPanel(pool, conflicts, input.size, random);
  const rubric = row.file.rubricId ? undefined : await repo.findActiveRubric(ctx.db, district);
  if (!row.file.rubricId && !rubric)
    throw new AppError('conflict', { zh: '请先设置评分细则', en: 'Set up the scoring rubric first' });
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if ((await repo.listScores(tx, id)).length > 0)
      throw new AppError('conflict', {
        zh: '已有专家评分，不能重新抽取',
        en: 'Experts have scored; the panel can no longer change',
      });
    await repo.deletePanel(tx, id);
    await repo.insertPanel(tx, id, chosen);
    await repo.updateCaseFile(tx, id, { panelSize: input.size, ...(rubric ? { rubricId: rubric.id } : {}) });
    await repo.insertEvent(tx, {
      certificationId: id,
      district,
      action: 'panel_drawn',
      fromStatus: 'committee_review',
      toStatus: 'committee_review',
      actor: actor.username,
      role: actor.role,
      details: { size: input.size, excludedEmployers: [...conflicts] },
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.panel',
      object: `certification:${id}`,
      outcome: 'success',
      details: { experts: chosen, excludedEmployers: [...conflicts] },
    });
  });
  return getCertification(ctx, id);
}

/** Ends scoring before every expert has scored, so the committee can decide on the scores in. */
export async function closeScoring(ctx: Ctx, id: number) {
  const actor = authorize(ctx, 'certification:committee');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  if (row.cert.status !== 'committee_review' || row.file.scoringClosedAt !== null)
    throw new AppError('conflict', { zh: '该案件当前不能截止评分', en: 'Scoring cannot be closed now' });
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.updateCaseFile(tx, id, { scoringClosedAt: ctx.now() });
    await repo.insertEvent(tx, {
      certificationId: id,
      district,
      action: 'scoring_closed',
      fromStatus: 'committee_review',
      toStatus: 'committee_review',
      actor: actor.username,
      role: actor.role,
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.close_scoring',
      object: `certification:${id}`,
      outcome: 'success',
    });
  });
  return getCertification(ctx, id);
}

/** The committee's decision (administrator), once every panel score is in or scoring was closed. */
export async function decideCommittee(
  ctx: Ctx,
  id: number,
  input: { decision: 'approve' | 'reject'; tier?: string | undefined; reason: string },
) {
  const actor = authorize(ctx, 'certification:committee');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  if (row.cert.status !== 'committee_review')
    throw new AppError('conflict', {
      zh: '该案件不在评审委员会阶段',
      en: 'The case is not in committee review',
    });
  const panel = await repo.listPanel(ctx.db, id);
  const scores = await repo.listScores(ctx.db, id);
  const allScored =
    panel.length > 0 && panel.every((p) => scores.some((s) => s.expertAccountId === p.accountId));
  if (scores.length === 0 || (!allScored && row.file.scoringClosedAt === null))
    throw new AppError(
      'conflict',
      {
        zh: '专家评分尚未完成（可先截止评分）',
        en: 'The panel has not finished scoring (close scoring first)',
      },
      { panel: panel.length, scored: scores.length },
    );
  const active = await activePack(ctx, district);
  const pack = active.pack.pack;
  const tier = input.tier ?? row.cert.requestedTier;
  if (!pack.tiers.some((t) => t.id === tier))
    throw invalid('tier', `目录中没有层次 ${tier}`, `The catalogue has no tier ${tier}`);
  if (tierRank(pack, tier) < tierRank(pack, row.cert.requestedTier))
    throw invalid(
      'tier',
      '认定层次不能高于申请层次',
      'The tier granted cannot be above the tier applied for',
    );
  const average = Math.round((scores.reduce((s, x) => s + x.total, 0) / scores.length) * 100) / 100;
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (input.decision === 'approve') {
      await grant(ctx, tx, actor, row, 'committee_review', tier, input.reason, active.pack);
      return;
    }
    const moved = await repo.transition(tx, id, ['committee_review'], {
      status: 'rejected',
      decidedBy: actor.username,
      decidedAt: ctx.now(),
      decisionReason: input.reason,
    });
    if (!moved)
      throw new AppError('conflict', {
        zh: '案件已被他人处理，请刷新',
        en: 'Someone else decided this case; reload it',
      });
    await repo.insertEvent(tx, {
      certificationId: id,
      district,
      action: 'rejected',
      fromStatus: 'committee_review',
      toStatus: 'rejected',
      actor: actor.username,
      role: actor.role,
      reason: input.reason,
      details: { average },
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.committee.reject',
      object: `certification:${id}`,
      outcome: 'success',
      details: { average },
    });
  });
  return getCertification(ctx, id);
}

/** Revokes an approved certification with a reason (administrator); verification then answers "revoked". */
export async function revokeCertification(ctx: Ctx, id: number, input: { reason: string }) {
  const actor = authorize(ctx, 'certification:revoke');
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const moved = await repo.transition(tx, id, ['approved'], {
      status: 'revoked',
      revokedAt: ctx.now(),
      revokedReason: input.reason,
    });
    if (!moved)
      throw new AppError(
        'conflict',
        { zh: '只有已认定的证书可以撤销', en: 'Only an approved certification can be revoked' },
        { status: row.cert.status },
      );
    await repo.insertEvent(tx, {
      certificationId: id,
      district,
      action: 'revoked',
      fromStatus: 'approved',
      toStatus: 'revoked',
      actor: actor.username,
      role: actor.role,
      reason: input.reason,
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.revoke',
      object: `certification:${id}`,
      outcome: 'success',
      details: { reason: input.reason, certificateNo: row.cert.certificateNo },
    });
  });
  return getCertification(ctx, id);
}

// ---------------------------------------------------------------- certificates

/** The web page a certificate's QR code opens (it calls the verification endpoint). */
export const verifyPageUrl = (baseUrl: string, certificateNo: string) =>
  `${baseUrl.replace(/\/$/, '')}/verify/certificate/${encodeURIComponent(certificateNo)}`;

/** The certificate of an approved case as a PDF with a QR code of its verification URL. */
export async function certificatePdf(
  ctx: Ctx,
  id: number,
  baseUrl: string,
): Promise<{ fileName: string; pdf: Buffer }> {
  const actor = authorize(ctx, 'certification:read');
  if (actor.role === 'reviewer')
    throw new AppError('forbidden', {
      zh: '证书由持证人和管理员下载',
      en: 'Certificates are for the holder and administrators',
    });
  const district = districtOf(ctx, actor);
  const row = await loadCase(ctx, actor, id);
  const c = row.cert;
  if (c.status !== 'approved' || !c.certificateNo || !c.validFrom || !c.validTo || !c.tier)
    throw new AppError('conflict', {
      zh: '该案件尚未认定，没有证书',
      en: 'The case is not certified; there is no certificate',
    });
  const pack = (await activePack(ctx, district)).pack.pack;
  const d = await repo.findDistrict(ctx.db, district);
  const pdf = await renderCertificatePdf({
    certificateNo: c.certificateNo,
    districtName: { zh: d?.nameZh ?? district, en: d?.nameEn ?? district },
    holderName: row.talentName,
    tier: c.tier,
    tierName: { zh: tierName(pack, c.tier, 'zh'), en: tierName(pack, c.tier, 'en') },
    catalogueName: pack.catalogue?.name ?? { zh: '人才分类目录', en: 'Talent catalogue' },
    path: pathLabels[c.path as CertificationPath] ?? { zh: c.path, en: c.path },
    validFrom: c.validFrom,
    validTo: c.validTo,
    issuedAt: chinaDate(c.decidedAt ?? ctx.now()),
    verifyUrl: verifyPageUrl(baseUrl, c.certificateNo),
  });
  return { fileName: `${c.certificateNo}.pdf`, pdf };
}

/**
 * Public verification of a certificate number (the QR's page calls it): valid, revoked, expired or not
 * yet valid, with the holder's masked name, the tier and the validity — never the ID number.
 */
export async function verifyCertificate(ctx: Ctx, certificateNo: string) {
  allowPublic('certificate:verify');
  const found = await repo.findByCertificateNo(ctx.db, certificateNo);
  const c = found?.cert;
  if (!found || !c?.validFrom || !c.validTo || !c.tier || !['approved', 'revoked'].includes(c.status))
    throw new AppError(
      'not_found',
      { zh: '查无此证书，请核对证书编号', en: 'No certificate with this number; check it' },
      { certificateNo },
    );
  const today = validityDay(ctx.now());
  const status =
    c.status === 'revoked'
      ? 'revoked'
      : today > c.validTo
        ? 'expired'
        : today < c.validFrom
          ? 'not_yet_valid'
          : 'valid';
  const labels = {
    valid: { zh: '有效', en: 'Valid' },
    revoked: { zh: '已撤销', en: 'Revoked' },
    expired: { zh: '已过期', en: 'Expired' },
    not_yet_valid: { zh: '尚未生效', en: 'Not yet valid' },
  } as const;
  const pack = (await findActivePack(ctx.db, c.district))?.pack.pack;
  const d = await repo.findDistrict(ctx.db, c.district);
  return {
    certificateNo,
    status,
    statusLabel: labels[status][ctx.lang],
    holder: maskName(found.talentName),
    tier: c.tier,
    tierName: pack ? tierName(pack, c.tier, ctx.lang) : c.tier,
    district: c.district,
    districtName: (ctx.lang === 'zh' ? d?.nameZh : d?.nameEn) ?? c.district,
    validFrom: c.validFrom,
    validTo: c.validTo,
    revokedAt: iso(c.revokedAt),
    revokedReason: c.revokedReason,
    checkedAt: ctx.now().toISOString(),
  } as const;
}

// ---------------------------------------------------------------- experts

async function loadTask(ctx: Ctx, actor: Actor, caseCode: string) {
  const row = await repo.findCaseByCode(ctx.db, districtOf(ctx, actor), caseCode);
  // Not on the panel and no such case answer the same: an expert learns nothing about other cases.
  if (!row || !(await repo.isOnPanel(ctx.db, row.cert.id, actor.accountId)))
    throw new AppError(
      'forbidden',
      { zh: '您不在该案件的评审组中', en: "You are not on this case's panel" },
      { caseCode },
    );
  return row;
}

/** The cases an expert sits on, by case code only. */
export async function listExpertTasks(ctx: Ctx) {
  const actor = authorize(ctx, 'certification:score');
  const district = districtOf(ctx, actor);
  const { rows } = await repo.listCases(ctx.db, {
    district,
    expertAccountId: actor.accountId,
    limit: 200,
    offset: 0,
  });
  const pack = (await findActivePack(ctx.db, district))?.pack.pack;
  const items = [];
  for (const r of rows) {
    const panel = await repo.listPanel(ctx.db, r.cert.id);
    const mine = panel.find((p) => p.accountId === actor.accountId);
    const scores = await repo.listScores(ctx.db, r.cert.id);
    items.push({
      caseCode: r.file.caseCode,
      pathLabel: label(pathLabels[r.cert.path as CertificationPath], ctx.lang, r.cert.path),
      requestedTier: r.cert.requestedTier,
      requestedTierName: pack ? tierName(pack, r.cert.requestedTier, ctx.lang) : r.cert.requestedTier,
      status: r.cert.status as CertificationStatus,
      statusLabel: label(statusLabels[r.cert.status as CertificationStatus], ctx.lang, r.cert.status),
      scored: scores.some((s) => s.expertAccountId === actor.accountId),
      assignedAt: (mine?.drawnAt ?? r.cert.submittedAt).toISOString(),
    });
  }
  return { items };
}

/** An anonymised case for an expert on its panel: no name, no ID number, no employer — the case code. */
export async function getExpertTask(ctx: Ctx, caseCode: string) {
  const actor = authorize(ctx, 'certification:score');
  const district = districtOf(ctx, actor);
  const row = await loadTask(ctx, actor, caseCode);
  const lang = ctx.lang;
  const pack = (await findActivePack(ctx.db, district))?.pack.pack;
  const c = row.cert;
  const rubric = row.file.rubricId ? await repo.findRubric(ctx.db, row.file.rubricId) : undefined;
  const mine = (await repo.listScores(ctx.db, c.id)).find((s) => s.expertAccountId === actor.accountId);
  const evidence = await repo.listDocuments(ctx.db, row.file.documentIds);
  // The recommender's statement may name the talent; the name is replaced by the case code.
  const redactName = (text: string | null) =>
    text && row.talentName ? text.split(row.talentName).join(row.file.caseCode) : text;
  const tn = (t: string) => (pack ? tierName(pack, t, lang) : t);
  return {
    caseCode: row.file.caseCode,
    path: c.path as CertificationPath,
    pathLabel: label(pathLabels[c.path as CertificationPath], lang, c.path),
    requestedTier: c.requestedTier,
    requestedTierName: tn(c.requestedTier),
    catalogueTier: row.file.catalogueTier,
    catalogueTierName: tn(row.file.catalogueTier),
    status: c.status as CertificationStatus,
    statusLabel: label(statusLabels[c.status as CertificationStatus], lang, c.status),
    explanation: (c.explanation as Explained | null)?.[lang] ?? null,
    evidence: evidence.map((d) => ({ kind: d.kind })),
    recommendation:
      row.file.statement || row.file.recommenderTitle
        ? { title: row.file.recommenderTitle, statement: redactName(row.file.statement) }
        : null,
    rubric: rubricOut(rubric, lang),
    myScore: mine
      ? {
          scores: mine.scores,
          total: mine.total,
          comment: mine.comment,
          submittedAt: mine.submittedAt.toISOString(),
        }
      : null,
    canScore:
      c.status === 'committee_review' && !mine && row.file.scoringClosedAt === null && rubric !== undefined,
  };
}

/** An expert's rubric score of a case on their panel (once; the weighted total is kept with it). */
export async function scoreExpertTask(
  ctx: Ctx,
  caseCode: string,
  input: { scores: Record<string, number>; comment: string },
) {
  const actor = authorize(ctx, 'certification:score');
  const district = districtOf(ctx, actor);
  const row = await loadTask(ctx, actor, caseCode);
  if (row.cert.status !== 'committee_review' || row.file.scoringClosedAt !== null)
    throw new AppError('conflict', { zh: '该案件已不接受评分', en: 'This case no longer takes scores' });
  const rubricRow = row.file.rubricId ? await repo.findRubric(ctx.db, row.file.rubricId) : undefined;
  if (!rubricRow) throw new AppError('conflict', { zh: '该案件没有评分细则', en: 'The case has no rubric' });
  const rubric = asRubric(rubricRow);
  const problems = checkScores(rubric, input.scores);
  if (problems.length)
    throw new AppError(
      'validation_failed',
      {
        zh: `评分不完整或超出范围（${rubric.scale === 'five' ? '1–5 分' : '0–100 分'}）`,
        en: `Scores are incomplete or out of range (${rubric.scale === 'five' ? '1–5' : '0–100'})`,
      },
      problems.map((p) => ({ path: p.field, message: p.message })),
    );
  const total = weightedTotal(rubric, input.scores);
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const inserted = await repo.insertScore(tx, {
      certificationId: row.cert.id,
      expertAccountId: actor.accountId,
      scores: input.scores,
      total,
      comment: input.comment,
      submittedAt: ctx.now(),
    });
    if (!inserted)
      throw new AppError('conflict', { zh: '您已评过分', en: 'You have already scored this case' });
    await repo.insertEvent(tx, {
      certificationId: row.cert.id,
      district,
      action: 'scored',
      fromStatus: 'committee_review',
      toStatus: 'committee_review',
      actor: actor.username,
      role: actor.role,
      details: { total },
      at: ctx.now(),
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.score',
      object: `certification:${row.cert.id}`,
      outcome: 'success',
      details: { total },
    });
  });
  return getExpertTask(ctx, caseCode);
}

// ---------------------------------------------------------------- administration: pool, rubric, quotas

/** The district's expert pool, the expert accounts not yet in it, and the enterprises to pick employers from. */
export async function listExpertPool(ctx: Ctx) {
  const actor = authorize(ctx, 'certification:manage');
  const district = districtOf(ctx, actor);
  const pool = await repo.listPool(ctx.db, district);
  return {
    items: pool.map((p) => ({
      accountId: p.accountId,
      username: p.username,
      displayName: p.displayName,
      enterprise: p.enterpriseId !== null ? { id: p.enterpriseId, name: p.enterpriseName ?? '' } : null,
      affiliation: p.affiliation,
      title: p.title,
      fields: p.fields,
      active: p.active,
    })),
    candidates: await repo.listExpertAccountsOutsidePool(ctx.db, district),
    enterprises: await repo.listEnterprises(ctx.db, district),
  };
}

export type SaveExpert = {
  username: string;
  enterpriseId?: number | null | undefined;
  affiliation?: string | null | undefined;
  title?: string | null | undefined;
  fields: string[];
  active: boolean;
};

/** Adds an expert account to the pool or updates its employer, fields and status. */
export async function saveExpert(ctx: Ctx, input: SaveExpert) {
  const actor = authorize(ctx, 'certification:manage');
  const district = districtOf(ctx, actor);
  const account = await repo.findAccountByUsername(ctx.db, input.username);
  if (!account || account.district !== district || account.role !== 'expert')
    throw invalid('username', '请选择本区的专家账号', 'Choose an expert account of this district');
  if (input.enterpriseId) {
    const e = await repo.findEnterprise(ctx.db, input.enterpriseId);
    if (!e || e.district !== district) throw invalid('enterpriseId', '找不到该单位', 'No such enterprise');
  }
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.upsertExpertProfile(tx, {
      accountId: account.id,
      district,
      enterpriseId: input.enterpriseId ?? null,
      affiliation: input.affiliation ?? null,
      title: input.title ?? null,
      fields: input.fields,
      active: input.active,
      createdBy: actor.username,
    });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.expert.save',
      object: `account:${account.id}`,
      outcome: 'success',
      details: { enterpriseId: input.enterpriseId ?? null, fields: input.fields, active: input.active },
    });
  });
  return listExpertPool(ctx);
}

export async function getRubric(ctx: Ctx) {
  const actor = authorize(ctx, 'certification:manage');
  return { rubric: rubricOut(await repo.findActiveRubric(ctx.db, districtOf(ctx, actor)), ctx.lang) };
}

/** Replaces the district's scoring rubric (cases already drawn keep theirs). */
export async function saveRubric(
  ctx: Ctx,
  input: { nameZh: string; nameEn: string; scale: 'percent' | 'five'; criteria: RubricCriterion[] },
) {
  const actor = authorize(ctx, 'certification:manage');
  const district = districtOf(ctx, actor);
  const ids = input.criteria.map((c) => c.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw invalid('criteria', `评分项编号 ${dup} 重复`, `Criterion id ${dup} is repeated`);
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const saved = await repo.replaceRubric(tx, { district, ...input, createdBy: actor.username });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.rubric.save',
      object: `rubric:${saved.id}`,
      outcome: 'success',
      details: { scale: input.scale, criteria: ids },
    });
  });
  return getRubric(ctx);
}

export async function listQuotas(ctx: Ctx) {
  const actor = authorize(ctx, 'certification:manage');
  const district = districtOf(ctx, actor);
  const pack = (await findActivePack(ctx.db, district))?.pack.pack;
  return {
    items: (await repo.listQuotas(ctx.db, district)).map(({ quota, enterpriseName }) => ({
      id: quota.id,
      enterprise: { id: quota.enterpriseId, name: enterpriseName },
      year: quota.year,
      maxTier: quota.maxTier,
      maxTierName: pack ? tierName(pack, quota.maxTier, ctx.lang) : quota.maxTier,
      total: quota.total,
      used: quota.used,
    })),
    enterprises: await repo.listEnterprises(ctx.db, district),
    tiers: (pack?.tiers ?? []).map((x) => ({ id: x.id, name: x.name[ctx.lang] })),
  };
}

/** Sets an employer's 定向配额 for a year (never below the places already used). */
export async function saveQuota(
  ctx: Ctx,
  input: { enterpriseId: number; year: number; maxTier: string; total: number },
) {
  const actor = authorize(ctx, 'certification:manage');
  const district = districtOf(ctx, actor);
  const pack = (await activePack(ctx, district)).pack.pack;
  if (!pack.tiers.some((t) => t.id === input.maxTier))
    throw invalid('maxTier', `目录中没有层次 ${input.maxTier}`, `The catalogue has no tier ${input.maxTier}`);
  const e = await repo.findEnterprise(ctx.db, input.enterpriseId);
  if (!e || e.district !== district) throw invalid('enterpriseId', '找不到该单位', 'No such enterprise');
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const saved = await repo.upsertQuota(tx, { district, ...input, createdBy: actor.username });
    if (!saved)
      throw invalid('total', '配额不能少于已使用的名额', 'A quota cannot be below the places already used');
    await appendAudit({ ...ctx, district }, tx, {
      action: 'certification.quota.save',
      object: `quota:${saved.id}`,
      outcome: 'success',
      details: input,
    });
  });
  return listQuotas(ctx);
}

// ---------------------------------------------------------------- renewal reminders

/**
 * Writes a renewal reminder to each holder whose certification ends within a reminder window (90, 30 and
 * 7 days), once per certification and window (the notification's dedupe key). Returns how many were written.
 */
export async function sendRenewalReminders(ctx: Ctx): Promise<number> {
  const today = validityDay(ctx.now());
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + Math.max(...REMINDER_WINDOWS) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  let written = 0;
  for (const c of await repo.listExpiring(ctx.db, today, horizon)) {
    if (c.accountId === null || !c.validTo) continue;
    const daysLeft = daysBetween(today, c.validTo);
    const window = [...REMINDER_WINDOWS].sort((a, b) => a - b).find((w) => daysLeft <= w);
    if (window === undefined) continue;
    const accountId = c.accountId;
    const validTo = c.validTo;
    const wrote = await ctx.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const ok = await repo.insertNotificationOnce(tx, {
        district: c.district,
        accountId,
        kind: 'certification_expiring',
        titleZh: `您的人才认定将于 ${validTo} 到期`,
        titleEn: `Your talent certification ends on ${validTo}`,
        bodyZh: `证书 ${c.certificateNo}（${c.tier} 类）还有 ${daysLeft} 天到期，请及时申请复核续期。`,
        bodyEn: `Certificate ${c.certificateNo} (tier ${c.tier}) ends in ${daysLeft} days; apply for renewal in time.`,
        link: '/certification',
        dedupeKey: `certification:${c.id}:expiry:${validTo}:${window}d`,
        createdAt: ctx.now(),
      });
      if (!ok) return false;
      await repo.insertEvent(tx, {
        certificationId: c.id,
        district: c.district,
        action: 'reminded',
        fromStatus: 'approved',
        toStatus: 'approved',
        actor: 'system',
        details: { window, daysLeft },
        at: ctx.now(),
      });
      await appendAudit(
        { ...ctx, district: c.district },
        tx,
        {
          action: 'certification.remind',
          object: `certification:${c.id}`,
          outcome: 'success',
          details: { window },
        },
        'system',
      );
      return true;
    });
    if (wrote) written++;
  }
  return written;
}
