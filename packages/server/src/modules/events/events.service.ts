// 人才活动 (Horinger §6 §14 人才交流洽谈会, Wuxing §七(六) 人才之家, Jing'an): events with capacity and a
// waiting list, registration and cancellation (a cancelled seat passes to the first waiting), and check-in
// by scanning the talent code. Who may register is the pack's: the event names a policy of the pack.
import type { z } from 'zod';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { maskName } from '../../lib/mask';
import { appendAudit } from '../audit/audit.service';
import { activePackOf, requireEligible, subjectOfActor, type TalentSubject } from '../housing/subject';
import { identifyTalent } from '../talent-code/talent-code.service';
import * as repo from './events.repo';
import type * as schema from './events.schema';

export type TalentEvent = z.infer<typeof schema.TalentEvent>;
export type Registration = z.infer<typeof schema.Registration>;

/** What check-in needs from the talent code: whose valid code was scanned (the talent-code module's verify). */
export type VerifyToken = (
  ctx: Ctx,
  token: string,
) => Promise<{ valid: boolean; talentId?: number; reason?: string }>;

/** The talent code's own verification (signature, expiry, revocation), answering the talent's record id. */
export const verifyTalentCode: VerifyToken = async (ctx, token) => {
  const r = await identifyTalent(ctx.db, token, ctx.now());
  return r.valid ? { valid: true, talentId: r.talentId } : { valid: false, reason: r.reason };
};

const codeFailures: Record<string, { zh: string; en: string }> = {
  expired: { zh: '人才码已过期，请让对方刷新后重扫', en: 'The talent code has expired; ask for a fresh one' },
  revoked: { zh: '人才码已被撤销', en: 'The talent code has been revoked' },
  bad_signature: { zh: '人才码签名无效', en: 'The talent code signature is invalid' },
  malformed: { zh: '无法识别的人才码', en: 'This is not a talent code' },
};

const notFound = () => new AppError('not_found', { zh: '没有这个活动', en: 'No such event' });

function toEvent(e: repo.EventRow, lang: 'zh' | 'en', waiting: number): TalentEvent {
  return {
    id: e.id,
    title: lang === 'zh' ? e.titleZh : e.titleEn || e.titleZh,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    description: lang === 'zh' ? e.descriptionZh : e.descriptionEn || e.descriptionZh,
    venue: e.venue,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    capacity: e.capacity,
    registered: e.registeredCount,
    seatsLeft: Math.max(0, e.capacity - e.registeredCount),
    waiting,
    eligibilityPolicyId: e.eligibilityPolicyId,
    status: e.status as TalentEvent['status'],
  };
}

async function registrationView(db: Db, r: repo.RegistrationRow, name: string): Promise<Registration> {
  return {
    id: r.id,
    eventId: r.eventId,
    talentId: r.talentId,
    talentName: name,
    status: r.status as Registration['status'],
    registeredAt: r.registeredAt.toISOString(),
    waitingPosition: r.status === 'waiting' ? await repo.waitingPosition(db, r) : null,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
  };
}

/** Whether the talent may register: the event's pack policy, else any certified tier. */
function eligibilityOf(
  subject: TalentSubject,
  event: repo.EventRow,
): { eligible: boolean; reason: { zh: string; en: string } } {
  if (event.eligibilityPolicyId) {
    try {
      requireEligible(subject, event.eligibilityPolicyId);
    } catch (err) {
      if (err instanceof AppError && typeof err.text !== 'string')
        return { eligible: false, reason: err.text };
      throw err;
    }
  } else if (subject.tier === 'NONE') {
    return {
      eligible: false,
      reason: { zh: '该活动面向经认定的人才', en: 'This event is for certified talents' },
    };
  }
  return { eligible: true, reason: { zh: '可以报名', en: 'You may register' } };
}

// ------------------------------------------------------------------ reading

