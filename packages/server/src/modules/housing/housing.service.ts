// 人才安居 (Horinger §16 人才公寓, Wuxing §七(三) 人才房, Jing'an 安居): the apartment inventory, applications
// from eligible talents, allocation by priority, queue positions, leases, move-out and re-allocation.
// Eligibility is the pack's: the tier's `talent_apartment` entitlement and the district's apartment policy.
import type { z } from 'zod';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import * as repo from './housing.repo';
import type * as schema from './housing.schema';

export type Apartment = z.infer<typeof schema.Apartment>;
export type Lease = z.infer<typeof schema.Lease>;
export type HousingApplication = z.infer<typeof schema.HousingApplication>;

import {
  activePackOf,
  policyOfKind,
  requireEligible,
  subjectOfActor,
  type TalentSubject,
  tierEntitles,
  tierName,
  tierRank,
  todayOf,
} from './subject';

/** The default lease term when the administrator gives none (months). */
export const DEFAULT_LEASE_MONTHS = 36;

const districtOf = (ctx: Ctx) => ctx.district ?? ctx.actor?.district ?? '';

const notFound = (what: { zh: string; en: string }, details?: unknown) =>
  new AppError('not_found', what, details);

/** The last day of a lease of `months` starting on `start` (YYYY-MM-DD). */
export function leaseEnd(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ shapes

const toApartment = (r: repo.ApartmentRow): Apartment => ({
  id: r.id,
  building: r.building,
  unit: r.unit,
  areaSqm: r.areaSqm,
  rentMonthly: r.rentMonthly,
  status: r.status as Apartment['status'],
});

const toLease = (l: repo.LeaseRow, a: repo.ApartmentRow, name: string): Lease => ({
  id: l.id,
  applicationId: l.applicationId,
  talentId: l.talentId,
  talentName: name,
  apartment: toApartment(a),
  startDate: l.startDate,
  endDate: l.endDate,
  rentMonthly: l.rentMonthly,
  status: l.status as Lease['status'],
  endedAt: l.endedAt?.toISOString() ?? null,
  endReason: l.endReason,
});

// ------------------------------------------------------------------ eligibility

export type HousingEligibility = {
  eligible: boolean;
  reason: { zh: string; en: string };
  policyId: string | null;
};

/** Whether the pack lets this talent apply: the tier's talent_apartment entitlement, then the apartment policy. */
export function housingEligibility(subject: TalentSubject): HousingEligibility {
  const policy = policyOfKind(subject.pack, 'apartment', subject.asOf);
  if (!tierEntitles(subject.pack, subject.tier, 'talent_apartment')) {
    return {
      eligible: false,
      policyId: policy?.id ?? null,
      reason:
        subject.tier === 'NONE'
          ? {
              zh: '人才公寓面向经认定的人才，请先完成人才认定',
              en: 'Talent apartments are for certified talents; get certified first',
            }
          : {
              zh: `${tierName(subject.pack, subject.tier, 'zh')}的权益不含人才公寓`,
              en: `The entitlements of ${tierName(subject.pack, subject.tier, 'en')} do not include talent apartments`,
            },
    };
  }
  if (policy) {
    try {
      requireEligible(subject, policy.id);
    } catch (err) {
      if (!(err instanceof AppError) || typeof err.text === 'string') throw err;
      return { eligible: false, policyId: policy.id, reason: err.text };
    }
  }
  return {
    eligible: true,
    policyId: policy?.id ?? null,
    reason: { zh: '您可以申请人才公寓', en: 'You may apply for a talent apartment' },
  };
}

// ------------------------------------------------------------------ talent

/** Buildings with flats, vacancies and queue lengths (talent and admin). */
export async function listBuildings(ctx: Ctx) {
  const actor = authorize(ctx, 'housing:read');
  return { items: await repo.listBuildings(ctx.db, actor.district) };
}

async function applicationView(
  db: Db,
  app: repo.ApplicationRow,
  name: string,
  tierLabel: string,
): Promise<HousingApplication> {
  return {
    id: app.id,
    talentId: app.talentId,
    talentName: name,
    building: app.building,
    status: app.status as HousingApplication['status'],
    tier: app.tier,
    tierName: tierLabel,
    childrenCount: app.childrenCount,
    appliedAt: app.appliedAt.toISOString(),
    position: app.status === 'waiting' ? await repo.queuePosition(db, app) : null,
    apartmentId: app.apartmentId,
  };
}

/** The signed-in talent's housing: may they apply, their open application with queue position, their lease. */
export async function getMyHousing(ctx: Ctx) {
  const actor = authorize(ctx, 'housing:apply');
  const subject = await subjectOfActor(ctx, actor);
  const open = await repo.findOpenApplication(ctx.db, actor.district, subject.talentId);
  const lease = await repo.findActiveLeaseOfTalent(ctx.db, actor.district, subject.talentId);
  const eligibility = housingEligibility(subject);
  return {
    eligibility: {
      eligible: eligibility.eligible,
      reason: eligibility.reason[ctx.lang],
      policyId: eligibility.policyId,
    },
    tier: subject.tier,
    tierName: tierName(subject.pack, subject.tier, ctx.lang),
    application: open
      ? await applicationView(ctx.db, open, subject.name, tierName(subject.pack, open.tier, ctx.lang))
      : null,
    lease: lease ? toLease(lease.lease, lease.apartment, subject.name) : null,
  };
}

/** Allocates a claimed flat to a waiting application and writes the lease, inside the caller's transaction. */
async function allocateInTx(
  ctx: Ctx,
  tx: Db,
  apartment: repo.ApartmentRow,
  application: repo.ApplicationRow,
  months: number,
  why: 'on_application' | 'by_admin' | 'reallocation',
) {
  const now = ctx.now();
  const allocated = await repo.markAllocated(tx, application.id, apartment.id, now);
  if (!allocated)
    throw new AppError(
      'conflict',
      { zh: '该申请已不在轮候中', en: 'The application is no longer waiting' },
      {
        applicationId: application.id,
      },
    );
  const start = todayOf(ctx);
  const lease = await repo.insertLease(tx, {
    district: apartment.district,
    applicationId: application.id,
    talentId: application.talentId,
    apartmentId: apartment.id,
    startDate: start,
    endDate: leaseEnd(start, months),
    rentMonthly: apartment.rentMonthly,
    createdBy: ctx.actor?.username ?? 'system',
  });
  await appendAudit(ctx, tx, {
    action: 'housing.allocate',
    object: `lease:${lease.id}`,
    outcome: 'success',
    details: {
      apartmentId: apartment.id,
      applicationId: application.id,
      talentId: application.talentId,
      why,
    },
  });
  return lease;
}

/**
 * A talent applies for a flat in a building. When a flat is vacant and nobody is ahead in the queue, it is
 * allocated at once (one conditional UPDATE claims it, so of two concurrent applicants exactly one gets
 * the last flat and the other stays first in the queue); otherwise the talent waits with a position.
 */
export async function applyForHousing(ctx: Ctx, input: { building: string }) {
  const actor = authorize(ctx, 'housing:apply');
  const subject = await subjectOfActor(ctx, actor);
  const eligibility = housingEligibility(subject);
  if (!eligibility.eligible)
    throw new AppError('policy_denied', eligibility.reason, {
      policyId: eligibility.policyId,
      tier: subject.tier,
    });
  const buildings = await repo.listBuildings(ctx.db, actor.district);
  if (!buildings.some((b) => b.building === input.building))
    throw new AppError(
      'validation_failed',
      {
        zh: `没有名为“${input.building}”的人才公寓`,
        en: `There is no talent-apartment building "${input.building}"`,
      },
      [{ path: 'body.building', message: 'unknown building' }],
    );
  const children = typeof subject.facts.childrenCount === 'number' ? subject.facts.childrenCount : 0;
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const app = await repo.insertApplication(tx, {
      district: actor.district,
      talentId: subject.talentId,
      building: input.building,
      tier: subject.tier,
      tierRank: tierRank(subject.pack, subject.tier),
      childrenCount: children,
      appliedAt: ctx.now(),
    });
    if (!app)
      throw new AppError('conflict', {
        zh: '您已有一份轮候中或已配租的申请',
        en: 'You already have an application that is waiting or allocated',
      });
    // Claim before the audit rows: the audit chain lock serialises transactions, the claim must not rely on it.
    const head = (await repo.queuePosition(tx, app)) === 1;
    const flat = head
      ? await repo.claimVacantApartment(tx, actor.district, { building: app.building })
      : undefined;
    await appendAudit(ctx, tx, {
      action: 'housing.apply',
      object: `housing_application:${app.id}`,
      outcome: 'success',
      details: {
        building: app.building,
        tier: app.tier,
        tierRank: app.tierRank,
        childrenCount: app.childrenCount,
      },
    });
    if (flat) await allocateInTx(ctx, tx, flat, app, DEFAULT_LEASE_MONTHS, 'on_application');
  });
  return getMyHousing(ctx);
}

