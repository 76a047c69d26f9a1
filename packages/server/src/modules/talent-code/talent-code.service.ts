// 人才码 (一码专享 / 云谷人才卡 / 一码集成): the talent's rotating signed code, public verification
// (online here, offline with the published keys), provider scans and recorded uses against the tier's
// quotas, revocation by the district. Entitlements and quotas come from the pack's tiers.yaml.
import { createHash, randomBytes } from 'node:crypto';
import type { Text } from '@rencai/engine';
import { allowPublic, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError, type LocalText } from '../../errors';
import type { Lang } from '../../i18n';
import { maskName } from '../../lib/mask';
import type { SigningAlg } from '../../lib/signing';
import { toJwk } from '../../lib/signing';
import { appendAudit } from '../audit/audit.service';
import * as providersRepo from '../providers/providers.repo';
import { findCurrentCertification } from '../talents/talents.facts';
import * as repo from './talent-code.repo';
import { type CodeRuntime, runtimeFor, type TierInfo } from './talent-code.runtime';
import {
  checkToken,
  encodeToken,
  type TokenCheck,
  type TokenPayload,
  tokenExpiry,
  tokenFromScan,
  type VerifyFailure,
} from './talent-code.token';

const text = (t: Text, lang: Lang) => (lang === 'en' ? t.en : t.zh);
const nowSeconds = (ctx: Ctx) => Math.floor(ctx.now().getTime() / 1000);

export const failureMessages: Record<VerifyFailure, LocalText> = {
  expired: {
    zh: '人才码已过期，请让持码人刷新后重新出示',
    en: 'The code has expired; ask the holder to refresh it',
  },
  revoked: { zh: '人才码已被注销，不能享受人才服务', en: 'The code has been revoked and grants no services' },
  bad_signature: {
    zh: '人才码签名无效，可能被篡改或并非本平台签发',
    en: 'The signature is not valid: the code was altered or not issued by this platform',
  },
  malformed: { zh: '无法识别的人才码', en: 'This is not a talent code' },
};

// ------------------------------------------------------------------ verification (hot path)

/** Checks a token against this instance's keys and revocation set; no database read unless it is stale. */
async function check(rt: CodeRuntime, raw: unknown, now: number): Promise<TokenCheck> {
  const token = typeof raw === 'string' ? tokenFromScan(raw) : raw;
  await rt.fresh();
  let result = checkToken(token, rt.keyOf, rt.isRevoked, now);
  if (!result.valid && result.reason === 'bad_signature' && typeof token === 'string') {
    const kid = kidOf(token);
    if (kid && (await rt.reloadForUnknownKey(kid))) result = checkToken(token, rt.keyOf, rt.isRevoked, now);
  }
  return result;
}

function kidOf(token: string): string | undefined {
  try {
    const k = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'))?.k;
    return typeof k === 'string' ? k : undefined;
  } catch {
    return undefined;
  }
}

function entitlementsOut(tier: TierInfo | undefined, lang: Lang) {
  return (tier?.entitlements ?? []).map((e) => ({
    service: e.service,
    name: text(e.name, lang),
    quota: e.quota ? { count: e.quota.count, per: e.quota.per } : null,
  }));
}

export type Verification =
  | {
      valid: true;
      codeId: string;
      district: string;
      tier: string;
      tierName: string;
      name: string | null;
      entitlements: { service: string; name: string; quota: { count: number; per: string } | null }[];
      expiresAt: string;
      kid: string;
    }
  | { valid: false; reason: VerifyFailure; message: string };

function invalid(reason: VerifyFailure, lang: Lang): Verification {
  return { valid: false, reason, message: failureMessages[reason][lang] };
}

