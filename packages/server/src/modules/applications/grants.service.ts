// 免申即享: policies in `automatic` mode are granted without an application. For every subject the engine
// finds eligible (and, in an exclusivity group, chosen: 就高不重复) with no grant yet, one transaction
// writes the grant, commits the budget, schedules the payments and notifies the subject. Running it again
// grants nothing twice (the grant's unique key is the subject × policy).
import { type CompiledPack, evaluateSubject } from '@rencai/engine';
import { authorize } from '../../authz';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import { grantWithCommitment, type Subject, toCents, toYuan } from '../fulfilment/fulfilment.service';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { loadEnterpriseFacts, loadTalentFacts } from '../talents/talents.facts';
import * as repo from './applications.repo';

export type AutomaticReport = {
  district: string;
  subjects: number;
  granted: number;
  /** Eligible but not granted: the budget could not cover it, or the group was already granted. */
  skipped: { policyId: string; subject: string; reason: string }[];
};

function systemCtx(db: Db, district: string, now: Date): Ctx {
  return {
    db,
    config: {} as Config,
    actor: null,
    district,
    lang: 'zh',
    requestId: 'automatic-grants',
    ip: null,
    now: () => now,
    audited: { done: false },
  };
}

/**
 * Grants every automatic policy one subject is eligible for and not yet granted; returns what it granted.
 * The matching module calls this after it re-decides a subject.
 */
export async function grantAutomaticForSubject(
  db: Db,
  district: string,
  who: { kind: 'talent' | 'enterprise'; id: number },
  now = new Date(),
  active?: { versionId: number; pack: CompiledPack },
): Promise<Omit<AutomaticReport, 'district' | 'subjects'>> {
  const pack = active ?? (await findActivePack(db, district));
  const report = { granted: 0, skipped: [] as AutomaticReport['skipped'] };
  if (!pack) return report;
  const today = chinaDate(now);
  const loaded =
    who.kind === 'talent'
      ? await loadTalentFacts(db, who.id, now)
      : await loadEnterpriseFacts(db, who.id, now);
  if (!loaded) return report;
  const facts = { ...loaded } as Record<string, unknown>;
  const evaluation = evaluateSubject(pack.pack, who.kind, facts, today);
  const wanted = evaluation.decisions.filter(
    (d) =>
      d.grantMode === 'automatic' &&
      d.verdict === 'eligible' &&
      d.amount !== null &&
      (!d.exclusivity || d.exclusivity.chosen),
  );
  if (wanted.length === 0) return report;
  const key = `${who.kind}:${who.id}`;
  const existing = new Set((await repo.listGrantsOfSubjects(db, district, [key])).map((g) => g.policyId));
  const named =
    who.kind === 'talent' ? await repo.findTalent(db, who.id) : await repo.findEnterprise(db, who.id);
  if (!named) return report;
  const subject: Subject = {
    key,
    kind: who.kind,
    name: named.name,
    talentId: who.kind === 'talent' ? who.id : null,
    enterpriseId: who.kind === 'enterprise' ? who.id : null,
  };
  const accounts = await repo.subjectAccounts(db, subject);
  const ctx = systemCtx(db, district, now);
  for (const d of wanted) {
    if (existing.has(d.policyId)) continue;
    const policy = pack.pack.byId.get(d.policyId)?.policy;
    if (!policy) continue;
    const amountCents = toCents(d.amount as number);
    try {
      await db.transaction(async (raw) => {
        const tx = raw as unknown as Db;
        const outcome = await grantWithCommitment(tx, {
          district,
          pack: pack.pack,
          packVersionId: pack.versionId,
          policy,
          subject,
          amountCents,
          facts,
          applicationId: null,
          mode: 'automatic',
          grantedBy: 'system',
          now,
        });
        const amount = toYuan(amountCents).toLocaleString('en-US');
        await repo.insertNotifications(
          tx,
          accounts.map((accountId) => ({
            district,
            accountId,
            kind: 'policy_granted',
            titleZh: `免申即享：“${policy.title.zh}”已为您兑现`,
            titleEn: `Granted without applying: "${policy.title.en}"`,
            bodyZh: amountCents > 0 ? `无需申请，共 ${amount} 元，将按计划发放。` : '无需申请，已为您开通。',
            bodyEn:
              amountCents > 0
                ? `No application needed: ${amount} CNY in all, paid on schedule.`
                : 'No application needed; it is now available to you.',
            link: '/applications',
            dedupeKey: `policy_granted:${policy.id}`,
          })),
        );
        await appendAudit(
          ctx,
          tx,
          {
            action: 'grant.automatic',
            object: `grant:${outcome.grant.id}`,
            outcome: 'success',
            details: { policyId: policy.id, subject: key, amountCents },
          },
          'system',
        );
      });
      report.granted++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const details = err.details as { reason?: string } | undefined;
      report.skipped.push({ policyId: d.policyId, subject: key, reason: details?.reason ?? err.code });
    }
  }
  return report;
}

/** Runs 免申即享 over every talent and enterprise of a district (demo start-up, and after a publish). */
export async function runAutomaticGrants(
  db: Db,
  district: string,
  now = new Date(),
): Promise<AutomaticReport> {
  const active = await findActivePack(db, district);
  const report: AutomaticReport = { district, subjects: 0, granted: 0, skipped: [] };
  if (!active) return report;
  const subjects: { kind: 'talent' | 'enterprise'; id: number }[] = [
    ...(await repo.listTalentIds(db, district)).map((id) => ({ kind: 'talent' as const, id })),
    ...(await repo.listEnterpriseIds(db, district)).map((id) => ({ kind: 'enterprise' as const, id })),
  ];
  for (const s of subjects) {
    const r = await grantAutomaticForSubject(db, district, s, now, active);
    report.subjects++;
    report.granted += r.granted;
    report.skipped.push(...r.skipped);
  }
  return report;
}

/** The admin runs 免申即享 for the district now (e.g. after publishing a pack). */
export async function runAutomaticGrantsNow(ctx: Ctx): Promise<AutomaticReport> {
  const actor = authorize(ctx, 'grant:run');
  return runAutomaticGrants(ctx.db, actor.district, ctx.now());
}