/** Upcoming and current events; a talent also sees their own registration and whether they may register. */
export async function listEvents(ctx: Ctx, q: { all?: boolean | undefined } = {}) {
  const actor = authorize(ctx, 'event:read');
  const rows = await repo.listEvents(
    ctx.db,
    actor.district,
    q.all && actor.role === 'admin' ? undefined : ctx.now(),
  );
  const waiting = await repo.waitingCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  const subject =
    actor.role === 'talent' ? await subjectOfActor(ctx, actor).catch(() => undefined) : undefined;
  const items = [];
  for (const e of rows) {
    if (actor.role !== 'admin' && e.status !== 'open') continue;
    const base = toEvent(e, ctx.lang, waiting.get(e.id) ?? 0);
    if (!subject) {
      items.push({ ...base, mine: null, eligibility: null });
      continue;
    }
    const mine = await repo.findOpenRegistration(ctx.db, e.id, subject.talentId);
    const el = eligibilityOf(subject, e);
    items.push({
      ...base,
      mine: mine ? await registrationView(ctx.db, mine, subject.name) : null,
      eligibility: { eligible: el.eligible, reason: el.reason[ctx.lang] },
    });
  }
  return { items };
}

/** The signed-in talent's registrations (all states), with their events. */
export async function listMyRegistrations(ctx: Ctx) {
  const actor = authorize(ctx, 'event:register');
  const subject = await subjectOfActor(ctx, actor);
  const rows = await repo.listRegistrationsOfTalent(ctx.db, actor.district, subject.talentId);
  const items = [];
  for (const { registration, event } of rows)
    items.push({
      registration: await registrationView(ctx.db, registration, subject.name),
      event: toEvent(event, ctx.lang, 0),
    });
  return { items };
}

// ------------------------------------------------------------------ talent: register, cancel

/** Registers the talent: a seat if one is left (one conditional UPDATE), else a place on the waiting list. */
export async function registerForEvent(ctx: Ctx, eventId: number) {
  const actor = authorize(ctx, 'event:register');
  const subject = await subjectOfActor(ctx, actor);
  const event = await repo.findEvent(ctx.db, actor.district, eventId);
  if (event?.status !== 'open') throw notFound();
  if (event.endsAt < ctx.now()) throw new AppError('conflict', { zh: '活动已结束', en: 'The event is over' });
  const el = eligibilityOf(subject, event);
  if (!el.eligible) throw new AppError('policy_denied', el.reason, { policyId: event.eligibilityPolicyId });
  const reg = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (await repo.findOpenRegistration(tx, eventId, subject.talentId))
      throw new AppError('conflict', {
        zh: '您已报名该活动',
        en: 'You have already registered for this event',
      });
    const seated = await repo.takeSeat(tx, eventId);
    const row = await repo.insertRegistration(tx, {
      district: actor.district,
      eventId,
      talentId: subject.talentId,
      status: seated ? 'registered' : 'waiting',
      registeredAt: ctx.now(),
    });
    if (!row)
      throw new AppError('conflict', {
        zh: '您已报名该活动',
        en: 'You have already registered for this event',
      });
    await appendAudit(ctx, tx, {
      action: seated ? 'event.register' : 'event.wait',
      object: `event_registration:${row.id}`,
      outcome: 'success',
      details: { eventId },
    });
    return row;
  });
  return registrationView(ctx.db, reg, subject.name);
}

