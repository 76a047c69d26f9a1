// 政策找人, as people see it: "my policies" of a talent or an enterprise from their eligibility snapshot
// (verdict, amount, schedule, the facts still missing with where to give them, the conditions not met in
// plain words, 就高不重复 with what the other options would give), and the administrator's counts per
// policy and the progress of the re-deciding runs.
import { explainPolicy, type Lang, type Policy } from '@rencai/engine';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import {
  describeAmount,
  describeSchedule,
  failingReasons,
  inSentence,
  isIllustrative,
  resolutionText,
} from '../policies/policies.text';
import { loadEnterpriseFacts, loadTalentFacts } from '../talents/talents.facts';
import { redecideEnterprise, redecideTalent, type SubjectKind } from './matching.decide';
import { redecideDistrictJob } from './matching.jobs';
import * as repo from './matching.repo';

/** Where in the profile a talent gives each fact (/profile#<section>); enterprises: /enterprise#<section>. */
const TALENT_SECTIONS: Record<string, string> = {
  birthDate: 'identity',
  gender: 'identity',
  nationality: 'identity',
  isForeigner: 'identity',
  hasLocalHukou: 'employment',
  arrivalDate: 'employment',
  degree: 'education',
  isPostdoc: 'education',
  graduationDate: 'education',
  fullTimeDegree: 'education',
  schoolLevel: 'education',
  isReturnee: 'education',
  professionalTitle: 'titles',
  skillLevel: 'titles',
  honours: 'honours',
  tier: 'certification',
  tierCertifiedDate: 'certification',
  employerInDistrict: 'employment',
  employerType: 'employment',
  employmentStartDate: 'employment',
  contractYears: 'employment',
  industry: 'employment',
  occupation: 'employment',
  onShortageCatalogue: 'employment',
  annualSalary: 'employment',
  foundedCompany: 'employment',
  inYouthReserve: 'employment',
  socialInsuranceMonths: 'insurance',
  socialInsuranceContinuousMonths: 'insurance',
  socialInsuranceLocal: 'insurance',
  ownsHomeInDistrict: 'housing',
  purchasePrice: 'housing',
  homePurchaseDate: 'housing',
  rentsInDistrict: 'housing',
  monthlyRent: 'housing',
  livesInTalentApartment: 'housing',
  childrenCount: 'family',
};

/** The profile link that supplies a fact. */
export function profileLink(kind: SubjectKind, fact: string): string {
  if (kind === 'enterprise') return `/enterprise#facts`;
  return `/profile#${TALENT_SECTIONS[fact] ?? 'facts'}`;
}

async function subjectOf(ctx: Ctx): Promise<{ kind: SubjectKind; id: number; name: string } | undefined> {
  const actor = authorize(ctx, 'matching:read-own');
  if (actor.role === 'talent') {
    const t = await repo.findTalentOfAccount(ctx.db, actor.accountId);
    return t ? { kind: 'talent', id: t.id, name: t.name } : undefined;
  }
  const e = await repo.findEnterpriseOfAccount(ctx.db, actor.accountId);
  return e ? { kind: 'enterprise', id: e.id, name: e.name } : undefined;
}

const money = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/**
 * The caller's policies (talent or enterprise HR): every policy of the active pack for their audience
 * with its verdict from the snapshot (decided now if the snapshot is missing or from an older version).
 */