/** The talent withdraws their waiting application. */
export async function withdrawApplication(ctx: Ctx, applicationId: number) {
  const actor = authorize(ctx, 'housing:apply');
  const subject = await subjectOfActor(ctx, actor);
  const app = await repo.findApplication(ctx.db, actor.district, applicationId);
  if (!app || app.talentId !== subject.talentId)
    throw notFound({ zh: '没有这份申请', en: 'No such application' }, { applicationId });
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const done = await repo.setApplicationStatus(tx, app.id, 'waiting', 'withdrawn');
    if (!done)
      throw new AppError('conflict', {
        zh: '只有轮候中的申请可以撤回',
        en: 'Only a waiting application can be withdrawn',
      });
    await appendAudit(ctx, tx, {
      action: 'housing.withdraw',
      object: `housing_application:${app.id}`,
      outcome: 'success',
    });
  });
  return getMyHousing(ctx);
}

// ------------------------------------------------------------------ admin: inventory

export async function listApartments(ctx: Ctx) {
  const actor = authorize(ctx, 'housing:manage');
  return { items: (await repo.listApartments(ctx.db, actor.district)).map(toApartment) };
}

export type ApartmentInput = { building: string; unit: string; areaSqm: number; rentMonthly: number };

export async function createApartment(ctx: Ctx, input: ApartmentInput) {
  const actor = authorize(ctx, 'housing:manage');
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertApartment(tx, { district: actor.district, ...input });
    if (!row)
      throw new AppError(
        'conflict',
        {
          zh: `${input.building} ${input.unit} 已在房源中`,
          en: `${input.building} ${input.unit} is already in the inventory`,
        },
        { building: input.building, unit: input.unit },
      );
    await appendAudit(ctx, tx, {
      action: 'housing.apartment.create',
      object: `apartment:${row.id}`,
      outcome: 'success',
      details: input,
    });
    return toApartment(row);
  });
}