async function describe(rt: CodeRuntime, p: TokenPayload, lang: Lang): Promise<Verification> {
  const [tiers, holder] = await Promise.all([
    rt.tiersOf(p.d).catch(() => new Map<string, TierInfo>()),
    rt.holder(p.c).catch(() => undefined),
  ]);
  const tier = tiers.get(p.t);
  return {
    valid: true,
    codeId: p.c,
    district: p.d,
    tier: p.t,
    tierName: tier ? text(tier.name, lang) : p.t,
    name: holder ? maskName(holder.name) : null,
    entitlements: entitlementsOut(tier, lang),
    expiresAt: new Date(p.e * 1000).toISOString(),
    kid: p.k,
  };
}

/**
 * Public verification of anything a scanner read (a token or a `/v/<token>` URL, or any other value):
 * valid with the tier, its entitlements and the masked holder, or invalid with the reason. Never throws.
 */
export async function verifyCode(ctx: Ctx, body: unknown): Promise<Verification> {
  allowPublic('talentCode:verify');
  try {
    const raw = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    const rt = runtimeFor(ctx.db);
    const result = await check(rt, raw, nowSeconds(ctx));
    if (!result.valid) return invalid(result.reason, ctx.lang);
    return await describe(rt, result.payload, ctx.lang);
  } catch {
    return invalid('malformed', ctx.lang);
  }
}

export type IdentifiedTalent =
  | { valid: true; talentId: number; codeId: string; district: string; tier: string }
  | { valid: false; reason: VerifyFailure };

/**
 * Who a scanned token belongs to, for other modules (e.g. event check-in): verifies the token like a
 * provider scan (signature, revocation, expiry) and returns the talent's record id. No authorization:
 * the caller's own service function authorizes first.
 */
export async function identifyTalent(
  db: Db,
  scanned: unknown,
  at: Date = new Date(),
): Promise<IdentifiedTalent> {
  const rt = runtimeFor(db);
  const result = await check(rt, scanned, Math.floor(at.getTime() / 1000));
  if (!result.valid) return { valid: false, reason: result.reason };
  const holder = await rt.holder(result.payload.c);
  if (holder?.status !== 'active') return { valid: false, reason: 'revoked' };
  return {
    valid: true,
    talentId: holder.talentId,
    codeId: holder.code,
    district: holder.district,
    tier: result.payload.t,
  };
}

/** The published verification keys (JWKS-style): active and recently retired. */
export async function publishedKeys(ctx: Ctx) {
  allowPublic('talentCode:keys');
  const rt = runtimeFor(ctx.db);
  await rt.signer(ctx.config.codeAlg, ctx.config.piiKey); // a fresh deployment publishes its first key
  await rt.refresh();
  return { keys: [...rt.keys.values()].map((k) => toJwk(k.alg, k.kid, k.publicDer)) };
}

/** Starts signing with a new key of the configured algorithm; the old one keeps verifying for a week. */
export async function rotateKey(ctx: Ctx) {
  authorize(ctx, 'talentCode:manage');
  const alg: SigningAlg = ctx.config.codeAlg;
  const rt = runtimeFor(ctx.db);
  const retired = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.lockKeys(tx);
    const kids = await repo.retireActiveKeys(tx, alg, ctx.now());
    await appendAudit(ctx, tx, {
      action: 'talent_code.key.rotate',
      outcome: 'success',
      details: { alg, retired: kids },
    });
    return kids;
  });
  rt.dropSigner(alg);
  const signer = await rt.signer(alg, ctx.config.piiKey);
  return { kid: signer.kid, alg, retired };
}

// ------------------------------------------------------------------ the talent's own code