export async function myPolicies(ctx: Ctx) {
  const actor = authorize(ctx, 'matching:read-own');
  const district = ctx.district ?? actor.district;
  const lang: Lang = ctx.lang;
  const active = await findActivePack(ctx.db, district);
  if (!active)
    throw new AppError(
      'not_found',
      { zh: `区县 ${district} 尚未发布政策`, en: `District ${district} has not published its policies` },
      { district },
    );
  const kind: SubjectKind = actor.role === 'talent' ? 'talent' : 'enterprise';
  const packVersion = { id: active.versionId, version: active.version, label: active.label };
  const me = await subjectOf(ctx);
  if (!me)
    return {
      subject: null,
      kind,
      packVersion,
      decidedAt: null,
      total: 0,
      totalComplete: true,
      items: [],
      groups: [],
      counts: { eligible: 0, unknown: 0, ineligible: 0 },
    };
  let subject = await repo.findSubject(ctx.db, me.kind, me.id);
  if (!subject || subject.packVersionId !== active.versionId) {
    if (me.kind === 'talent') await redecideTalent(ctx.db, district, me.id, { config: ctx.config });
    else await redecideEnterprise(ctx.db, district, me.id, { config: ctx.config });
    subject = await repo.findSubject(ctx.db, me.kind, me.id);
  }
  const rows = new Map((await repo.listSnapshots(ctx.db, me.kind, me.id)).map((r) => [r.policyId, r]));
  const compiled = active.pack;
  const pack = compiled.pack;
  const now = ctx.now();
  const asOf = chinaDate(now);
  const facts =
    (me.kind === 'talent'
      ? await loadTalentFacts(ctx.db, me.id, now)
      : await loadEnterpriseFacts(ctx.db, me.id, now)) ?? {};
  const title = (id: string) => compiled.byId.get(id)?.policy.title[lang] ?? id;
  const items = pack.policies
    .filter((p) => p.audience === me.kind)
    .map((policy: Policy) => {
      const row = rows.get(policy.id);
      const verdict: 'eligible' | 'unknown' | 'ineligible' = row
        ? (row.verdict as 'eligible' | 'unknown')
        : 'ineligible';
      let reasons: string[] = [];
      if (verdict === 'ineligible') {
        const inForce =
          policy.effective.from <= asOf && (policy.effective.to === undefined || asOf <= policy.effective.to);
        reasons = inForce
          ? failingReasons(explainPolicy(compiled, policy.id, facts, asOf).condition, lang)
          : [
              lang === 'zh'
                ? `不在政策有效期内（${policy.effective.from} 至 ${policy.effective.to ?? '长期'}）`
                : `Not in force (${policy.effective.from} – ${policy.effective.to ?? 'open'})`,
            ];
      }
      const schedule = (row?.schedule ?? []) as {
        share: number;
        amount: number | null;
        dueDate: string;
        state: string;
      }[];
      const eligible = verdict === 'eligible';
      const chosen = row ? row.chosen : true;
      return {
        policyId: policy.id,
        title: policy.title[lang],
        summary: policy.summary?.[lang] ?? null,
        kind: policy.kind,
        verdict,
        amount: eligible ? money(row?.amount ?? null) : null,
        amountText: describeAmount(pack, policy, asOf, lang, true),
        schedule: schedule.map((s) => ({
          share: s.share,
          amount: s.amount,
          dueDate: s.dueDate,
          state: s.state as 'due' | 'pending' | 'unknown',
        })),
        scheduleText: eligible ? describeSchedule(compiled, policy, asOf, lang).map((s) => s.text) : [],
        missing: (row?.missing ?? []).map((name) => ({
          name,
          label: inSentence(pack, pack.schema[name]?.derivedFrom ?? name, lang),
          link: profileLink(me.kind, pack.schema[name]?.derivedFrom ?? name),
        })),
        reasons,
        grantMode: policy.grantMode,
        automatic: policy.grantMode === 'automatic',
        illustrative: isIllustrative(pack, policy),
        exclusivity: policy.exclusivity
          ? {
              group: policy.exclusivity.group,
              chosen: eligible && chosen,
              displacedBy: row?.displacedBy ?? null,
              displacedByTitle: row?.displacedBy ? title(row.displacedBy) : null,
            }
          : null,
        /** Where to apply: eligible, offered (就高不重复) and granted on application. */
        applyUrl:
          eligible && chosen && policy.grantMode === 'apply'
            ? `/applications/new?policy=${encodeURIComponent(policy.id)}`
            : null,
      };
    });
  const order = { eligible: 0, unknown: 1, ineligible: 2 } as const;
  items.sort(
    (a, b) =>
      order[a.verdict] - order[b.verdict] ||
      Number(b.exclusivity?.chosen ?? true) - Number(a.exclusivity?.chosen ?? true) ||
      (b.amount ?? 0) - (a.amount ?? 0) ||
      a.title.localeCompare(b.title),
  );
  const groups = pack.exclusivityGroups
    .map((g) => {
      const members = items.filter((i) => i.exclusivity?.group === g.id);
      const chosen = members.find((m) => m.verdict === 'eligible' && m.exclusivity?.chosen);
      return {
        group: g.id,
        name: g.name[lang],
        resolution: g.resolution,
        resolutionText: resolutionText(g.resolution, lang),
        chosen: chosen?.policyId ?? null,
        chosenTitle: chosen?.title ?? null,
        members: members.map((m) => ({
          policyId: m.policyId,
          title: m.title,
          verdict: m.verdict,
          amount: m.amount,
          amountText: m.amountText,
        })),
      };
    })
    .filter((g) => g.members.some((m) => m.verdict !== 'ineligible'));
  return {
    subject: { kind: me.kind, id: me.id, name: me.name },
    kind,
    packVersion,
    decidedAt: subject?.decidedAt.toISOString() ?? null,
    total: money(subject?.total ?? 0) ?? 0,
    totalComplete: subject?.totalComplete ?? true,
    items,
    groups,
    counts: {
      eligible: items.filter((i) => i.verdict === 'eligible').length,
      unknown: items.filter((i) => i.verdict === 'unknown').length,
      ineligible: items.filter((i) => i.verdict === 'ineligible').length,
    },
  };
}

