// The only SQL for accounts, departments, districts and sessions.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Role } from '../../authz';
import type { Db } from '../../db/client';
import { accounts, departments, districts, sessions } from '../../db/schema';

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type District = { code: string; name: { zh: string; en: string } };

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.username}) = ${username.toLowerCase()}`)
    .limit(1);
  return row;
}

export async function findAccount(db: Db, id: number): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

/** Records a failed sign-in; locks the account until `lockUntil` once `limit` failures in a row are reached. */
export async function recordFailedLogin(
  db: Db,
  id: number,
  limit: number,
  lockUntil: Date,
): Promise<AccountRow> {
  const [row] = await db
    .update(accounts)
    .set({
      failedAttempts: sql`CASE WHEN ${accounts.failedAttempts} + 1 >= ${limit} THEN 0 ELSE ${accounts.failedAttempts} + 1 END`,
      lockedUntil: sql`CASE WHEN ${accounts.failedAttempts} + 1 >= ${limit} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${accounts.lockedUntil} END`,
      updatedAt: sql`now()`,
    })
    .where(eq(accounts.id, id))
    .returning();
  if (!row) throw new Error(`account ${id} vanished`);
  return row;
}

export async function clearFailedLogins(db: Db, id: number): Promise<void> {
  await db.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.id, id));
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSession(
  db: Db,
  id: string,
): Promise<{ session: SessionRow; account: AccountRow } | undefined> {
  const [row] = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, id))
    .limit(1);
  return row;
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteIdleSessions(db: Db, before: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.lastSeenAt, before));
}

export async function listDistricts(db: Db): Promise<District[]> {
  const rows = await db.select().from(districts).orderBy(districts.code);
  return rows.map((r) => ({ code: r.code, name: { zh: r.nameZh, en: r.nameEn } }));
}

export async function upsertDistrict(db: Db, d: District): Promise<void> {
  await db
    .insert(districts)
    .values({ code: d.code, nameZh: d.name.zh, nameEn: d.name.en })
    .onConflictDoUpdate({ target: districts.code, set: { nameZh: d.name.zh, nameEn: d.name.en } });
}

export async function upsertDepartment(
  db: Db,
  d: { district: string; code: string; nameZh: string; nameEn: string },
): Promise<number> {
  const [row] = await db
    .insert(departments)
    .values(d)
    .onConflictDoUpdate({
      target: [departments.district, departments.code],
      set: { nameZh: d.nameZh, nameEn: d.nameEn },
    })
    .returning({ id: departments.id });
  if (!row) throw new Error('department upsert returned nothing');
  return row.id;
}

export async function findDepartmentCode(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db.select({ code: departments.code }).from(departments).where(eq(departments.id, id));
  return row?.code;
}

/** Inserts an account unless the username exists; returns whether it was created. */
export async function insertAccountIfAbsent(
  db: Db,
  a: {
    district: string;
    username: string;
    displayName: string;
    role: Role;
    departmentId: number | null;
    passwordHash: string;
  },
): Promise<boolean> {
  if (await findAccountByUsername(db, a.username)) return false;
  await db.insert(accounts).values(a);
  return true;
}

export async function listAccountsByDistrictRole(
  db: Db,
): Promise<Pick<AccountRow, 'username' | 'role' | 'district' | 'displayName'>[]> {
  return db
    .select({
      username: accounts.username,
      role: accounts.role,
      district: accounts.district,
      displayName: accounts.displayName,
    })
    .from(accounts)
    .where(and(eq(accounts.status, 'active')))
    .orderBy(accounts.district, accounts.id);
}
