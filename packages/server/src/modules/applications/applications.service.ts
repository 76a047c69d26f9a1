// 一键申领: a claim pre-filled from the record (facts snapshot, the engine's decision, the amount, the pack
// version), the documents on file matched to the policy's materials, and a review that follows the policy's
// stages (employer, department, office…), each with a deadline in working days. The final approval grants
// the policy and commits its amount against the fund in the same transaction (fulfilment.service).
// The applicant — the talent, the enterprise's HR, or a station acting for a consenting talent — may
// withdraw; a reviewer may return for correction, approve or reject, one by one or in bulk.
import { type CompiledPack, decide, explainPolicy, type Policy, type ReviewStage } from '@rencai/engine';
import { type Actor, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import type { ApplicationMaterial, ApplicationStage } from '../../db/tables/claims';
import { AppError } from '../../errors';
import { type Idempotency, runIdempotent } from '../../http/idempotency';
import { appendAudit } from '../audit/audit.service';
import * as fundsRepo from '../fulfilment/fulfilment.repo';
import {
  budgetYear,
  fundCodeOf,
  grantWithCommitment,
  type Subject,
  toCents,
  toFundView,
  toYuan,
} from '../fulfilment/fulfilment.service';
import { compiledVersion, findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { requireStationConsent, type StationAct, stationAuditDetails } from '../stations/stations.service';
import { loadEnterpriseFacts, loadTalentFacts } from '../talents/talents.facts';
import * as repo from './applications.repo';

/** Working days a stage may take when the pack does not say. */
export const DEFAULT_STAGE_DAYS = 5;

/** The department that holds stages of the talent office (and of stages no department claims). */
export const OFFICE_DEPARTMENT = 'talent_office';

/** Adds working days (Monday–Friday, China time) to an instant. */
export function addWorkingDays(from: Date, days: number): Date {
  const out = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    out.setTime(out.getTime() + 86_400_000);
    const weekday = new Date(out.getTime() + 8 * 3_600_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return out;
}

const DEPARTMENT_WORDS: [RegExp, string][] = [
  [/住建|住房|房管|建设管理/, 'housing'],
  [/人力|人社/, 'hr'],
  [/科技|科委|科协/, 'science'],
  [/教育/, 'education'],
  [/卫健|卫生|健康/, 'health'],
];

/** The department code a stage goes to: the stage's own, the policy's department for `department`, else the office. */
export function stageDepartment(policy: Policy, stage: ReviewStage, known: Set<string>): string {
  if (stage.department && known.has(stage.department)) return stage.department;
  if (stage.id === 'department') {
    const text = policy.department?.zh ?? '';
    for (const [re, code] of DEPARTMENT_WORDS) if (re.test(text) && known.has(code)) return code;
  }
  return OFFICE_DEPARTMENT;
}

const holderKey = (h: ApplicationStage['holder']) =>
  h.kind === 'employer' ? `enterprise:${h.enterpriseId}` : `department:${h.code}`;

/** Document kinds on file that satisfy a material (by the material's id). */
const MATERIAL_KINDS: Record<string, string[]> = {
  id_card: ['id_document'],
  labour_contract: ['contract'],
  engagement_contracts: ['contract'],
  degree_certificate: ['degree_certificate'],
  purchase_contract: ['housing'],
  property_check: ['housing'],
  lease: ['housing'],
  residence_proof: ['housing'],
  social_insurance_list: ['social_insurance'],
  honour_proof: ['honour'],
  title_application: ['title_certificate'],
};

/** Matches the policy's materials to the subject's documents on file (each document used once). */
export function matchMaterials(
  policy: Policy,
  docs: { id: number; kind: string }[],
  keep: ApplicationMaterial[] = [],
): ApplicationMaterial[] {
  const used = new Set<number>();
  const kept = new Map(keep.filter((m) => m.documentId !== null).map((m) => [m.id, m.documentId as number]));
  for (const id of kept.values()) used.add(id);
  return policy.materials.map((m) => {
    const already = kept.get(m.id);
    if (already !== undefined) return { id: m.id, name: m.name, optional: m.optional, documentId: already };
    const kinds = MATERIAL_KINDS[m.id] ?? [m.id];
    const doc = docs.find((d) => !used.has(d.id) && (kinds.includes(d.kind) || d.kind === m.id));
    if (doc) used.add(doc.id);
    return { id: m.id, name: m.name, optional: m.optional, documentId: doc?.id ?? null };
  });
}

// ---------------------------------------------------------------- who is asking, for whom

type Acting = { subject: Subject; station: StationAct | null };

async function resolveSubject(ctx: Ctx, db: Db, actor: Actor, talentId: number | undefined): Promise<Acting> {
  if (actor.role === 'station') {
    if (talentId === undefined) {
      throw new AppError(
        'validation_failed',
        { zh: '驿站代办须指明人才', en: 'A station must name the talent it acts for' },
        { field: 'talentId' },
      );
    }
    const station = await requireStationConsent(db, actor, talentId, 'claims', ctx.now());
    return {
      subject: {
        key: `talent:${talentId}`,
        kind: 'talent',
        name: station.talentName,
        talentId,
        enterpriseId: null,
      },
      station,
    };
  }
  if (actor.role === 'enterprise') {
    const e = await repo.findEnterpriseOfAccount(db, actor.accountId);
    if (!e || e.district !== actor.district) {
      throw new AppError('not_found', {
        zh: '账号尚未关联企业，请先完善企业信息',
        en: 'This account is not linked to an enterprise yet',
      });
    }
    return {
      subject: {
        key: `enterprise:${e.id}`,
        kind: 'enterprise',
        name: e.name,
        talentId: null,
        enterpriseId: e.id,
      },
      station: null,
    };
  }
  const t = await repo.findTalentByAccount(db, actor.accountId);
  if (!t || t.district !== actor.district) {
    throw new AppError('not_found', {
      zh: '尚未建立人才档案，请先完善“我的档案”',
      en: 'You have no talent record yet; complete your profile first',
    });
  }
  return {
    subject: { key: `talent:${t.id}`, kind: 'talent', name: t.name, talentId: t.id, enterpriseId: null },
    station: null,
  };
}

async function factsOf(db: Db, subject: Subject, now: Date) {
  const facts =
    subject.kind === 'talent'
      ? await loadTalentFacts(db, subject.talentId as number, now)
      : await loadEnterpriseFacts(db, subject.enterpriseId as number, now);
  if (!facts) throw new AppError('not_found', { zh: '档案不存在', en: 'No such record' });
  return { ...facts } as Record<string, unknown>;
}

async function activePackOf(ctx: Ctx, district: string) {
  const active = await findActivePack(ctx.db, district);
  if (!active) {
    throw new AppError('not_found', {
      zh: `区县 ${district} 尚未发布政策`,
      en: `District ${district} has not published its policies`,
    });
  }
  return active;
}

function policyOf(pack: CompiledPack, policyId: string): Policy {
  const policy = pack.byId.get(policyId)?.policy;
  if (!policy) {
    throw new AppError('not_found', { zh: '政策不存在', en: 'No such policy' }, { policyId });
  }
  return policy;
}

/** The stages of a claim, each with its holder; the employer stage is skipped when there is no employer. */
async function resolveStages(
  db: Db,
  district: string,
  policy: Policy,
  subject: Subject,
): Promise<ApplicationStage[]> {
  const known = new Set((await repo.listDepartments(db, district)).map((d) => d.code));
  const specs: ReviewStage[] = policy.reviewStages.length
    ? policy.reviewStages
    : [{ id: 'office', name: { zh: '区委人才办审核', en: 'Talent office review' } }];
  const stages: ApplicationStage[] = [];
  for (const s of specs) {
    const days = s.days ?? DEFAULT_STAGE_DAYS;
    if (s.id === 'employer') {
      if (subject.kind !== 'talent') continue; // the enterprise is the applicant itself
      const employer = await repo.findConfirmedEmployer(db, subject.talentId as number);
      if (!employer) continue;
      stages.push({
        id: s.id,
        name: s.name,
        holder: { kind: 'employer', enterpriseId: employer.id, name: employer.name },
        days,
      });
      continue;
    }
    stages.push({
      id: s.id,
      name: s.name,
      holder: { kind: 'department', code: stageDepartment(policy, s, known) },
      days,
    });
  }
  return stages;
}

function denied(pack: CompiledPack, policy: Policy, facts: Record<string, unknown>, asOf: string) {
  const d = decide(pack, policy.id, facts, asOf);
  return new AppError('policy_denied', d.summary, {
    verdict: d.verdict,
    missing: d.missing,
    explanation: explainPolicy(pack, policy.id, facts, asOf),
  });
}

// ---------------------------------------------------------------- views

export type StageView = ApplicationStage & {
  holderName: { zh: string; en: string };
  state: 'done' | 'current' | 'pending' | 'returned' | 'rejected' | 'withdrawn';
  dueAt: string | null;
  overdue: boolean;
};

export type ApplicationView = {
  id: number;
  policyId: string;
  title: { zh: string; en: string };
  subjectKind: 'talent' | 'enterprise';
  subjectName: string;
  talentId: number | null;
  enterpriseId: number | null;
  status: 'in_review' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
  amount: number;
  fundCode: string;
  exclusivityGroup: string | null;
  packVersionId: number;
  currentStage: number;
  holder: string | null;
  stageDueAt: string | null;
  overdue: boolean;
  materials: ApplicationMaterial[];
  missingMaterials: string[];
  stationName: string | null;
  decisionReason: string | null;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
};

function toView(row: repo.ApplicationRow, now: Date, stationName: string | null = null): ApplicationView {
  const open = row.status === 'in_review' || row.status === 'returned';
  return {
    id: row.id,
    policyId: row.policyId,
    title: { zh: row.titleZh, en: row.titleEn },
    subjectKind: row.subjectKind as 'talent' | 'enterprise',
    subjectName: row.subjectName,
    talentId: row.talentId,
    enterpriseId: row.enterpriseId,
    status: row.status as ApplicationView['status'],
    amount: toYuan(row.amountCents),
    fundCode: row.fundCode,
    exclusivityGroup: row.exclusivityGroup,
    packVersionId: row.packVersionId,
    currentStage: row.currentStage,
    holder: row.holder,
    stageDueAt: open ? row.stageDueAt.toISOString() : null,
    overdue: row.status === 'in_review' && row.stageDueAt < now,
    materials: row.materials,
    missingMaterials: row.materials.filter((m) => !m.optional && m.documentId === null).map((m) => m.id),
    stationName,
    decisionReason: row.decisionReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------- preview and submission

export type ApplyInput = { policyId: string; talentId?: number | undefined };

/** What a one-click claim would contain: the decision, the amount, the materials on file and missing, the stages. */
export async function previewApplication(ctx: Ctx, input: ApplyInput) {
  const actor = authorize(ctx, 'application:submit');
  const active = await activePackOf(ctx, actor.district);
  const policy = policyOf(active.pack, input.policyId);
  const { subject, station } = await resolveSubject(ctx, ctx.db, actor, input.talentId);
  const now = ctx.now();
  const today = chinaDate(now);
  const facts = await factsOf(ctx.db, subject, now);
  const decision = decide(active.pack, policy.id, facts, today);
  const docs = await repo.listSubjectDocuments(
    ctx.db,
    subject.talentId ? { talentId: subject.talentId } : { enterpriseId: subject.enterpriseId as number },
  );
  const materials = matchMaterials(policy, docs);
  const stages = await resolveStages(ctx.db, actor.district, policy, subject);
  const open = await repo.findOpenApplication(ctx.db, actor.district, subject.key, policy.id);
  const granted = await repo.findGrant(ctx.db, actor.district, subject.key, policy.id);
  const groupGrant = policy.exclusivity
    ? await repo.findGrantInGroup(ctx.db, actor.district, subject.key, policy.exclusivity.group)
    : undefined;
  return {
    policy: {
      id: policy.id,
      title: policy.title,
      summary: policy.summary ?? null,
      audience: policy.audience,
      grantMode: policy.grantMode,
      exclusivityGroup: policy.exclusivity?.group ?? null,
    },
    subject: { kind: subject.kind, name: subject.name, talentId: subject.talentId },
    actingStation: station ? station.stationName : null,
    verdict: decision.verdict,
    summary: decision.summary,
    missingFacts: decision.missing,
    amount: decision.amount,
    schedule: decision.schedule.map((s) => ({ share: s.share, amount: s.amount, dueDate: s.dueDate })),
    materials: materials.map((m) => ({
      ...m,
      fileName: docs.find((d) => d.id === m.documentId)?.fileName ?? null,
    })),
    stages: await stageViews(ctx.db, actor.district, stages, null, now),
    openApplicationId: open?.id ?? null,
    grantedAlready: granted !== undefined,
    groupGrantedPolicy: groupGrant && groupGrant.policyId !== policy.id ? groupGrant.policyId : null,
    canApply:
      policy.grantMode === 'apply' &&
      policy.audience === subject.kind &&
      decision.verdict === 'eligible' &&
      decision.amount !== null &&
      !open &&
      !granted &&
      !(groupGrant && groupGrant.policyId !== policy.id),
  };
}

/** Submits a one-click claim; refused with the engine's explanation (422) when the subject is not eligible. */
export async function createApplication(
  ctx: Ctx,
  input: ApplyInput,
  idem?: Idempotency,
): Promise<ApplicationView> {
  const actor = authorize(ctx, 'application:submit');
  const active = await activePackOf(ctx, actor.district);
  const policy = policyOf(active.pack, input.policyId);
  return runIdempotent(ctx, idem, async (tx) => {
    const { subject, station } = await resolveSubject(ctx, tx, actor, input.talentId);
    if (policy.audience !== subject.kind) {
      throw new AppError(
        'policy_denied',
        {
          zh: policy.audience === 'talent' ? '该政策面向人才个人申请' : '该政策面向企业申请',
          en: `This policy is for ${policy.audience === 'talent' ? 'talents' : 'enterprises'} to apply for`,
        },
        { reason: 'audience' },
      );
    }
    if (policy.grantMode === 'automatic') {
      throw new AppError(
        'policy_denied',
        {
          zh: '该政策免申即享：符合条件即自动兑现，无需申请',
          en: 'This policy is granted automatically (免申即享); no application is needed',
        },
        { reason: 'automatic' },
      );
    }
    const now = ctx.now();
    const today = chinaDate(now);
    const facts = await factsOf(tx, subject, now);
    const decision = decide(active.pack, policy.id, facts, today);
    if (decision.verdict !== 'eligible' || decision.amount === null)
      throw denied(active.pack, policy, facts, today);
    if (await repo.findOpenApplication(tx, actor.district, subject.key, policy.id)) {
      throw new AppError(
        'conflict',
        { zh: '该政策已有一件办理中的申请', en: 'An application for this policy is already in progress' },
        { reason: 'open_application' },
      );
    }
    if (await repo.findGrant(tx, actor.district, subject.key, policy.id)) {
      throw new AppError(
        'conflict',
        { zh: '该政策已授予，不能重复申请', en: 'This policy was already granted' },
        { reason: 'already_granted' },
      );
    }
    const docs = await repo.listSubjectDocuments(
      tx,
      subject.talentId ? { talentId: subject.talentId } : { enterpriseId: subject.enterpriseId as number },
    );
    const stages = await resolveStages(tx, actor.district, policy, subject);
    const first = stages[0] as ApplicationStage | undefined;
    const row = await repo.insertApplication(tx, {
      district: actor.district,
      policyId: policy.id,
      titleZh: policy.title.zh,
      titleEn: policy.title.en,
      packVersionId: active.versionId,
      subjectKind: subject.kind,
      talentId: subject.talentId,
      enterpriseId: subject.enterpriseId,
      subjectKey: subject.key,
      subjectName: subject.name,
      submittedBy: actor.accountId,
      stationAccountId: station?.stationAccountId ?? null,
      status: 'in_review',
      facts,
      decision: decision as unknown as Record<string, unknown>,
      amountCents: toCents(decision.amount),
      fundCode: fundCodeOf(policy),
      exclusivityGroup: policy.exclusivity?.group ?? null,
      stages,
      currentStage: 0,
      holder: first ? holderKey(first.holder) : `department:${OFFICE_DEPARTMENT}`,
      stageStartedAt: now,
      stageDueAt: addWorkingDays(now, first?.days ?? DEFAULT_STAGE_DAYS),
      materials: matchMaterials(policy, docs),
    });
    await repo.insertEvent(tx, {
      applicationId: row.id,
      at: now,
      action: 'submitted',
      stageId: null,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      actorRole: actor.role,
      stationName: station?.stationName ?? null,
      details: {
        amount: decision.amount,
        packVersion: active.version,
        skippedEmployer:
          policy.reviewStages.some((s) => s.id === 'employer') && !stages.some((s) => s.id === 'employer'),
      },
    });
    await appendAudit(ctx, tx, {
      action: 'application.submit',
      object: `application:${row.id}`,
      outcome: 'success',
      details: {
        policyId: policy.id,
        subject: subject.key,
        ...(station ? stationAuditDetails(station) : {}),
      },
    });
    return toView(row, now, station?.stationName ?? null);
  });
}

// ---------------------------------------------------------------- reading

/** Which holders an actor answers for: their department's stages, or (HR) their enterprise's employer stages. */
async function holdersOf(db: Db, actor: Actor): Promise<string[]> {
  if (actor.role === 'enterprise') {
    const e = await repo.findEnterpriseOfAccount(db, actor.accountId);
    return e ? [`enterprise:${e.id}`] : [];
  }
  if (actor.departmentId === null) return actor.role === 'admin' ? [`department:${OFFICE_DEPARTMENT}`] : [];
  const dept = (await repo.listDepartments(db, actor.district)).find((d) => d.id === actor.departmentId);
  return dept ? [`department:${dept.code}`] : [];
}

/** The subjects an actor speaks for (their own record, their enterprise, consenting talents for a station). */
async function subjectKeysOf(db: Db, actor: Actor): Promise<string[]> {
  if (actor.role === 'talent') {
    const t = await repo.findTalentByAccount(db, actor.accountId);
    return t ? [`talent:${t.id}`] : [];
  }
  if (actor.role === 'enterprise') {
    const e = await repo.findEnterpriseOfAccount(db, actor.accountId);
    return e ? [`enterprise:${e.id}`] : [];
  }
  return [];
}

async function canRead(ctx: Ctx, actor: Actor, row: repo.ApplicationRow): Promise<boolean> {
  if (row.district !== actor.district) return false;
  if (actor.role === 'admin' || actor.role === 'reviewer') return true;
  if (actor.role === 'station') {
    if (!row.talentId) return false;
    try {
      await requireStationConsent(ctx.db, actor, row.talentId, 'claims', ctx.now());
      return true;
    } catch {
      return false;
    }
  }
  if ((await subjectKeysOf(ctx.db, actor)).includes(row.subjectKey)) return true;
  // HR sees the employees' applications whose employer stage is theirs.
  if (actor.role === 'enterprise') {
    const mine = await holdersOf(ctx.db, actor);
    return row.stages.some((s) => mine.includes(holderKey(s.holder)));
  }
  return false;
}

async function readable(ctx: Ctx, actor: Actor, id: number): Promise<repo.ApplicationRow> {
  const row = await repo.findApplication(ctx.db, id);
  if (!row || !(await canRead(ctx, actor, row))) {
    throw new AppError('not_found', { zh: '申请不存在', en: 'No such application' }, { applicationId: id });
  }
  return row;
}

async function stageViews(
  db: Db,
  district: string,
  stages: ApplicationStage[],
  row: repo.ApplicationRow | null,
  now: Date,
): Promise<StageView[]> {
  const depts = new Map((await repo.listDepartments(db, district)).map((d) => [d.code, d]));
  return stages.map((s, i) => {
    const holderName =
      s.holder.kind === 'employer'
        ? { zh: `${s.holder.name}（用人单位）`, en: `${s.holder.name} (employer)` }
        : (() => {
            const d = depts.get(s.holder.code);
            return d ? { zh: d.nameZh, en: d.nameEn } : { zh: s.holder.code, en: s.holder.code };
          })();
    let state: StageView['state'] = 'pending';
    let dueAt: string | null = null;
    let overdue = false;
    if (row) {
      if (row.status === 'approved' || i < row.currentStage) state = 'done';
      else if (i === row.currentStage) {
        state =
          row.status === 'in_review'
            ? 'current'
            : row.status === 'returned'
              ? 'returned'
              : row.status === 'rejected'
                ? 'rejected'
                : 'withdrawn';
        if (row.status === 'in_review' || row.status === 'returned') {
          dueAt = row.stageDueAt.toISOString();
          overdue = row.status === 'in_review' && row.stageDueAt < now;
        }
      }
    }
    return { ...s, holderName, state, dueAt, overdue };
  });
}

/** One application with its timeline: every stage and who holds it, every act and its actor, budget and payments. */
export async function getApplication(ctx: Ctx, id: number) {
  const actor = authorize(ctx, 'application:read');
  const row = await readable(ctx, actor, id);
  const now = ctx.now();
  const [events, grant] = await Promise.all([
    repo.listEvents(ctx.db, id),
    repo.findGrantOfApplication(ctx.db, id),
  ]);
  const station = row.stationAccountId ? await repo.findAccount(ctx.db, row.stationAccountId) : undefined;
  const fund = await fundsRepo.findFund(
    ctx.db,
    row.district,
    row.fundCode,
    budgetYear(grant ? new Date(grant.grantDate) : now),
  );
  const items = grant ? await repo.listPaymentItemsOfGrant(ctx.db, grant.id) : [];
  const mine = actor.role === 'station' || (await subjectKeysOf(ctx.db, actor)).includes(row.subjectKey);
  const holders = await holdersOf(ctx.db, actor);
  return {
    ...toView(row, now, station?.displayName ?? null),
    stages: await stageViews(ctx.db, row.district, row.stages, row, now),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      stageId: e.stageId,
      actorName: e.actorName,
      actorRole: e.actorRole,
      stationName: e.stationName,
      onBehalfOf: e.stationName ? row.subjectName : null,
      reason: e.reason,
      details: e.details,
    })),
    budget: {
      fund: fund ? toFundView(fund) : null,
      committed: grant !== undefined && grant.fundId !== null,
    },
    grant: grant
      ? { id: grant.id, amount: toYuan(grant.amountCents), grantDate: grant.grantDate, mode: grant.mode }
      : null,
    payments: items.map((p) => ({
      id: p.id,
      instalment: p.instalment,
      amount: toYuan(p.amountCents),
      dueDate: p.dueDate,
      conditional: p.conditional,
      status: p.status as 'scheduled' | 'in_batch' | 'paid' | 'failed',
      paidAt: p.paidAt?.toISOString() ?? null,
    })),
    can: {
      withdraw: mine && (row.status === 'in_review' || row.status === 'returned'),
      resubmit: mine && row.status === 'returned',
      review: row.status === 'in_review' && row.holder !== null && holders.includes(row.holder),
    },
  };
}

export type ListMine = { status?: string | undefined; talentId?: number | undefined };

/** The applicant's applications (a station: those it submitted for a consenting talent), newest first. */
export async function listMyApplications(ctx: Ctx, q: ListMine) {
  const actor = authorize(ctx, 'application:read');
  const now = ctx.now();
  if (actor.role === 'station') {
    const rows = await repo.listApplicationsOfStation(ctx.db, actor.district, actor.accountId);
    const filtered = rows.filter((r) => q.talentId === undefined || r.talentId === q.talentId);
    return { items: filtered.map((r) => toView(r, now, actor.displayName)), total: filtered.length };
  }
  const keys = await subjectKeysOf(ctx.db, actor);
  const { items, total } = await repo.listApplications(ctx.db, {
    district: actor.district,
    subjectKeys: keys,
    statuses: q.status ? [q.status] : undefined,
    limit: 200,
    offset: 0,
  });
  return { items: items.map((r) => toView(r, now)), total };
}

/** The grants of the applicant (免申即享 included) with their payment items. */
export async function listMyGrants(ctx: Ctx) {
  const actor = authorize(ctx, 'grant:read');
  const keys = await subjectKeysOf(ctx.db, actor);
  const rows = await repo.listGrantsOfSubjects(ctx.db, actor.district, keys);
  const items = [];
  for (const g of rows) {
    const pays = await repo.listPaymentItemsOfGrant(ctx.db, g.id);
    items.push({
      id: g.id,
      policyId: g.policyId,
      title: { zh: g.titleZh, en: g.titleEn },
      mode: g.mode as 'apply' | 'automatic',
      amount: toYuan(g.amountCents),
      grantDate: g.grantDate,
      applicationId: g.applicationId,
      payments: pays.map((p) => ({
        id: p.id,
        instalment: p.instalment,
        amount: toYuan(p.amountCents),
        dueDate: p.dueDate,
        status: p.status as 'scheduled' | 'in_batch' | 'paid' | 'failed',
        paidAt: p.paidAt?.toISOString() ?? null,
      })),
    });
  }
  return { items };
}

export type QueueQuery = {
  overdue?: boolean | undefined;
  all?: boolean | undefined;
  limit: number;
  offset: number;
};

/** A reviewer's queue: applications whose current stage their department (or enterprise) holds, soonest due first. */
export async function reviewQueue(ctx: Ctx, q: QueueQuery) {
  const actor = authorize(ctx, 'application:review');
  const now = ctx.now();
  const everyone = q.all === true && actor.role === 'admin';
  const holders = everyone ? undefined : await holdersOf(ctx.db, actor);
  const { items, total } = await repo.listApplications(ctx.db, {
    district: actor.district,
    holders,
    statuses: ['in_review'],
    overdueAt: q.overdue ? now : undefined,
    limit: q.limit,
    offset: q.offset,
  });
  const views = items.map((r) => {
    const stage = r.stages[r.currentStage];
    return { ...toView(r, now), stage: stage ? { id: stage.id, name: stage.name } : null };
  });
  return { items: views, total };
}

// ---------------------------------------------------------------- acting on an application

async function actingAs(
  ctx: Ctx,
  db: Db,
  actor: Actor,
  row: repo.ApplicationRow,
): Promise<StationAct | null> {
  if (actor.role === 'station') {
    if (!row.talentId) throw new AppError('forbidden', 'forbidden');
    return requireStationConsent(db, actor, row.talentId, 'claims', ctx.now());
  }
  if (!(await subjectKeysOf(db, actor)).includes(row.subjectKey)) {
    throw new AppError(
      'not_found',
      { zh: '申请不存在', en: 'No such application' },
      { applicationId: row.id },
    );
  }
  return null;
}

function notFound(id: number) {
  return new AppError('not_found', { zh: '申请不存在', en: 'No such application' }, { applicationId: id });
}

function stale() {
  return new AppError(
    'conflict',
    { zh: '申请状态已变化，请刷新后重试', en: 'The application changed meanwhile; reload and try again' },
    { reason: 'stale' },
  );
}

/** The applicant withdraws an application still in review or returned. */
export async function withdrawApplication(
  ctx: Ctx,
  id: number,
  input: { reason?: string | undefined },
  idem?: Idempotency,
) {
  const actor = authorize(ctx, 'application:withdraw');
  return runIdempotent(ctx, idem, async (tx) => {
    const row = await repo.lockApplication(tx, id);
    if (!row || row.district !== actor.district) throw notFound(id);
    const station = await actingAs(ctx, tx, actor, row);
    if (row.status !== 'in_review' && row.status !== 'returned') throw stale();
    const now = ctx.now();
    const updated = await repo.updateApplicationIf(
      tx,
      id,
      { status: row.status },
      {
        status: 'withdrawn',
        holder: null,
        decidedAt: now,
        decisionReason: input.reason ?? null,
      },
    );
    if (!updated) throw stale();
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      action: 'withdrawn',
      stageId: row.stages[row.currentStage]?.id ?? null,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      actorRole: actor.role,
      stationName: station?.stationName ?? null,
      reason: input.reason ?? null,
    });
    await appendAudit(ctx, tx, {
      action: 'application.withdraw',
      object: `application:${id}`,
      outcome: 'success',
      details: station ? stationAuditDetails(station) : {},
    });
    return toView(updated, now, station?.stationName ?? null);
  });
}

