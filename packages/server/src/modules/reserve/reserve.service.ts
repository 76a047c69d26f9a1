// 优秀青年人才储备库 (Wuchang §4: 分层分类、适时更新、动态管理): levels with a review period; entry by
// nomination (enterprise HR for its own employees, or the administrator) or by criteria (a pack policy
// the engine decides); periodic reviews that keep, move or exit a member; exit with a reason; full history.
import { decide } from '@rencai/engine';
import type { z } from 'zod';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { maskName } from '../../lib/mask';
import { appendAudit } from '../audit/audit.service';
import { activePackOf, subjectOfActor, subjectOfTalent, todayOf } from '../housing/subject';
import * as repo from './reserve.repo';
import type * as schema from './reserve.schema';

export type ReserveLevel = z.infer<typeof schema.ReserveLevel>;
export type ReserveMember = z.infer<typeof schema.ReserveMember>;
export type ReserveHistoryEntry = z.infer<typeof schema.ReserveHistoryEntry>;

/** The date `months` after `day` (YYYY-MM-DD), clamped to the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

const levelNotFound = () =>
  new AppError('not_found', { zh: '没有这个储备库层级', en: 'No such reserve level' });
const memberNotFound = () =>
  new AppError('not_found', { zh: '没有这条储备库记录', en: 'No such reserve membership' });

function toLevel(l: repo.LevelRow, lang: 'zh' | 'en'): ReserveLevel {
  return {
    id: l.id,
    code: l.code,
    name: lang === 'zh' ? l.nameZh : l.nameEn || l.nameZh,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    rank: l.rank,
    reviewMonths: l.reviewMonths,
    criteriaPolicyId: l.criteriaPolicyId,
  };
}

function toMember(
  m: repo.MemberRow,
  name: string,
  levels: Map<number, repo.LevelRow>,
  lang: 'zh' | 'en',
  today: string,
): ReserveMember {
  const level = levels.get(m.levelId);
  return {
    id: m.id,
    talentId: m.talentId,
    talentName: name,
    levelId: m.levelId,
    levelName: level ? (lang === 'zh' ? level.nameZh : level.nameEn || level.nameZh) : String(m.levelId),
    entryPath: m.entryPath as ReserveMember['entryPath'],
    nominatedBy: m.nominatedBy,
    status: m.status as ReserveMember['status'],
    enteredAt: m.enteredAt.toISOString(),
    nextReviewDate: m.nextReviewDate,
    reviewDue: m.status === 'active' && m.nextReviewDate <= today,
    exitedAt: m.exitedAt?.toISOString() ?? null,
    exitReason: m.exitReason,
  };
}

function toHistory(
  h: repo.HistoryRow,
  levels: Map<number, repo.LevelRow>,
  lang: 'zh' | 'en',
): ReserveHistoryEntry {
  const name = (id: number | null) => {
    if (id === null) return null;
    const l = levels.get(id);
    return l ? (lang === 'zh' ? l.nameZh : l.nameEn || l.nameZh) : String(id);
  };
  return {
    id: h.id,
    memberId: h.memberId,
    kind: h.kind as ReserveHistoryEntry['kind'],
    fromLevel: name(h.fromLevelId),
    toLevel: name(h.toLevelId),
    note: h.note,
    by: h.by,
    at: h.at.toISOString(),
  };
}

async function levelMap(db: Db, district: string) {
  return new Map((await repo.listLevels(db, district)).map((l) => [l.id, l]));
}

// ------------------------------------------------------------------ levels

export async function listLevels(ctx: Ctx) {
  const actor = authorize(ctx, 'reserve:read');
  return { items: (await repo.listLevels(ctx.db, actor.district)).map((l) => toLevel(l, ctx.lang)) };
}

export type LevelInput = {
  code: string;
  nameZh: string;
  nameEn?: string | undefined;
  rank: number;
  reviewMonths: number;
  criteriaPolicyId?: string | null | undefined;
};

async function checkCriteria(ctx: Ctx, district: string, policyId: string | null | undefined) {
  if (!policyId) return;
  const pack = await activePackOf(ctx, district);
  const p = pack.byId.get(policyId)?.policy;
  if (p?.audience !== 'talent')
    throw new AppError(
      'validation_failed',
      { zh: `政策包中没有面向人才的政策 ${policyId}`, en: `The pack has no talent policy ${policyId}` },
      [{ path: 'body.criteriaPolicyId', message: 'unknown policy' }],
    );
}

export async function createLevel(ctx: Ctx, input: LevelInput) {
  const actor = authorize(ctx, 'reserve:manage');
  await checkCriteria(ctx, actor.district, input.criteriaPolicyId);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertLevel(tx, {
      district: actor.district,
      code: input.code,
      nameZh: input.nameZh,
      nameEn: input.nameEn ?? '',
      rank: input.rank,
      reviewMonths: input.reviewMonths,
      criteriaPolicyId: input.criteriaPolicyId ?? null,
    });
    if (!row)
      throw new AppError('conflict', {
        zh: `层级代码 ${input.code} 已存在`,
        en: `Level code ${input.code} exists`,
      });
    await appendAudit(ctx, tx, {
      action: 'reserve.level.create',
      object: `reserve_level:${row.id}`,
      outcome: 'success',
      details: { ...input },
    });
    return toLevel(row, ctx.lang);
  });
}

export async function updateLevel(ctx: Ctx, id: number, input: Partial<LevelInput>) {
  const actor = authorize(ctx, 'reserve:manage');
  if (!(await repo.findLevel(ctx.db, actor.district, id))) throw levelNotFound();
  await checkCriteria(ctx, actor.district, input.criteriaPolicyId);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.updateLevel(tx, id, input);
    if (!row) throw levelNotFound();
    await appendAudit(ctx, tx, {
      action: 'reserve.level.update',
      object: `reserve_level:${id}`,
      outcome: 'success',
      details: { ...input },
    });
    return toLevel(row, ctx.lang);
  });
}

// ------------------------------------------------------------------ entry

async function enter(
  ctx: Ctx,
  district: string,
  talentId: number,
  level: repo.LevelRow,
  path: 'nomination' | 'criteria',
  note: string,
) {
  const by = ctx.actor?.username ?? 'system';
  const today = todayOf(ctx);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertMember(tx, {
      district,
      talentId,
      levelId: level.id,
      entryPath: path,
      nominatedBy: by,
      enteredAt: ctx.now(),
      nextReviewDate: addMonths(today, level.reviewMonths),
    });
    if (!row)
      throw new AppError('conflict', {
        zh: '该人才已在储备库中',
        en: 'The talent is already in the reserve pool',
      });
    await repo.insertHistory(tx, {
      district,
      memberId: row.id,
      talentId,
      kind: 'entered',
      toLevelId: level.id,
      note,
      by,
      at: ctx.now(),
    });
    await appendAudit(ctx, tx, {
      action: 'reserve.enter',
      object: `reserve_member:${row.id}`,
      outcome: 'success',
      details: { talentId, levelId: level.id, path },
    });
    return row;
  });
}

/**
 * Nominates a talent into a level: an enterprise's HR for its own confirmed employees only, or the
 * administrator for any talent of the district.
 */