/** Cancels the talent's registration; a freed seat passes at once to the first on the waiting list. */
export async function cancelRegistration(ctx: Ctx, eventId: number) {
  const actor = authorize(ctx, 'event:register');
  const subject = await subjectOfActor(ctx, actor);
  const event = await repo.findEvent(ctx.db, actor.district, eventId);
  if (!event) throw notFound();
  const out = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const open = await repo.findOpenRegistration(tx, eventId, subject.talentId);
    if (!open)
      throw new AppError('conflict', { zh: '您没有报名该活动', en: 'You are not registered for this event' });
    if (open.checkedInAt)
      throw new AppError('conflict', {
        zh: '已签到的报名不能取消',
        en: 'A checked-in registration cannot be cancelled',
      });
    const cancelled = await repo.cancelRegistration(tx, open.id, ctx.now());
    if (!cancelled)
      throw new AppError('conflict', { zh: '您没有报名该活动', en: 'You are not registered for this event' });
    await appendAudit(ctx, tx, {
      action: 'event.cancel',
      object: `event_registration:${open.id}`,
      outcome: 'success',
      details: { eventId },
    });
    if (open.status !== 'registered') return { cancelled, promoted: null };
    const promoted = await repo.promoteFirstWaiting(tx, eventId, ctx.now());
    if (promoted)
      await appendAudit(ctx, tx, {
        action: 'event.promote',
        object: `event_registration:${promoted.id}`,
        outcome: 'success',
        details: { eventId, seatFrom: open.id },
      });
    else await repo.releaseSeat(tx, eventId);
    return { cancelled, promoted };
  });
  return {
    cancelled: await registrationView(ctx.db, out.cancelled, subject.name),
    promotedRegistrationId: out.promoted?.id ?? null,
  };
}

// ------------------------------------------------------------------ admin

export type EventInput = {
  titleZh: string;
  titleEn?: string | undefined;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
  venue: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  eligibilityPolicyId?: string | null | undefined;
};

async function checkInput(ctx: Ctx, district: string, input: Partial<EventInput>, current?: repo.EventRow) {
  const starts = input.startsAt ? new Date(input.startsAt) : current?.startsAt;
  const ends = input.endsAt ? new Date(input.endsAt) : current?.endsAt;
  if (starts && ends && ends <= starts)
    throw new AppError(
      'validation_failed',
      { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
      [{ path: 'body.endsAt', message: 'before startsAt' }],
    );
  if (input.eligibilityPolicyId) {
    const pack = await activePackOf(ctx, district);
    const policy = pack.byId.get(input.eligibilityPolicyId)?.policy;
    if (policy?.audience !== 'talent')
      throw new AppError(
        'validation_failed',
        {
          zh: `政策包中没有面向人才的政策 ${input.eligibilityPolicyId}`,
          en: `The pack has no talent policy ${input.eligibilityPolicyId}`,
        },
        [{ path: 'body.eligibilityPolicyId', message: 'unknown policy' }],
      );
  }
  if (current && input.capacity !== undefined && input.capacity < current.registeredCount)
    throw new AppError(
      'validation_failed',
      {
        zh: `已有 ${current.registeredCount} 人报名，名额不能少于此数`,
        en: `${current.registeredCount} are registered; capacity cannot be lower`,
      },
      [{ path: 'body.capacity', message: 'below registered' }],
    );
}

export async function createEvent(ctx: Ctx, input: EventInput) {
  const actor = authorize(ctx, 'event:manage');
  await checkInput(ctx, actor.district, input);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertEvent(tx, {
      district: actor.district,
      titleZh: input.titleZh,
      titleEn: input.titleEn ?? '',
      descriptionZh: input.descriptionZh ?? '',
      descriptionEn: input.descriptionEn ?? '',
      venue: input.venue,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      capacity: input.capacity,
      eligibilityPolicyId: input.eligibilityPolicyId ?? null,
      createdBy: actor.username,
    });
    await appendAudit(ctx, tx, {
      action: 'event.create',
      object: `event:${row.id}`,
      outcome: 'success',
      details: { ...input },
    });
    return toEvent(row, ctx.lang, 0);
  });
}

