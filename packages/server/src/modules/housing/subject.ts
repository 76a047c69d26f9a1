// What the talent services (housing, events, loans, youth reserve) need to know about a talent: who the
// signed-in talent is, their engine facts, current tier, the tier's rank and entitlements in the pack.
import { type CompiledPack, type Decision, decide, type Facts } from '@rencai/engine';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { talents } from '../../db/schema';
import { AppError } from '../../errors';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { loadTalentFacts } from '../talents/talents.facts';

export type TalentSubject = {
  talentId: number;
  name: string;
  facts: Facts;
  /** The current tier, or 'NONE'. */
  tier: string;
  pack: CompiledPack;
  asOf: string;
};

/** The district's compiled active pack; 404 when the district has published none. */
export async function activePackOf(ctx: Ctx, district: string): Promise<CompiledPack> {
  const active = await findActivePack(ctx.db, district);
  if (!active)
    throw new AppError(
      'not_found',
      { zh: `区县 ${district} 尚未发布政策`, en: `District ${district} has not published its policies` },
      { district },
    );
  return active.pack;
}

/** Today in China (YYYY-MM-DD), by the context's clock. */
export const todayOf = (ctx: Ctx) => chinaDate(ctx.now());

/** The talent record of a talent account, or undefined when the person has no record yet. */
export async function findTalentOfAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({ id: talents.id, name: talents.name, district: talents.district })
    .from(talents)
    .where(eq(talents.accountId, accountId))
    .limit(1);
  return row;
}

/** The signed-in talent as a subject of the pack; 404 (in zh/en) when their record does not exist yet. */
export async function subjectOfActor(ctx: Ctx, actor: Actor): Promise<TalentSubject> {
  const talent = await findTalentOfAccount(ctx.db, actor.accountId);
  if (!talent || talent.district !== actor.district)
    throw new AppError('not_found', {
      zh: '尚未建立您的人才档案，请先完善“我的档案”',
      en: 'You have no talent record yet; complete your profile first',
    });
  return subjectOfTalent(ctx, actor.district, talent.id, talent.name);
}

/** A talent (by id) as a subject of the district's pack. */
export async function subjectOfTalent(
  ctx: Ctx,
  district: string,
  talentId: number,
  name?: string,
): Promise<TalentSubject> {
  const pack = await activePackOf(ctx, district);
  const facts = await loadTalentFacts(ctx.db, talentId, ctx.now());
  if (!facts) throw new AppError('not_found', { zh: '人才不存在', en: 'No such talent' }, { talentId });
  let who = name;
  if (who === undefined) {
    const [row] = await ctx.db.select({ name: talents.name }).from(talents).where(eq(talents.id, talentId));
    who = row?.name ?? '';
  }
  return {
    talentId,
    name: who,
    facts,
    tier: typeof facts.tier === 'string' ? facts.tier : 'NONE',
    pack,
    asOf: todayOf(ctx),
  };
}

/** The rank of a tier in the pack's catalogue (0 = best); tiers outside it rank after every tier. */
export function tierRank(pack: CompiledPack, tier: string): number {
  const i = pack.pack.tiers.findIndex((t) => t.id === tier);
  return i < 0 ? pack.pack.tiers.length : i;
}

/** Whether the tier's entitlements in the pack include a service (e.g. talent_apartment, talent_loan). */
export function tierEntitles(pack: CompiledPack, tier: string, service: string): boolean {
  return pack.pack.tiers.find((t) => t.id === tier)?.entitlements.some((e) => e.service === service) ?? false;
}

/** The tier's display name in the caller's language (the tier id when the pack does not know it). */
export function tierName(pack: CompiledPack, tier: string, lang: 'zh' | 'en'): string {
  const t = pack.pack.tiers.find((x) => x.id === tier);
  return t ? t.name[lang] : tier;
}

/** The first in-force policy of a kind in the pack (e.g. the district's apartment policy). */
export function policyOfKind(pack: CompiledPack, kind: string, asOf: string) {
  return pack.pack.policies.find(
    (p) =>
      p.kind === kind &&
      p.audience === 'talent' &&
      p.effective.from <= asOf &&
      (p.effective.to === undefined || asOf <= p.effective.to),
  );
}

/**
 * Decides a pack policy for the subject and refuses anything but eligible: 422 with the engine's own
 * one-line reason (ineligible: the first unmet condition; unknown: the facts to give).
 */
export function requireEligible(subject: TalentSubject, policyId: string): Decision {
  if (!subject.pack.byId.has(policyId))
    throw new AppError(
      'not_found',
      { zh: `政策包中没有政策 ${policyId}`, en: `The pack has no policy ${policyId}` },
      { policyId },
    );
  const decision = decide(subject.pack, policyId, subject.facts, subject.asOf);
  if (decision.verdict !== 'eligible')
    throw new AppError('policy_denied', decision.summary, {
      policyId,
      verdict: decision.verdict,
      missing: decision.missing,
    });
  return decision;
}