/** The applicant resubmits a returned application: facts and documents on file are read again, eligibility re-decided. */
export async function resubmitApplication(ctx: Ctx, id: number, idem?: Idempotency) {
  const actor = authorize(ctx, 'application:submit');
  const active = await activePackOf(ctx, actor.district);
  return runIdempotent(ctx, idem, async (tx) => {
    const row = await repo.lockApplication(tx, id);
    if (!row || row.district !== actor.district) throw notFound(id);
    const station = await actingAs(ctx, tx, actor, row);
    if (row.status !== 'returned') throw stale();
    const policy = policyOf(active.pack, row.policyId);
    const now = ctx.now();
    const today = chinaDate(now);
    const subject: Subject = {
      key: row.subjectKey,
      kind: row.subjectKind as Subject['kind'],
      name: row.subjectName,
      talentId: row.talentId,
      enterpriseId: row.enterpriseId,
    };
    const facts = await factsOf(tx, subject, now);
    const decision = decide(active.pack, policy.id, facts, today);
    if (decision.verdict !== 'eligible' || decision.amount === null)
      throw denied(active.pack, policy, facts, today);
    const docs = await repo.listSubjectDocuments(
      tx,
      subject.talentId ? { talentId: subject.talentId } : { enterpriseId: subject.enterpriseId as number },
    );
    const stage = row.stages[row.currentStage];
    const updated = await repo.updateApplicationIf(
      tx,
      id,
      { status: 'returned', stage: row.currentStage },
      {
        status: 'in_review',
        facts,
        decision: decision as unknown as Record<string, unknown>,
        amountCents: toCents(decision.amount),
        packVersionId: active.versionId,
        materials: matchMaterials(policy, docs, row.materials),
        holder: stage ? holderKey(stage.holder) : row.holder,
        stageStartedAt: now,
        stageDueAt: addWorkingDays(now, stage?.days ?? DEFAULT_STAGE_DAYS),
      },
    );
    if (!updated) throw stale();
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      action: 'resubmitted',
      stageId: stage?.id ?? null,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      actorRole: actor.role,
      stationName: station?.stationName ?? null,
      details: { amount: decision.amount },
    });
    await appendAudit(ctx, tx, {
      action: 'application.resubmit',
      object: `application:${id}`,
      outcome: 'success',
      details: station ? stationAuditDetails(station) : {},
    });
    return toView(updated, now, station?.stationName ?? null);
  });
}