/** Edits an event; a larger capacity seats the waiting list in order; `status: cancelled` closes it. */
export async function updateEvent(
  ctx: Ctx,
  eventId: number,
  input: Partial<EventInput> & { status?: 'open' | 'cancelled' | undefined },
) {
  const actor = authorize(ctx, 'event:manage');
  const current = await repo.findEvent(ctx.db, actor.district, eventId);
  if (!current) throw notFound();
  await checkInput(ctx, actor.district, input, current);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const { startsAt, endsAt, ...rest } = input;
    let row = await repo.updateEvent(tx, eventId, {
      ...rest,
      ...(startsAt ? { startsAt: new Date(startsAt) } : {}),
      ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
    });
    if (!row) throw notFound();
    const promoted: number[] = [];
    while (row.status === 'open' && row.registeredCount < row.capacity) {
      const next = await repo.promoteFirstWaiting(tx, eventId, ctx.now());
      if (!next) break;
      await repo.takeSeat(tx, eventId);
      promoted.push(next.id);
      row = (await repo.findEvent(tx, actor.district, eventId)) ?? row;
    }
    await appendAudit(ctx, tx, {
      action: 'event.update',
      object: `event:${eventId}`,
      outcome: 'success',
      details: { ...input, promoted },
    });
    const waiting = await repo.waitingCounts(tx, [eventId]);
    return toEvent(row, ctx.lang, waiting.get(eventId) ?? 0);
  });
}

/** An event's registrations for the organiser: seats, the waiting list in order, check-ins. */
export async function listRegistrations(ctx: Ctx, eventId: number) {
  const actor = authorize(ctx, 'event:manage');
  const event = await repo.findEvent(ctx.db, actor.district, eventId);
  if (!event) throw notFound();
  const rows = await repo.listRegistrations(ctx.db, eventId);
  const items = [];
  let waitingPlace = 0;
  for (const { registration: r, name } of rows)
    items.push({
      id: r.id,
      eventId: r.eventId,
      talentId: r.talentId,
      talentName: name,
      status: r.status as Registration['status'],
      registeredAt: r.registeredAt.toISOString(),
      waitingPosition: r.status === 'waiting' ? ++waitingPlace : null,
      checkedInAt: r.checkedInAt?.toISOString() ?? null,
    });
  return { event: toEvent(event, ctx.lang, waitingPlace), items };
}

/**
 * Check-in by scanning the talent code: the code is verified (signature, expiry, revocation), its holder
 * must hold a seat; a second scan answers the first check-in without writing again.
 */
export async function checkInByCode(
  ctx: Ctx,
  eventId: number,
  token: string,
  verify: VerifyToken = verifyTalentCode,
) {
  const actor = authorize(ctx, 'event:check-in');
  const event = await repo.findEvent(ctx.db, actor.district, eventId);
  if (!event) throw notFound();
  const code = await verify(ctx, token);
  if (!code.valid || code.talentId === undefined)
    throw new AppError(
      'policy_denied',
      codeFailures[code.reason ?? 'malformed'] ?? codeFailures.malformed ?? { zh: '', en: '' },
      {
        reason: code.reason ?? 'malformed',
      },
    );
  const talentId = code.talentId;
  const reg = await repo.findOpenRegistration(ctx.db, eventId, talentId);
  if (!reg)
    throw new AppError(
      'policy_denied',
      { zh: '此人未报名该活动', en: 'This person has not registered for the event' },
      {
        reason: 'not_registered',
      },
    );
  if (reg.status === 'waiting')
    throw new AppError(
      'policy_denied',
      { zh: '此人仍在候补名单中', en: 'This person is still on the waiting list' },
      {
        reason: 'waiting',
      },
    );
  const names = await repo.listRegistrations(ctx.db, eventId);
  const name = maskName(names.find((n) => n.registration.id === reg.id)?.name ?? '');
  if (reg.checkedInAt)
    return { alreadyCheckedIn: true, registration: await registrationView(ctx.db, reg, name) };
  const done = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.checkIn(tx, reg.id, ctx.now(), actor.username);
    if (!row) return undefined;
    await appendAudit(ctx, tx, {
      action: 'event.check_in',
      object: `event_registration:${reg.id}`,
      outcome: 'success',
      details: { eventId },
    });
    return row;
  });
  const row = done ?? (await repo.findOpenRegistration(ctx.db, eventId, talentId)) ?? reg;
  return { alreadyCheckedIn: !done, registration: await registrationView(ctx.db, row, name) };
}
