// Service providers (hospitals, schools, banks, parks…) registered by the district with the entitlement
// services they offer, and the provider accounts that scan talent codes for them.
import type { Text } from '@rencai/engine';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import { runtimeFor } from '../talent-code/talent-code.runtime';
import * as repo from './providers.repo';

export type ProviderInput = { kind: string; nameZh: string; nameEn: string; services: string[] };

/** The services a provider may offer: every entitlement of the district's tiers, with its name. */
export async function districtServices(db: Db, district: string): Promise<Map<string, Text>> {
  const names = new Map<string, Text>();
  for (const tier of (await runtimeFor(db).tiersOf(district)).values()) {
    for (const e of tier.entitlements) if (!names.has(e.service)) names.set(e.service, e.name);
  }
  return names;
}

async function checkServices(ctx: Ctx, district: string, services: string[]) {
  const known = await districtServices(ctx.db, district);
  const unknown = services.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      {
        zh: `本区人才目录没有这些服务：${unknown.join('、')}`,
        en: `Not a service of this district's tiers: ${unknown.join(', ')}`,
      },
      [{ path: 'body.services', message: `unknown: ${unknown.join(', ')}` }],
    );
  }
}

const out = (row: repo.ProviderRow, staff: string[] = []) => ({
  id: row.id,
  district: row.district,
  kind: row.kind as 'hospital',
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  services: row.services,
  active: row.active,
  staff,
});

/** The district's providers and the services they may offer. */
export async function listProviders(ctx: Ctx) {
  const actor = authorize(ctx, 'provider:manage');
  const rows = await repo.listProviders(ctx.db, actor.district);
  const services = await districtServices(ctx.db, actor.district);
  return {
    items: rows.map((r) => out(r, r.staff)),
    services: [...services].map(([service, name]) => ({
      service,
      name: ctx.lang === 'en' ? name.en : name.zh,
    })),
  };
}

/** Registers a provider with the services it offers. */
export async function createProvider(ctx: Ctx, input: ProviderInput) {
  const actor = authorize(ctx, 'provider:manage');
  await checkServices(ctx, actor.district, input.services);
  const services = [...new Set(input.services)];
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.insertProvider(tx, { district: actor.district, ...input, services });
    if (!row) {
      throw new AppError('conflict', { zh: '已有同名服务机构', en: 'A provider with this name exists' }, [
        { path: 'body.nameZh', message: 'exists' },
      ]);
    }
    await appendAudit(ctx, tx, {
      action: 'provider.create',
      object: `provider:${row.id}`,
      outcome: 'success',
      details: { services },
    });
    return out(row);
  });
}

async function ownProvider(ctx: Ctx, district: string, id: number) {
  const row = await repo.findProvider(ctx.db, id);
  if (!row || row.district !== district) throw new AppError('not_found', 'not_found', { providerId: id });
  return row;
}

/** Changes a provider's name, kind, services or whether it is active. */
export async function updateProvider(
  ctx: Ctx,
  id: number,
  patch: Partial<ProviderInput> & { active?: boolean },
) {
  const actor = authorize(ctx, 'provider:manage');
  await ownProvider(ctx, actor.district, id);
  if (patch.services) await checkServices(ctx, actor.district, patch.services);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await repo.updateProvider(
      tx,
      id,
      patch.services ? { ...patch, services: [...new Set(patch.services)] } : patch,
    );
    if (!row) throw new AppError('not_found', 'not_found', { providerId: id });
    await appendAudit(ctx, tx, {
      action: 'provider.update',
      object: `provider:${id}`,
      outcome: 'success',
      details: { ...patch },
    });
    return out(row);
  });
}

/** Links a provider account (role provider, same district) to the provider it scans for. */
export async function addStaff(ctx: Ctx, id: number, username: string) {
  const actor = authorize(ctx, 'provider:manage');
  const provider = await ownProvider(ctx, actor.district, id);
  const account = await repo.findAccountByUsername(ctx.db, username);
  if (!account || account.district !== actor.district || account.role !== 'provider') {
    throw new AppError(
      'validation_failed',
      { zh: '没有这个本区的服务商账号', en: 'No provider account of this district has that username' },
      [{ path: 'body.username', message: 'not a provider account of this district' }],
    );
  }
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.upsertStaff(tx, account.id, provider.id);
    await appendAudit(ctx, tx, {
      action: 'provider.staff.add',
      object: `provider:${id}`,
      outcome: 'success',
      details: { username: account.username },
    });
  });
  const rows = await repo.listProviders(ctx.db, actor.district);
  const row = rows.find((r) => r.id === id) ?? { ...provider, staff: [] };
  return out(row, row.staff);
}

/** The provider the signed-in provider account works for. */
export async function getMyProvider(ctx: Ctx) {
  const actor = authorize(ctx, 'talentCode:scan');
  const row = await repo.findProviderOfAccount(ctx.db, actor.accountId);
  if (!row)
    throw new AppError('not_found', {
      zh: '您的账号尚未关联服务机构',
      en: 'Your account is not linked to a provider',
    });
  return out(row);
}