/** Quota period of an instant in China time: 2026 | 2026-12 | 2026-W49 | 2026-12-01 | validity:<cert>. */
export function quotaPeriod(per: string, at: Date, certificationId: number): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = String(china.getUTCMonth() + 1).padStart(2, '0');
  const d = String(china.getUTCDate()).padStart(2, '0');
  if (per === 'year') return String(y);
  if (per === 'month') return `${y}-${m}`;
  if (per === 'day') return `${y}-${m}-${d}`;
  if (per === 'week') {
    const day = new Date(Date.UTC(y, china.getUTCMonth(), china.getUTCDate()));
    const dow = day.getUTCDay() || 7;
    day.setUTCDate(day.getUTCDate() + 4 - dow); // the Thursday of the ISO week
    const isoYear = day.getUTCFullYear();
    const week = Math.ceil(((day.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
    return `${isoYear}-W${String(week).padStart(2, '0')}`;
  }
  return `validity:${certificationId}`;
}

type Standing = {
  talent: repo.TalentOfAccount;
  cert: Awaited<ReturnType<typeof findCurrentCertification>>;
  code: repo.CodeRow | undefined;
  tier: TierInfo | undefined;
};

function newCodeId(): string {
  return randomBytes(9).toString('base64url');
}

/** The signed-in talent's record, current certification and code (created when certified and absent). */
async function standingOf(ctx: Ctx, accountId: number): Promise<Standing | undefined> {
  const talent = await repo.findTalentByAccount(ctx.db, accountId);
  if (!talent) return undefined;
  const cert = await findCurrentCertification(ctx.db, talent.id, ctx.now());
  let code = await repo.findCodeOfTalent(ctx.db, talent.id);
  if (cert?.tier && !code) {
    // 人才码 exists for every certified talent: issued on first need, with its audit row.
    code = await ctx.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const inserted = await repo.insertCodeIfAbsent(tx, {
        district: talent.district,
        talentId: talent.id,
        code: newCodeId(),
      });
      if (inserted) {
        await appendAudit(ctx, tx, {
          action: 'talent_code.issue',
          object: `talent_code:${inserted.id}`,
          outcome: 'success',
          details: { talentId: talent.id, tier: cert.tier },
        });
      }
      return inserted ?? (await repo.findCodeOfTalent(tx, talent.id));
    });
  }
  const tier = cert?.tier ? (await runtimeFor(ctx.db).tiersOf(talent.district)).get(cert.tier) : undefined;
  return { talent, cert, code, tier };
}

async function quotasLeft(ctx: Ctx, talentId: number, certId: number, tier: TierInfo | undefined) {
  const ents = tier?.entitlements ?? [];
  const periods = ents.map((e) => (e.quota ? quotaPeriod(e.quota.per, ctx.now(), certId) : ''));
  const counts = await repo.countUsesByPeriod(ctx.db, talentId, periods.filter(Boolean));
  return ents.map((e, i) => {
    if (!e.quota) return { service: e.service, name: text(e.name, ctx.lang), quota: null };
    const period = periods[i] ?? '';
    const used = counts.get(`${e.service}|${period}`) ?? 0;
    return {
      service: e.service,
      name: text(e.name, ctx.lang),
      quota: {
        count: e.quota.count,
        per: e.quota.per,
        used,
        left: Math.max(0, e.quota.count - used),
        period,
      },
    };
  });
}

/** The talent's code: status, tier, the entitlements with their quotas left this period. */
export async function getMyCode(ctx: Ctx) {
  const actor = authorize(ctx, 'talentCode:own');
  const s = await standingOf(ctx, actor.accountId);
  const base = {
    district: actor.district,
    codeId: null,
    tier: null,
    tierName: null,
    validTo: null,
    revokedReason: null,
  };
  if (!s) return { ...base, status: 'no_record' as const, entitlements: [] };
  if (s.code?.status === 'revoked') {
    const revocation = await repo.findRevocation(ctx.db, s.code.id);
    return {
      ...base,
      status: 'revoked' as const,
      codeId: s.code.code,
      revokedReason: revocation?.reason ?? null,
      entitlements: [],
    };
  }
  if (!s.cert?.tier || !s.code) return { ...base, status: 'not_certified' as const, entitlements: [] };
  return {
    ...base,
    status: 'active' as const,
    codeId: s.code.code,
    tier: s.cert.tier,
    tierName: s.tier ? text(s.tier.name, ctx.lang) : s.cert.tier,
    validTo: s.cert.validTo,
    entitlements: await quotasLeft(ctx, s.talent.id, s.cert.id, s.tier),
  };
}