export async function nominate(
  ctx: Ctx,
  input: { talentId: number; levelId: number; note?: string | undefined },
) {
  const actor = authorize(ctx, 'reserve:nominate');
  const talent = await repo.findTalent(ctx.db, actor.district, input.talentId);
  if (!talent)
    throw new AppError('not_found', { zh: '人才不存在', en: 'No such talent' }, { talentId: input.talentId });
  if (actor.role === 'enterprise') {
    const enterpriseId = await repo.enterpriseOfAccount(ctx.db, actor.accountId);
    if (!enterpriseId || !(await repo.employs(ctx.db, enterpriseId, talent.id)))
      throw new AppError('forbidden', {
        zh: '只能举荐本单位在职人才',
        en: 'You can nominate only your own employees',
      });
  }
  const level = await repo.findLevel(ctx.db, actor.district, input.levelId);
  if (!level) throw levelNotFound();
  const row = await enter(ctx, actor.district, talent.id, level, 'nomination', input.note ?? '');
  return toMember(row, talent.name, await levelMap(ctx.db, actor.district), ctx.lang, todayOf(ctx));
}

/**
 * Entry by criteria: the level's pack policy decides each candidate (all talents of the district not in
 * the pool, or the one given); the eligible enter, the rest are counted with the engine's verdict.
 */
