// Test factories for the talent services: a database with the shipped packs published, and talents with
// an account, a current certification and profile facts (written straight into the records tables).
import type { Actor } from '../../authz';
import { type Config, loadConfig } from '../../config';
import type { Ctx } from '../../ctx';
import { accounts, certifications, providerStaff, providers, talentFacts, talents } from '../../db/schema';
import { AppError } from '../../errors';
import type { Lang } from '../../i18n';
import { hashPassword } from '../../lib/password';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { publishShippedPacks } from '../policies/policies.service';

export type World = { database: TestDatabase; config: Config };

/** Publishes the shipped packs into a database (for tests built on createTestApp). */
export const publishPacks = (w: World) => publishShippedPacks(w.database.db, w.config);

export async function createWorld(): Promise<World> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  await seedDemo(database.db);
  await publishShippedPacks(database.db, config);
  return { database, config };
}

let serial = 0;
let passwordHash: Promise<string> | undefined;

export type TalentSpec = {
  district?: string;
  tier?: string | null;
  facts?: Record<string, unknown>;
  name?: string;
};

/** A talent with a sign-in account (role talent), an approved certification of `tier`, and profile facts. */
export async function buildTalent(world: World, spec: TalentSpec = {}) {
  const db = world.database.db;
  const district = spec.district ?? 'wuxing';
  const n = ++serial;
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const [account] = await db
    .insert(accounts)
    .values({
      district,
      username: `t${n}-${Math.random().toString(36).slice(2, 7)}.${district}`,
      displayName: spec.name ?? `人才${n}`,
      role: 'talent',
      passwordHash: await passwordHash,
    })
    .returning();
  if (!account) throw new Error('account insert failed');
  const [talent] = await db
    .insert(talents)
    .values({
      district,
      accountId: account.id,
      name: spec.name ?? `人才${n}`,
      idKind: 'resident',
      idNumberEnc: `enc-${account.id}`,
      idNumberHash: `hash-${account.id}-${n}`,
      createdBy: 'test',
    })
    .returning();
  if (!talent) throw new Error('talent insert failed');
  const facts = { employerInDistrict: true, ownsHomeInDistrict: false, ...spec.facts };
  for (const [name, value] of Object.entries(facts))
    await db
      .insert(talentFacts)
      .values({ talentId: talent.id, name, value, source: 'department', updatedBy: 'test' });
  const tier = spec.tier === undefined ? 'C' : spec.tier;
  if (tier)
    await db.insert(certifications).values({
      district,
      talentId: talent.id,
      path: 'catalogue',
      requestedTier: tier,
      tier,
      status: 'approved',
      submittedBy: 'test',
      validFrom: '2024-01-01',
      validTo: '2029-12-31',
    });
  const actor: Actor = {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    role: 'talent',
    district,
    departmentId: null,
  };
  return { talentId: talent.id, accountId: account.id, username: account.username, actor };
}

/** A staff actor of a role (no talent record). */
export function staff(role: Actor['role'], district = 'wuxing', accountId = 1): Actor {
  return {
    accountId,
    username: `${role}.${district}`,
    displayName: role,
    role,
    district,
    departmentId: null,
  };
}

export function ctxOf(
  world: World,
  actor: Actor | null,
  district = actor?.district ?? 'wuxing',
  lang: Lang = 'zh',
  now = () => new Date(),
): Ctx {
  return {
    db: world.database.db,
    config: world.config,
    actor,
    district,
    lang,
    requestId: 'test',
    ip: '127.0.0.1',
    now,
    audited: { done: false },
  };
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A bank: a provider organisation (kind bank) with one staff account of role provider. */
export async function buildBank(world: World, nameZh: string, district = 'wuxing') {
  const db = world.database.db;
  const n = ++serial;
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const [account] = await db
    .insert(accounts)
    .values({
      district,
      username: `bank${n}-${Math.random().toString(36).slice(2, 7)}.${district}`,
      displayName: `${nameZh}人才贷窗口`,
      role: 'provider',
      passwordHash: await passwordHash,
    })
    .returning();
  const [provider] = await db
    .insert(providers)
    .values({ district, kind: 'bank', nameZh, nameEn: `Bank ${n}`, services: ['talent_loan'] })
    .returning();
  if (!account || !provider) throw new Error('bank insert failed');
  await db.insert(providerStaff).values({ accountId: account.id, providerId: provider.id });
  const actor: Actor = {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    role: 'provider',
    district,
    departmentId: null,
  };
  return { accountId: account.id, providerId: provider.id, username: account.username, actor };
}