/** This minute's token of the talent's code (one small JSON; the QR is drawn on the phone). */
export async function issueMyToken(ctx: Ctx) {
  const actor = authorize(ctx, 'talentCode:own');
  const s = await standingOf(ctx, actor.accountId);
  if (!s?.cert?.tier || !s.code) {
    throw new AppError('policy_denied', {
      zh: '您还没有有效的人才认定，暂无人才码',
      en: 'You have no current certification, so no talent code',
    });
  }
  if (s.code.status !== 'active') {
    throw new AppError('policy_denied', {
      zh: '您的人才码已被注销',
      en: 'Your talent code has been revoked',
    });
  }
  const rt = runtimeFor(ctx.db);
  const signer = await rt.signer(ctx.config.codeAlg, ctx.config.piiKey);
  const now = nowSeconds(ctx);
  const e = tokenExpiry(now);
  const token = encodeToken({ c: s.code.code, d: s.talent.district, t: s.cert.tier, e }, signer);
  return {
    token,
    path: `/v/${token}`,
    expiresAt: new Date(e * 1000).toISOString(),
    refreshAt: new Date((Math.floor(now / 60) + 1) * 60_000).toISOString(),
    serverNow: ctx.now().toISOString(),
  };
}

function serviceNames(tiers: Map<string, TierInfo>, lang: Lang): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of tiers.values())
    for (const e of t.entitlements) if (!names.has(e.service)) names.set(e.service, text(e.name, lang));
  return names;
}

function useItem(row: repo.UseWithProvider, names: Map<string, string>, lang: Lang) {
  return {
    id: row.id,
    at: new Date(row.createdAt).toISOString(),
    service: row.service,
    serviceName: names.get(row.service) ?? row.service,
    provider: lang === 'en' ? row.providerNameEn : row.providerNameZh,
    tier: row.tier,
    talent: maskName(row.talentName),
  };
}

/** The talent's usage history, newest first. */
export async function listMyUses(ctx: Ctx) {
  const actor = authorize(ctx, 'talentCode:own');
  const talent = await repo.findTalentByAccount(ctx.db, actor.accountId);
  if (!talent) return { items: [] };
  const names = serviceNames(await runtimeFor(ctx.db).tiersOf(talent.district), ctx.lang);
  const rows = await repo.listUses(ctx.db, { talentId: talent.id }, 100);
  return { items: rows.map((r) => useItem(r, names, ctx.lang)) };
}

// ------------------------------------------------------------------ providers scan and record

async function providerOf(ctx: Ctx, accountId: number) {
  const provider = await providersRepo.findProviderOfAccount(ctx.db, accountId);
  if (!provider?.active) {
    throw new AppError('forbidden', {
      zh: '您的账号尚未关联服务机构，请联系区人才办',
      en: 'Your account is not linked to a service provider; ask the talent office',
    });
  }
  return provider;
}

/** A provider's scan: who it is (masked), the tier, and which of THIS provider's services the talent may use. */
export async function scanCode(ctx: Ctx, body: { token: string }) {
  const actor = authorize(ctx, 'talentCode:scan');
  const provider = await providerOf(ctx, actor.accountId);
  const verification = await verifyCode(ctx, body);
  const providerOut = { id: provider.id, name: ctx.lang === 'en' ? provider.nameEn : provider.nameZh };
  if (!verification.valid) return { verification, provider: providerOut, services: [] };
  const rt = runtimeFor(ctx.db);
  const names = serviceNames(await rt.tiersOf(verification.district), ctx.lang);
  const holder = await rt.holder(verification.codeId);
  const cert = holder ? await findCurrentCertification(ctx.db, holder.talentId, ctx.now()) : undefined;
  const tier = (await rt.tiersOf(verification.district)).get(verification.tier);
  const left = holder && cert ? await quotasLeft(ctx, holder.talentId, cert.id, tier) : [];
  const services = provider.services.map((service) => {
    const ent = left.find((e) => e.service === service);
    return {
      service,
      name: ent?.name ?? names.get(service) ?? service,
      entitled: ent !== undefined && verification.district === provider.district,
      quota: ent?.quota ?? null,
    };
  });
  return { verification, provider: providerOut, services };
}