export async function admitByCriteria(
  ctx: Ctx,
  levelId: number,
  input: { talentId?: number | undefined } = {},
) {
  const actor = authorize(ctx, 'reserve:manage');
  const level = await repo.findLevel(ctx.db, actor.district, levelId);
  if (!level) throw levelNotFound();
  if (!level.criteriaPolicyId)
    throw new AppError('conflict', {
      zh: '该层级只接受举荐，未设遴选条件',
      en: 'This level takes nominations only; it has no criteria',
    });
  const pack = await activePackOf(ctx, actor.district);
  if (!pack.byId.has(level.criteriaPolicyId))
    throw new AppError('conflict', {
      zh: `政策包中已没有政策 ${level.criteriaPolicyId}`,
      en: `The pack no longer has ${level.criteriaPolicyId}`,
    });
  const candidates = input.talentId
    ? [{ id: input.talentId }]
    : await repo.listCandidates(ctx.db, actor.district, 5000);
  const counts = { admitted: 0, ineligible: 0, unknown: 0, alreadyMembers: 0 };
  const admitted: number[] = [];
  for (const c of candidates) {
    if (await repo.findActiveMembership(ctx.db, c.id)) {
      counts.alreadyMembers++;
      continue;
    }
    const subject = await subjectOfTalent(ctx, actor.district, c.id);
    const d = decide(pack, level.criteriaPolicyId, subject.facts, subject.asOf);
    if (d.verdict !== 'eligible') {
      counts[d.verdict === 'unknown' ? 'unknown' : 'ineligible']++;
      continue;
    }
    await enter(ctx, actor.district, c.id, level, 'criteria', d.summary[ctx.lang]);
    counts.admitted++;
    admitted.push(c.id);
  }
  return { ...counts, admittedTalentIds: admitted };
}

// ------------------------------------------------------------------ review and exit

/** A periodic review: keep (next review one period later), move to another level, or exit with a reason. */
export async function reviewMember(
  ctx: Ctx,
  memberId: number,
  input: { outcome: 'keep' | 'change_level' | 'exit'; levelId?: number | undefined; note: string },
) {
  const actor = authorize(ctx, 'reserve:manage');
  const member = await repo.findMember(ctx.db, actor.district, memberId);
  if (!member) throw memberNotFound();
  if (input.outcome === 'exit') return exitMember(ctx, memberId, { reason: input.note });
  const levels = await levelMap(ctx.db, actor.district);
  const target =
    input.outcome === 'change_level' ? levels.get(input.levelId ?? 0) : levels.get(member.levelId);
  if (!target)
    throw new AppError('validation_failed', { zh: '请选择新的层级', en: 'Choose the new level' }, [
      { path: 'body.levelId', message: 'required' },
    ]);
  const row = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const next = addMonths(todayOf(ctx), target.reviewMonths);
    const updated = await repo.updateActiveMember(tx, memberId, { levelId: target.id, nextReviewDate: next });
    if (!updated) throw new AppError('conflict', { zh: '该成员已出库', en: 'The member has left the pool' });
    const changed = target.id !== member.levelId;
    await repo.insertHistory(tx, {
      district: actor.district,
      memberId,
      talentId: member.talentId,
      kind: changed ? 'level_changed' : 'reviewed',
      fromLevelId: member.levelId,
      toLevelId: target.id,
      note: input.note,
      by: actor.username,
      at: ctx.now(),
    });
    await appendAudit(ctx, tx, {
      action: changed ? 'reserve.level_change' : 'reserve.review',
      object: `reserve_member:${memberId}`,
      outcome: 'success',
      details: { from: member.levelId, to: target.id, nextReviewDate: next },
    });
    return updated;
  });
  const talent = await repo.findTalent(ctx.db, actor.district, row.talentId);
  return toMember(row, talent?.name ?? '', levels, ctx.lang, todayOf(ctx));
}