/** Attaches a document on file to one of the application's materials (the applicant, before or after a return). */
export async function attachMaterial(
  ctx: Ctx,
  id: number,
  input: { materialId: string; documentId: number },
  idem?: Idempotency,
) {
  const actor = authorize(ctx, 'application:submit');
  return runIdempotent(ctx, idem, async (tx) => {
    const row = await repo.lockApplication(tx, id);
    if (!row || row.district !== actor.district) throw notFound(id);
    const station = await actingAs(ctx, tx, actor, row);
    if (row.status !== 'in_review' && row.status !== 'returned') throw stale();
    if (!row.materials.some((m) => m.id === input.materialId)) {
      throw new AppError(
        'validation_failed',
        { zh: '该政策不需要此材料', en: 'The policy asks for no such material' },
        {
          field: 'materialId',
        },
      );
    }
    const doc = await repo.findDocument(tx, input.documentId);
    const owns =
      doc && (row.talentId ? doc.talentId === row.talentId : doc.enterpriseId === row.enterpriseId);
    if (!owns) {
      throw new AppError(
        'validation_failed',
        { zh: '材料不属于申请人', en: "The document is not on the applicant's file" },
        {
          field: 'documentId',
        },
      );
    }
    const materials = row.materials.map((m) =>
      m.id === input.materialId ? { ...m, documentId: input.documentId } : m,
    );
    const updated = await repo.updateApplicationIf(tx, id, { status: row.status }, { materials });
    if (!updated) throw stale();
    const now = ctx.now();
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      action: 'material_attached',
      stageId: null,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      actorRole: actor.role,
      stationName: station?.stationName ?? null,
      details: { materialId: input.materialId, documentId: input.documentId },
    });
    await appendAudit(ctx, tx, {
      action: 'application.material',
      object: `application:${id}`,
      outcome: 'success',
      details: { materialId: input.materialId, ...(station ? stationAuditDetails(station) : {}) },
    });
    return toView(updated, now, station?.stationName ?? null);
  });
}

