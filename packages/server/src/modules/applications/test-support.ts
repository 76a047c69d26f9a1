// Factories for the claims tests: a published district pack, talents and enterprises on file with the
// facts a policy needs, service contexts for the demo accounts, and applications at a given stage.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Actor, Role } from '../../authz';
import { loadConfig } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import {
  accounts,
  departments,
  employments,
  enterpriseMembers,
  enterprises,
  talentFacts,
  talents,
} from '../../db/schema';
import { AppError } from '../../errors';
import { publishPack, readPackDir } from '../policies/policies.service';

export const config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' });

export function ctxOf(db: Db, actor: Actor | null, now = new Date()): Ctx {
  return {
    db,
    config,
    actor,
    district: actor?.district ?? null,
    lang: 'zh',
    requestId: 'test',
    ip: '127.0.0.1',
    now: () => now,
    audited: { done: false },
  };
}

/** The demo account `<role>.<district>` as an actor. */
export async function demoActor(db: Db, role: Role, district = 'wuxing'): Promise<Actor> {
  const [a] = await db
    .select()
    .from(accounts)
    .where(eq(accounts.username, `${role}.${district}`))
    .limit(1);
  if (!a) throw new Error(`no demo account ${role}.${district}`);
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    district: a.district,
    departmentId: a.departmentId,
  };
}

export async function publishDistrict(db: Db, district = 'wuxing') {
  const admin = await demoActor(db, 'admin', district);
  return publishPack(ctxOf(db, admin), district, readPackDir(path.join(config.packsDir, district)));
}

let seq = 0;

/** A talent on file with engine facts (and, when given, a confirmed employer and a sign-in account). */
export async function buildTalent(
  db: Db,
  opts: {
    district?: string;
    name?: string;
    accountId?: number;
    facts?: Record<string, unknown>;
    employerId?: number;
  } = {},
) {
  seq++;
  const district = opts.district ?? 'wuxing';
  const [t] = await db
    .insert(talents)
    .values({
      district,
      accountId: opts.accountId ?? null,
      name: opts.name ?? `测试人才${seq}`,
      idKind: 'resident',
      idNumberEnc: `enc-${seq}-${Math.random()}`,
      idNumberHash: `hash-${seq}-${Math.random()}`,
      birthDate: '1992-03-01',
      createdBy: 'test',
    })
    .returning();
  if (!t) throw new Error('talent insert failed');
  for (const [name, value] of Object.entries(opts.facts ?? {})) {
    await db
      .insert(talentFacts)
      .values({ talentId: t.id, name, value, source: 'department', updatedBy: 'test' });
  }
  if (opts.employerId) {
    await db.insert(employments).values({
      district,
      talentId: t.id,
      enterpriseId: opts.employerId,
      startDate: '2024-01-01',
      status: 'confirmed',
      requestedBy: 'test',
    });
  }
  return t;
}

export async function buildEnterprise(
  db: Db,
  opts: { district?: string; hrAccountId?: number; name?: string } = {},
) {
  seq++;
  const [e] = await db
    .insert(enterprises)
    .values({
      district: opts.district ?? 'wuxing',
      creditCode: `91330502MA${String(seq).padStart(8, '0')}`,
      name: opts.name ?? `测试企业${seq}`,
      registeredInDistrict: true,
    })
    .returning();
  if (!e) throw new Error('enterprise insert failed');
  if (opts.hrAccountId)
    await db.insert(enterpriseMembers).values({ accountId: opts.hrAccountId, enterpriseId: e.id });
  return e;
}

export async function departmentId(db: Db, district: string, code: string): Promise<number> {
  const rows = await db.select().from(departments).where(eq(departments.district, district));
  const d = rows.find((r) => r.code === code);
  if (!d) throw new Error(`no department ${code}`);
  return d.id;
}

/** Awaits a promise expected to fail with an AppError, and returns the error. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}