const denied = (zh: string, en: string, details?: unknown) =>
  new AppError('policy_denied', { zh, en }, details);

/**
 * Records one use of a service by the scanned talent: idempotent per scan (the same token, provider and
 * service are one use), counted against the tier's quota for the period, refused when the quota is used up.
 */
export async function recordUse(ctx: Ctx, body: { token: string; service: string }) {
  const actor = authorize(ctx, 'talentCode:use');
  const provider = await providerOf(ctx, actor.accountId);
  const token = tokenFromScan(body.token);
  const rt = runtimeFor(ctx.db);
  const result = await check(rt, token, nowSeconds(ctx));
  if (!result.valid) {
    throw new AppError('policy_denied', failureMessages[result.reason], { reason: result.reason });
  }
  const p = result.payload;
  if (!provider.services.includes(body.service)) {
    throw denied('本机构未登记提供该项服务', 'Your organisation does not offer this service', {
      field: 'service',
    });
  }
  if (p.d !== provider.district) throw denied('该人才码属于其他区', 'This code belongs to another district');
  const holder = await rt.holder(p.c);
  if (holder?.status !== 'active')
    throw new AppError('policy_denied', failureMessages.revoked, { reason: 'revoked' });
  const cert = await findCurrentCertification(ctx.db, holder.talentId, ctx.now());
  const tier = cert?.tier ? (await rt.tiersOf(p.d)).get(cert.tier) : undefined;
  const ent = tier?.entitlements.find((e) => e.service === body.service);
  if (!cert || !ent) {
    throw denied('该人才的层次不含此项服务', "This talent's tier does not include this service", {
      reason: 'not_entitled',
    });
  }
  const period = ent.quota
    ? quotaPeriod(ent.quota.per, ctx.now(), cert.id)
    : quotaPeriod('year', ctx.now(), cert.id);
  const scanKey = createHash('sha256').update(token).digest('hex').slice(0, 32);
  const names = serviceNames(await rt.tiersOf(p.d), ctx.lang);

  const outcome = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.lockQuota(tx, holder.talentId, body.service);
    const existing = await repo.findUseByScan(tx, provider.id, body.service, scanKey);
    const used = await repo.countUses(tx, holder.talentId, body.service, period);
    if (existing) return { row: existing, replayed: true, used };
    if (ent.quota && used >= ent.quota.count) return { row: undefined, replayed: false, used };
    const row = await repo.insertUse(tx, {
      district: p.d,
      codeId: holder.codeId,
      talentId: holder.talentId,
      providerId: provider.id,
      service: body.service,
      tier: cert.tier ?? p.t,
      period,
      scanKey,
      recordedBy: actor.username,
    });
    await appendAudit(ctx, tx, {
      action: 'talent_code.use',
      object: `talent_code_use:${row.id}`,
      outcome: 'success',
      details: { providerId: provider.id, service: body.service, period, talentId: holder.talentId },
    });
    return { row, replayed: false, used: used + 1 };
  });
  if (!outcome.row) {
    throw denied('本期该项服务的次数已用完', 'The quota of this service is used up for this period', {
      reason: 'quota_exhausted',
      quota: ent.quota,
      period,
    });
  }
  const [full] = (await repo.listUses(ctx.db, { providerId: provider.id }, 50)).filter(
    (r) => r.id === outcome.row?.id,
  );
  const row = full ?? {
    ...outcome.row,
    providerNameZh: provider.nameZh,
    providerNameEn: provider.nameEn,
    talentName: holder.name,
  };
  return {
    use: useItem(row, names, ctx.lang),
    replayed: outcome.replayed,
    quota: ent.quota
      ? {
          count: ent.quota.count,
          per: ent.quota.per,
          used: outcome.used,
          left: Math.max(0, ent.quota.count - outcome.used),
          period,
        }
      : null,
  };
}