export type Decide = {
  action: 'approve' | 'return' | 'reject';
  reason?: string | undefined;
  /** The stage the reviewer saw (guards against acting twice on a stage that moved on). */
  stage?: number | undefined;
};

function needsReason(input: Decide) {
  if (input.action !== 'approve' && !input.reason?.trim()) {
    throw new AppError(
      'validation_failed',
      { zh: '退回或不予批准须写明理由', en: 'A return or a rejection needs a reason' },
      { field: 'reason' },
    );
  }
}

async function loadPackOf(ctx: Ctx, row: repo.ApplicationRow): Promise<CompiledPack> {
  const version = await repo.findPackVersion(ctx.db, row.packVersionId);
  if (!version) throw new Error(`pack version ${row.packVersionId} is gone`);
  return compiledVersion(ctx.db, version);
}

/**
 * A reviewer acts on the stage they hold: approve (the next stage, or at the last one the grant with its
 * budget commitment, all in this transaction), return for correction, or reject — each with its reason.
 */
export async function decideApplication(ctx: Ctx, id: number, input: Decide, idem?: Idempotency) {
  const actor = authorize(ctx, 'application:review');
  needsReason(input);
  const before = await repo.findApplication(ctx.db, id);
  if (!before || before.district !== actor.district) throw notFound(id);
  const pack = await loadPackOf(ctx, before);
  const holders = await holdersOf(ctx.db, actor);
  return runIdempotent(ctx, idem, (tx) => decideIn(ctx, tx, actor, holders, pack, id, input));
}