// ---------------------------------------------------------------- the administrator

/** Per policy of the active version: eligible, offered, unknown, and applied / granted / paid from claims. */
export async function policyCounts(ctx: Ctx) {
  const actor = authorize(ctx, 'matching:admin');
  const district = ctx.district ?? actor.district;
  const active = await findActivePack(ctx.db, district);
  if (!active)
    throw new AppError('not_found', { zh: '尚未发布政策', en: 'No policies published' }, { district });
  const lang = ctx.lang;
  const counts = new Map(
    (await repo.countsPerPolicy(ctx.db, district, active.versionId)).map((c) => [c.policyId, c]),
  );
  const claims = await repo.claimCountsPerPolicy(ctx.db, district);
  const perVersion = await repo.subjectsPerVersion(ctx.db, district);
  const pack = active.pack.pack;
  return {
    packVersion: { id: active.versionId, version: active.version, label: active.label },
    claimsAvailable: claims !== undefined,
    subjects: {
      decided: perVersion.filter((v) => v.packVersionId === active.versionId).reduce((n, v) => n + v.n, 0),
      olderVersions: perVersion
        .filter((v) => v.packVersionId !== active.versionId)
        .reduce((n, v) => n + v.n, 0),
    },
    items: pack.policies.map((p) => {
      const c = counts.get(p.id);
      const k = claims?.get(p.id);
      return {
        policyId: p.id,
        title: p.title[lang],
        audience: p.audience,
        fund: pack.funds.find((f) => f.id === p.fund)?.name[lang] ?? null,
        grantMode: p.grantMode,
        eligible: c?.eligible ?? 0,
        offered: c?.offered ?? 0,
        unknown: c?.unknown ?? 0,
        offeredAmount: c?.amount ?? 0,
        applied: k?.applied ?? 0,
        granted: k?.granted ?? 0,
        paid: k?.paid ?? 0,
      };
    }),
  };
}

const toRun = (r: repo.RunRow) => ({
  id: r.id,
  packVersionId: r.packVersionId,
  status: r.status as 'queued' | 'running' | 'done' | 'failed' | 'superseded',
  total: r.total,
  done: r.done,
  newlyEligible: r.newlyEligible,
  notified: r.notified,
  error: r.error,
  requestedBy: r.requestedBy,
  createdAt: r.createdAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});
export type MatchingRun = ReturnType<typeof toRun>;

export async function listRuns(ctx: Ctx) {
  const actor = authorize(ctx, 'matching:admin');
  const rows = await repo.listRuns(ctx.db, ctx.district ?? actor.district, 20);
  return { items: rows.map(toRun) };
}

export async function getRun(ctx: Ctx, runId: number) {
  const actor = authorize(ctx, 'matching:admin');
  const row = await repo.findRun(ctx.db, ctx.district ?? actor.district, runId);
  if (!row)
    throw new AppError('not_found', { zh: '找不到该匹配任务', en: 'No such matching run' }, { runId });
  return toRun(row);
}

/**
 * Queues a run that re-decides everyone of the district under a version (audited with the run row).
 * Used by a pack publish and by the administrator's "run again".
 */
export async function queueRun(ctx: Ctx, district: string, packVersionId: number, requestedBy: string) {
  const run = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertRun(tx, { district, packVersionId, requestedBy });
    await appendAudit({ ...ctx, district }, tx, {
      action: 'matching.run.queue',
      object: `matching_run:${row.id}`,
      outcome: 'success',
      details: { packVersionId },
    });
    return row;
  });
  try {
    await redecideDistrictJob({ db: ctx.db, config: ctx.config }, { district, packVersionId, runId: run.id });
  } catch {
    // The run row records the failure (executeRun marks it failed); the caller's change stands.
  }
  return toRun((await repo.findRun(ctx.db, district, run.id)) ?? run);
}

/** The administrator asks for everyone to be re-decided under the active version now. */
export async function startRun(ctx: Ctx) {
  const actor = authorize(ctx, 'matching:admin');
  const district = ctx.district ?? actor.district;
  const active = await findActivePack(ctx.db, district);
  if (!active)
    throw new AppError('not_found', { zh: '尚未发布政策', en: 'No policies published' }, { district });
  return queueRun(ctx, district, active.versionId, actor.username);
}
