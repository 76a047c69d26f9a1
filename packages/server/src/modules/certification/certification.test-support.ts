// Factories for the certification tests: talents with facts and an employer, enterprises, expert accounts
// in the pool, and a service context per actor. Rows go straight into the records tables (the records
// module's own services are not what is under test here).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor, Role } from '../../authz';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { accounts, employments, enterprises, expertProfiles, talentFacts, talents } from '../../db/schema';
import type { Lang } from '../../i18n';

export const actorOf = async (db: Db, username: string): Promise<Actor> => {
  const [a] = await db.select().from(accounts).where(eq(accounts.username, username)).limit(1);
  if (!a) throw new Error(`no account ${username}`);
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role as Role,
    district: a.district,
    departmentId: a.departmentId,
  };
};

export function ctxFor(
  db: Db,
  config: Config,
  actor: Actor | null,
  opts: { district?: string; lang?: Lang; now?: Date } = {},
): Ctx {
  return {
    db,
    config,
    actor,
    district: opts.district ?? actor?.district ?? 'wuxing',
    lang: opts.lang ?? 'zh',
    requestId: 'test',
    ip: '127.0.0.1',
    now: () => opts.now ?? new Date(),
    audited: { done: false },
  };
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomUUID().slice(0, 4)}`;

export async function buildEnterprise(
  db: Db,
  district: string,
  name = `测试企业${unique()}`,
): Promise<number> {
  const [row] = await db
    .insert(enterprises)
    .values({ district, creditCode: `TEST${unique()}`.slice(0, 18), name })
    .returning({ id: enterprises.id });
  return (row as { id: number }).id;
}

/** An account of a role (for talents, experts and HR made on the fly). */
export async function buildAccount(
  db: Db,
  district: string,
  role: Role,
  name = `${role}-${unique()}`,
): Promise<Actor> {
  const username = `${role}.t${unique()}`;
  await db.insert(accounts).values({ district, username, displayName: name, role, passwordHash: 'x' });
  return actorOf(db, username);
}

/** A talent with the given engine facts, optionally employed (confirmed) by an enterprise and with an account. */
export async function buildTalent(
  db: Db,
  district: string,
  opts: { facts?: Record<string, unknown>; employerId?: number; name?: string; withAccount?: boolean } = {},
): Promise<{ talentId: number; actor: Actor | null; name: string }> {
  const name = opts.name ?? '测试人才';
  const actor = opts.withAccount === false ? null : await buildAccount(db, district, 'talent', name);
  const [row] = await db
    .insert(talents)
    .values({
      district,
      accountId: actor?.accountId ?? null,
      name,
      idKind: 'resident',
      idNumberEnc: 'v1.test',
      idNumberHash: `hash-${unique()}`,
      birthDate: '1990-05-01',
      createdBy: 'test',
    })
    .returning({ id: talents.id });
  const talentId = (row as { id: number }).id;
  const facts = opts.facts ?? {};
  if (Object.keys(facts).length)
    await db.insert(talentFacts).values(
      Object.entries(facts).map(([n, value]) => ({
        talentId,
        name: n,
        value,
        source: 'self' as const,
        updatedBy: 'test',
      })),
    );
  if (opts.employerId !== undefined)
    await db.insert(employments).values({
      district,
      talentId,
      enterpriseId: opts.employerId,
      startDate: '2022-01-01',
      status: 'confirmed',
      requestedBy: 'test',
    });
  return { talentId, actor, name };
}

/** An expert account in the district's pool, employed by `enterpriseId` (or an institution when null). */
export async function buildExpert(db: Db, district: string, enterpriseId: number | null): Promise<Actor> {
  const actor = await buildAccount(db, district, 'expert');
  await db.insert(expertProfiles).values({
    accountId: actor.accountId,
    district,
    enterpriseId,
    affiliation: enterpriseId === null ? '某大学' : null,
    fields: ['新材料'],
    createdBy: 'test',
  });
  return actor;
}