/** Edits a flat; its status may move between vacant and unavailable only (a let flat ends by move-out). */
export async function updateApartment(
  ctx: Ctx,
  id: number,
  changes: Partial<ApartmentInput> & { status?: 'vacant' | 'unavailable' | undefined },
) {
  const actor = authorize(ctx, 'housing:manage');
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const current = await repo.findApartment(tx, actor.district, id);
    if (!current) throw notFound({ zh: '没有这套房源', en: 'No such apartment' }, { apartmentId: id });
    if (changes.status && current.status === 'let')
      throw new AppError('conflict', {
        zh: '已出租的房源须先办理退租',
        en: 'A let apartment becomes vacant by move-out only',
      });
    const row = await repo.updateApartment(tx, actor.district, id, changes);
    if (!row) throw notFound({ zh: '没有这套房源', en: 'No such apartment' }, { apartmentId: id });
    await appendAudit(ctx, tx, {
      action: 'housing.apartment.update',
      object: `apartment:${id}`,
      outcome: 'success',
      details: changes,
    });
    return toApartment(row);
  });
}

export async function deleteApartment(ctx: Ctx, id: number) {
  const actor = authorize(ctx, 'housing:manage');
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const current = await repo.findApartment(tx, actor.district, id);
    if (!current) throw notFound({ zh: '没有这套房源', en: 'No such apartment' }, { apartmentId: id });
    const row = await repo.deleteNeverLetApartment(tx, actor.district, id);
    if (!row)
      throw new AppError('conflict', {
        zh: '出租过的房源不能删除，可设为“暂停配租”',
        en: 'An apartment that has been let cannot be deleted; mark it unavailable instead',
      });
    await appendAudit(ctx, tx, {
      action: 'housing.apartment.delete',
      object: `apartment:${id}`,
      outcome: 'success',
    });
    return { deleted: true };
  });
}

// ------------------------------------------------------------------ admin: queue, allocation, leases

/** The waiting queue in allocation order, with each application's position in its building's queue. */
export async function listQueue(ctx: Ctx, building?: string) {
  const actor = authorize(ctx, 'housing:manage');
  const rows = await repo.listQueue(ctx.db, actor.district, building);
  const pack = await activePackOf(ctx, actor.district);
  const seen = new Map<string, number>();
  return {
    items: rows.map(({ application: a, name }) => {
      const position = (seen.get(a.building) ?? 0) + 1;
      seen.set(a.building, position);
      return {
        id: a.id,
        talentId: a.talentId,
        talentName: name,
        building: a.building,
        status: a.status as HousingApplication['status'],
        tier: a.tier,
        tierName: tierName(pack, a.tier, ctx.lang),
        childrenCount: a.childrenCount,
        appliedAt: a.appliedAt.toISOString(),
        position,
        apartmentId: a.apartmentId,
      } satisfies HousingApplication;
    }),
  };
}