/** The provider's recorded uses, newest first. */
export async function listProviderUses(ctx: Ctx) {
  const actor = authorize(ctx, 'talentCode:scan');
  const provider = await providerOf(ctx, actor.accountId);
  const names = serviceNames(await runtimeFor(ctx.db).tiersOf(provider.district), ctx.lang);
  const rows = await repo.listUses(ctx.db, { providerId: provider.id }, 100);
  return { items: rows.map((r) => useItem(r, names, ctx.lang)) };
}

// ------------------------------------------------------------------ the district's administration

/** The district's codes, newest first. */
export async function listCodes(ctx: Ctx) {
  const actor = authorize(ctx, 'talentCode:manage');
  const rows = await repo.listCodes(ctx.db, actor.district, 500);
  return {
    items: rows.map((r) => ({
      id: r.id,
      codeId: r.code,
      talentId: r.talentId,
      name: r.name,
      status: r.status as 'active' | 'revoked',
      createdAt: new Date(r.createdAt).toISOString(),
      revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
      uses: Number(r.uses),
    })),
  };
}

/** Revokes a code with a reason: at once on this instance, within the refresh interval everywhere else. */
export async function revokeCode(ctx: Ctx, codeId: number, reason: string) {
  const actor = authorize(ctx, 'talentCode:manage');
  const code = await repo.findCode(ctx.db, codeId);
  if (!code || code.district !== actor.district) throw new AppError('not_found', 'not_found', { codeId });
  if (code.status !== 'active') {
    throw new AppError('conflict', { zh: '该人才码已注销', en: 'This code is already revoked' }, { codeId });
  }
  const revoked = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.markRevoked(tx, codeId, ctx.now());
    if (!row)
      throw new AppError(
        'conflict',
        { zh: '该人才码已注销', en: 'This code is already revoked' },
        { codeId },
      );
    await repo.insertRevocation(tx, {
      district: row.district,
      codeId: row.id,
      code: row.code,
      reason,
      revokedBy: actor.username,
    });
    await appendAudit(ctx, tx, {
      action: 'talent_code.revoke',
      object: `talent_code:${row.id}`,
      outcome: 'success',
      details: { reason, talentId: row.talentId },
    });
    return row;
  });
  runtimeFor(ctx.db).revokeLocally(revoked.code);
  return {
    id: revoked.id,
    codeId: revoked.code,
    status: 'revoked' as const,
    revokedAt: new Date(revoked.revokedAt ?? ctx.now()).toISOString(),
  };
}

/** Uses per provider and service (the admin's table), with distinct talents and the last use. */
export async function usageReport(ctx: Ctx, query: { days?: number | undefined }) {
  const actor = authorize(ctx, 'talentCode:manage');
  const since = query.days ? new Date(ctx.now().getTime() - query.days * 86_400_000) : null;
  const names = serviceNames(await runtimeFor(ctx.db).tiersOf(actor.district), ctx.lang);
  const rows = await repo.usageByProviderService(ctx.db, actor.district, since);
  const out = rows.map((r) => ({
    providerId: r.providerId,
    provider: ctx.lang === 'en' ? r.providerNameEn : r.providerNameZh,
    kind: r.kind,
    service: r.service,
    serviceName: names.get(r.service) ?? r.service,
    uses: Number(r.uses),
    talents: Number(r.talents),
    lastAt: new Date(r.lastAt).toISOString(),
  }));
  return { rows: out, totalUses: out.reduce((n, r) => n + r.uses, 0) };
}