async function decideIn(
  ctx: Ctx,
  tx: Db,
  actor: Actor,
  holders: string[],
  pack: CompiledPack,
  id: number,
  input: Decide,
): Promise<ApplicationView> {
  const row = await repo.lockApplication(tx, id);
  if (!row || row.district !== actor.district) throw notFound(id);
  if (row.status !== 'in_review' || (input.stage !== undefined && input.stage !== row.currentStage))
    throw stale();
  if (!row.holder || !holders.includes(row.holder)) {
    throw new AppError(
      'forbidden',
      { zh: '当前环节不由您所在部门办理', en: 'The current stage is not held by your department' },
      { holder: row.holder },
    );
  }
  const now = ctx.now();
  const stage = row.stages[row.currentStage];
  const event = {
    applicationId: id,
    at: now,
    stageId: stage?.id ?? null,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    actorRole: actor.role,
    reason: input.reason?.trim() || null,
  };
  const notes: repo.NewNotification[] = [];
  const applicants = await repo.subjectAccounts(tx, row);
  const note = (kind: string, zh: string, en: string, bodyZh = '', bodyEn = '') =>
    applicants.map((accountId) => ({
      district: row.district,
      accountId,
      kind,
      titleZh: zh,
      titleEn: en,
      bodyZh,
      bodyEn,
      link: `/applications/${id}`,
      dedupeKey: `${kind}:${id}:${row.currentStage}:${now.getTime()}`,
    }));
  let updated: repo.ApplicationRow | undefined;
  if (input.action === 'return' || input.action === 'reject') {
    const returned = input.action === 'return';
    updated = await repo.updateApplicationIf(
      tx,
      id,
      { status: 'in_review', stage: row.currentStage },
      {
        status: returned ? 'returned' : 'rejected',
        holder: returned ? row.holder : null,
        decisionReason: event.reason,
        decidedAt: returned ? null : now,
      },
    );
    if (!updated) throw stale();
    await repo.insertEvent(tx, { ...event, action: returned ? 'returned' : 'rejected' });
    notes.push(
      ...(returned
        ? note(
            'application_returned',
            `“${row.titleZh}”申请被退回补正`,
            `"${row.titleEn}" was returned for correction`,
            event.reason ?? '',
            event.reason ?? '',
          )
        : note(
            'application_rejected',
            `“${row.titleZh}”申请未获批准`,
            `"${row.titleEn}" was not approved`,
            event.reason ?? '',
            event.reason ?? '',
          )),
    );
  } else if (row.currentStage + 1 < row.stages.length) {
    const next = row.stages[row.currentStage + 1] as ApplicationStage;
    updated = await repo.updateApplicationIf(
      tx,
      id,
      { status: 'in_review', stage: row.currentStage },
      {
        currentStage: row.currentStage + 1,
        holder: holderKey(next.holder),
        stageStartedAt: now,
        stageDueAt: addWorkingDays(now, next.days),
      },
    );
    if (!updated) throw stale();
    await repo.insertEvent(tx, { ...event, action: 'stage_approved' });
  } else {
    const policy = policyOf(pack, row.policyId);
    const outcome = await grantWithCommitment(tx, {
      district: row.district,
      pack,
      packVersionId: row.packVersionId,
      policy,
      subject: {
        key: row.subjectKey,
        kind: row.subjectKind as Subject['kind'],
        name: row.subjectName,
        talentId: row.talentId,
        enterpriseId: row.enterpriseId,
      },
      amountCents: row.amountCents,
      facts: row.facts,
      applicationId: id,
      mode: 'apply',
      grantedBy: actor.username,
      now,
    });
    updated = await repo.updateApplicationIf(
      tx,
      id,
      { status: 'in_review', stage: row.currentStage },
      {
        status: 'approved',
        holder: null,
        decidedAt: now,
        decisionReason: event.reason,
      },
    );
    if (!updated) throw stale();
    await repo.insertEvent(tx, { ...event, action: 'approved' });
    if (outcome.fund) {
      await repo.insertEvent(tx, {
        ...event,
        reason: null,
        action: 'budget_committed',
        details: {
          fund: outcome.fund.code,
          amount: toYuan(row.amountCents),
          remaining: toYuan(outcome.fund.budgetCents - outcome.fund.committedCents),
          payments: outcome.items.map((i) => ({
            id: i.id,
            amount: toYuan(i.amountCents),
            dueDate: i.dueDate,
          })),
        },
      });
    }
    notes.push(
      ...note(
        'application_approved',
        `“${row.titleZh}”已批准：${toYuan(row.amountCents).toLocaleString('en-US')} 元`,
        `"${row.titleEn}" was approved: ${toYuan(row.amountCents).toLocaleString('en-US')} CNY`,
        '款项将按计划发放。',
        'The money will be paid on schedule.',
      ),
    );
  }
  await repo.insertNotifications(tx, notes);
  await appendAudit(ctx, tx, {
    action: `application.${input.action}`,
    object: `application:${id}`,
    outcome: 'success',
    details: { stage: stage?.id ?? null, reason: event.reason },
  });
  return toView(updated, now);
}

export type BulkDecide = { ids: number[]; action: 'approve' | 'return'; reason?: string | undefined };

/** Bulk approve or return: each application in its own transaction; the answer says which succeeded and why not. */
export async function bulkDecide(ctx: Ctx, input: BulkDecide) {
  const actor = authorize(ctx, 'application:review');
  needsReason(input);
  const holders = await holdersOf(ctx.db, actor);
  const results: { id: number; ok: boolean; status?: string; code?: string; message?: string }[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const before = await repo.findApplication(ctx.db, id);
      if (!before || before.district !== actor.district) throw notFound(id);
      const pack = await loadPackOf(ctx, before);
      const view = await ctx.db.transaction((tx) =>
        decideIn(ctx, tx as unknown as Db, actor, holders, pack, id, {
          action: input.action,
          reason: input.reason,
        }),
      );
      results.push({ id, ok: true, status: view.status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, code: err.code, message: err.localized(ctx.lang) });
    }
  }
  return { results, succeeded: results.filter((r) => r.ok).length };
}