/**
 * Allocates a vacant flat: to the given waiting application of the same building, or to the head of the
 * building's queue. The flat is claimed with one conditional UPDATE, so it is never let twice.
 */
export async function allocateApartment(
  ctx: Ctx,
  apartmentId: number,
  input: { applicationId?: number | undefined; months?: number | undefined },
) {
  const actor = authorize(ctx, 'housing:manage');
  const lease = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const flat = await repo.claimVacantApartment(tx, actor.district, { apartmentId });
    if (!flat) {
      const exists = await repo.findApartment(tx, actor.district, apartmentId);
      if (!exists) throw notFound({ zh: '没有这套房源', en: 'No such apartment' }, { apartmentId });
      throw new AppError(
        'conflict',
        { zh: '该房源不是空置状态', en: 'The apartment is not vacant' },
        { status: exists.status },
      );
    }
    let app: repo.ApplicationRow | undefined;
    if (input.applicationId !== undefined) {
      app = await repo.findApplication(tx, actor.district, input.applicationId);
      if (!app)
        throw notFound(
          { zh: '没有这份申请', en: 'No such application' },
          { applicationId: input.applicationId },
        );
      if (app.building !== flat.building)
        throw new AppError(
          'validation_failed',
          {
            zh: `该申请轮候的是“${app.building}”，不是“${flat.building}”`,
            en: `The application waits for "${app.building}", not "${flat.building}"`,
          },
          [{ path: 'body.applicationId', message: 'other building' }],
        );
    } else {
      app = await repo.lockQueueHead(tx, actor.district, flat.building);
      if (!app)
        throw new AppError('conflict', {
          zh: `“${flat.building}”没有轮候中的申请`,
          en: `Nobody is waiting for "${flat.building}"`,
        });
    }
    return allocateInTx(ctx, tx, flat, app, input.months ?? DEFAULT_LEASE_MONTHS, 'by_admin');
  });
  return leaseView(ctx, lease.id);
}

async function leaseView(ctx: Ctx, leaseId: number): Promise<Lease> {
  const rows = await repo.listLeases(ctx.db, districtOf(ctx));
  const row = rows.find((r) => r.lease.id === leaseId);
  if (!row) throw notFound({ zh: '没有这份租约', en: 'No such lease' }, { leaseId });
  return toLease(row.lease, row.apartment, row.name);
}

export async function listLeases(ctx: Ctx, status?: 'active' | 'ended') {
  const actor = authorize(ctx, 'housing:manage');
  const rows = await repo.listLeases(ctx.db, actor.district, status);
  return { items: rows.map((r) => toLease(r.lease, r.apartment, r.name)) };
}

/**
 * Move-out: ends the lease, frees the flat and offers it at once to the head of the building's queue
 * (re-allocation), all in one transaction.
 */
export async function endLease(ctx: Ctx, leaseId: number, input: { reason: string }) {
  const actor = authorize(ctx, 'housing:manage');
  const next = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const lease = await repo.findLease(tx, actor.district, leaseId);
    if (!lease) throw notFound({ zh: '没有这份租约', en: 'No such lease' }, { leaseId });
    const ended = await repo.endLease(tx, lease.id, ctx.now(), input.reason);
    if (!ended) throw new AppError('conflict', { zh: '该租约已结束', en: 'The lease has already ended' });
    await repo.setApplicationStatus(tx, lease.applicationId, 'allocated', 'ended');
    await repo.releaseApartment(tx, lease.apartmentId);
    await appendAudit(ctx, tx, {
      action: 'housing.move_out',
      object: `lease:${lease.id}`,
      outcome: 'success',
      details: { apartmentId: lease.apartmentId, reason: input.reason },
    });
    const flat = await repo.findApartment(tx, actor.district, lease.apartmentId);
    if (!flat) return null;
    const head = await repo.lockQueueHead(tx, actor.district, flat.building);
    if (!head) return null;
    const claimed = await repo.claimVacantApartment(tx, actor.district, { apartmentId: flat.id });
    if (!claimed) return null;
    return allocateInTx(ctx, tx, claimed, head, DEFAULT_LEASE_MONTHS, 'reallocation');
  });
  return { ended: await leaseView(ctx, leaseId), next: next ? await leaseView(ctx, next.id) : null };
}
