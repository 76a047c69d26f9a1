// 人才服务驿站: a talent grants a service station consent to act for them (scoped, time-limited,
// revocable); the station lists its consenting talents and acts for one. Every act by a station names
// both sides ("by station X for talent Y") in the audit row and the talent's timeline; without a live
// consent of the right scope the act is refused (403).
import { type Actor, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import * as apps from '../applications/applications.repo';
import { appendAudit } from '../audit/audit.service';
import * as repo from './stations.repo';

export const consentScopes = ['record', 'documents', 'claims'] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** At most a year: consent is renewed deliberately, never open-ended. */
const MAX_CONSENT_DAYS = 366;

export type Consent = {
  id: number;
  talentId: number;
  talentName: string | null;
  stationAccountId: number;
  stationName: string | null;
  scope: ConsentScope[];
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  /** Live: not revoked and not expired. */
  active: boolean;
};

function toConsent(
  row: repo.ConsentRow,
  now: Date,
  names: { talentName?: string | null; stationName?: string | null },
): Consent {
  return {
    id: row.id,
    talentId: row.talentId,
    talentName: names.talentName ?? null,
    stationAccountId: row.stationAccountId,
    stationName: names.stationName ?? null,
    scope: row.scope as ConsentScope[],
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    active: !row.revokedAt && row.expiresAt > now,
  };
}

/** What a station acting for a talent is: who the station is and for whom it acts (for audit and timeline). */
export type StationAct = {
  stationAccountId: number;
  stationName: string;
  talentId: number;
  talentName: string;
};

/**
 * Refuses (403) a station that holds no live consent of `scope` from the talent; returns the act's names.
 * Other modules call this before a station writes a talent's record or documents.
 */
export async function requireStationConsent(
  db: Db,
  actor: Actor,
  talentId: number,
  scope: ConsentScope,
  now: Date,
): Promise<StationAct> {
  const talent = await apps.findTalent(db, talentId);
  const consent =
    talent && talent.district === actor.district
      ? await repo.findLiveConsent(db, talentId, actor.accountId, now)
      : undefined;
  if (!talent || !consent?.scope.includes(scope)) {
    throw new AppError(
      'forbidden',
      {
        zh: '该人才未授权本驿站办理此事项，或授权已过期、已撤回',
        en: 'The talent has not given this station a valid consent for this (or it expired or was revoked)',
      },
      { talentId, scope },
    );
  }
  return {
    stationAccountId: actor.accountId,
    stationName: actor.displayName,
    talentId,
    talentName: talent.name,
  };
}

/** The audit details of a station's act. */
export function stationAuditDetails(act: StationAct): Record<string, unknown> {
  return {
    station: { accountId: act.stationAccountId, name: act.stationName },
    onBehalfOf: { talentId: act.talentId, name: act.talentName },
    by: `station ${act.stationName} for talent ${act.talentName}`,
  };
}

async function myTalent(ctx: Ctx, db: Db) {
  const actor = ctx.actor as Actor;
  const talent = await apps.findTalentByAccount(db, actor.accountId);
  if (!talent) {
    throw new AppError('not_found', {
      zh: '尚未建立人才档案，请先完善“我的档案”',
      en: 'You have no talent record yet; complete your profile first',
    });
  }
  return talent;
}

/** The district's service stations (a talent picks one to consent to). */
export async function listStations(ctx: Ctx) {
  const actor = authorize(ctx, 'consent:manage');
  const items = await repo.listStationAccounts(ctx.db, actor.district);
  return { items: items.map((s) => ({ accountId: s.id, name: s.displayName, username: s.username })) };
}

/** The talent's consents, live and past. */
export async function listMyConsents(ctx: Ctx) {
  authorize(ctx, 'consent:manage');
  const talent = await myTalent(ctx, ctx.db);
  const now = ctx.now();
  const rows = await repo.listConsentsOfTalent(ctx.db, talent.id);
  return {
    items: rows.map((r) =>
      toConsent(r.consent, now, { talentName: talent.name, stationName: r.stationName }),
    ),
  };
}

export type GrantConsent = { stationAccountId: number; scope: ConsentScope[]; expiresAt: string };

/** Records the talent's consent to a station (replacing a live one to the same station). */
export async function grantConsent(ctx: Ctx, input: GrantConsent): Promise<Consent> {
  const actor = authorize(ctx, 'consent:manage');
  const now = ctx.now();
  const expiresAt = new Date(input.expiresAt);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt <= now) {
    throw new AppError(
      'validation_failed',
      { zh: '授权截止时间须晚于现在', en: 'The consent must end in the future' },
      { field: 'expiresAt' },
    );
  }
  if (expiresAt.getTime() - now.getTime() > MAX_CONSENT_DAYS * 86_400_000) {
    throw new AppError(
      'validation_failed',
      { zh: '授权期限最长一年', en: 'A consent lasts at most one year' },
      { field: 'expiresAt' },
    );
  }
  const stations = await repo.listStationAccounts(ctx.db, actor.district);
  const station = stations.find((s) => s.id === input.stationAccountId);
  if (!station) {
    throw new AppError(
      'validation_failed',
      { zh: '所选驿站不存在', en: 'No such service station in this district' },
      { field: 'stationAccountId' },
    );
  }
  return ctx.db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const talent = await myTalent(ctx, tx);
    await repo.revokeConsentsOf(tx, talent.id, station.id, now);
    const row = await repo.insertConsent(tx, {
      district: actor.district,
      talentId: talent.id,
      stationAccountId: station.id,
      scope: [...new Set(input.scope)],
      expiresAt,
      grantedBy: actor.username,
    });
    await appendAudit(ctx, tx, {
      action: 'station.consent.grant',
      object: `consent:${row.id}`,
      outcome: 'success',
      details: {
        talentId: talent.id,
        station: station.displayName,
        scope: row.scope,
        expiresAt: input.expiresAt,
      },
    });
    return toConsent(row, now, { talentName: talent.name, stationName: station.displayName });
  });
}

/** Revokes one of the talent's consents at once. */
export async function revokeConsent(ctx: Ctx, consentId: number): Promise<Consent> {
  authorize(ctx, 'consent:manage');
  const now = ctx.now();
  return ctx.db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const talent = await myTalent(ctx, tx);
    const existing = await repo.findConsent(tx, consentId);
    if (!existing || existing.talentId !== talent.id) {
      throw new AppError('not_found', { zh: '授权不存在', en: 'No such consent' }, { consentId });
    }
    const row = (await repo.revokeConsent(tx, consentId, now)) ?? existing;
    await appendAudit(ctx, tx, {
      action: 'station.consent.revoke',
      object: `consent:${consentId}`,
      outcome: 'success',
      details: { talentId: talent.id, stationAccountId: row.stationAccountId },
    });
    return toConsent(row, now, { talentName: talent.name });
  });
}

/** The talents who gave this station a live consent. */
export async function listConsentingTalents(ctx: Ctx) {
  const actor = authorize(ctx, 'station:act');
  const now = ctx.now();
  const rows = await repo.listLiveConsentsOfStation(ctx.db, actor.accountId, now);
  return {
    items: rows.map((r) =>
      toConsent(r.consent, now, { talentName: r.talentName, stationName: actor.displayName }),
    ),
  };
}