export async function exitMember(ctx: Ctx, memberId: number, input: { reason: string }) {
  const actor = authorize(ctx, 'reserve:manage');
  const member = await repo.findMember(ctx.db, actor.district, memberId);
  if (!member) throw memberNotFound();
  const row = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const updated = await repo.updateActiveMember(tx, memberId, {
      status: 'exited',
      exitedAt: ctx.now(),
      exitReason: input.reason,
    });
    if (!updated) throw new AppError('conflict', { zh: '该成员已出库', en: 'The member has left the pool' });
    await repo.insertHistory(tx, {
      district: actor.district,
      memberId,
      talentId: member.talentId,
      kind: 'exited',
      fromLevelId: member.levelId,
      note: input.reason,
      by: actor.username,
      at: ctx.now(),
    });
    await appendAudit(ctx, tx, {
      action: 'reserve.exit',
      object: `reserve_member:${memberId}`,
      outcome: 'success',
      details: { reason: input.reason },
    });
    return updated;
  });
  const talent = await repo.findTalent(ctx.db, actor.district, row.talentId);
  return toMember(row, talent?.name ?? '', await levelMap(ctx.db, actor.district), ctx.lang, todayOf(ctx));
}

// ------------------------------------------------------------------ reading

/**
 * Memberships: the administrator sees all (filter by status, level, review due); an enterprise sees the
 * ones it nominated, names masked.
 */
export async function listMembers(
  ctx: Ctx,
  f: { status?: 'active' | 'exited' | undefined; levelId?: number | undefined; due?: boolean | undefined },
) {
  const actor = authorize(ctx, 'reserve:nominate');
  const today = todayOf(ctx);
  const rows = await repo.listMembers(ctx.db, actor.district, {
    status: f.status,
    levelId: f.levelId,
    dueBy: f.due ? today : undefined,
    nominatedBy: actor.role === 'enterprise' ? actor.username : undefined,
  });
  const levels = await levelMap(ctx.db, actor.district);
  return {
    items: rows.map((r) =>
      toMember(r.member, actor.role === 'admin' ? r.name : maskName(r.name), levels, ctx.lang, today),
    ),
  };
}

/** One membership's history, newest first (administrator). */
export async function memberHistory(ctx: Ctx, memberId: number) {
  const actor = authorize(ctx, 'reserve:manage');
  const member = await repo.findMember(ctx.db, actor.district, memberId);
  if (!member) throw memberNotFound();
  const levels = await levelMap(ctx.db, actor.district);
  return {
    items: (await repo.listHistoryOfMember(ctx.db, memberId)).map((h) => toHistory(h, levels, ctx.lang)),
  };
}

/** The signed-in talent's membership and history. */
export async function getMyReserve(ctx: Ctx) {
  const actor = authorize(ctx, 'reserve:read');
  if (actor.role !== 'talent') throw new AppError('forbidden', 'forbidden');
  const subject = await subjectOfActor(ctx, actor);
  const levels = await levelMap(ctx.db, actor.district);
  const member = await repo.findActiveMembership(ctx.db, subject.talentId);
  const history = await repo.listHistoryOfTalent(ctx.db, actor.district, subject.talentId);
  return {
    member: member ? toMember(member, subject.name, levels, ctx.lang, todayOf(ctx)) : null,
    history: history.map((h) => toHistory(h, levels, ctx.lang)),
  };
}
