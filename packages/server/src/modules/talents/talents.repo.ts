// The only SQL for talents (一人一档), their profile facts and their employments.
import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, employments, enterprises, talentFacts, talents } from '../../db/schema';

export type TalentRow = typeof talents.$inferSelect;
export type NewTalentRow = typeof talents.$inferInsert;
export type FactRow = typeof talentFacts.$inferSelect;
export type EmploymentRow = typeof employments.$inferSelect;

export async function findTalent(db: Db, id: number): Promise<TalentRow | undefined> {
  const [row] = await db.select().from(talents).where(eq(talents.id, id)).limit(1);
  return row;
}

export async function findTalentByAccount(db: Db, accountId: number): Promise<TalentRow | undefined> {
  const [row] = await db.select().from(talents).where(eq(talents.accountId, accountId)).limit(1);
  return row;
}

export async function findTalentByIdHash(
  db: Db,
  district: string,
  idNumberHash: string,
): Promise<TalentRow | undefined> {
  const [row] = await db
    .select()
    .from(talents)
    .where(and(eq(talents.district, district), eq(talents.idNumberHash, idNumberHash)))
    .limit(1);
  return row;
}

export async function insertTalent(db: Db, row: NewTalentRow): Promise<TalentRow> {
  const [inserted] = await db.insert(talents).values(row).returning();
  if (!inserted) throw new Error('talent insert returned nothing');
  return inserted;
}

/** Inserts the talents whose ID hash is new in the district; returns the ids of all rows given, by hash. */
export async function upsertTalentsByIdHash(
  db: Db,
  district: string,
  rows: NewTalentRow[],
): Promise<{ byHash: Map<string, number>; created: Set<string> }> {
  const created = new Set<string>();
  if (rows.length) {
    const inserted = await db
      .insert(talents)
      .values(rows)
      .onConflictDoNothing({ target: [talents.district, talents.idNumberHash] })
      .returning({ hash: talents.idNumberHash });
    for (const r of inserted) created.add(r.hash);
  }
  const byHash = new Map<string, number>();
  const hashes = rows.map((r) => r.idNumberHash);
  if (hashes.length) {
    const found = await db
      .select({ id: talents.id, hash: talents.idNumberHash })
      .from(talents)
      .where(and(eq(talents.district, district), inArray(talents.idNumberHash, hashes)));
    for (const r of found) byHash.set(r.hash, r.id);
  }
  return { byHash, created };
}

/** Links the account unless the record already has one (demo seeding, safe to repeat). */
export async function linkAccountIfUnlinked(db: Db, talentId: number, accountId: number): Promise<void> {
  await db
    .update(talents)
    .set({ accountId, updatedAt: sql`now()` })
    .where(and(eq(talents.id, talentId), sql`${talents.accountId} IS NULL`));
}

export async function linkAccount(db: Db, talentId: number, accountId: number): Promise<void> {
  await db.update(talents).set({ accountId, updatedAt: sql`now()` }).where(eq(talents.id, talentId));
}

export type TalentListFilter = { q?: string | undefined; page: number; pageSize: number };

/** A page of a district's talents, newest first, optionally filtered by a name fragment. */
export async function listTalents(
  db: Db,
  district: string,
  f: TalentListFilter,
): Promise<{ rows: TalentRow[]; total: number }> {
  const where = and(eq(talents.district, district), f.q ? ilike(talents.name, `%${f.q}%`) : undefined);
  const rows = await db
    .select()
    .from(talents)
    .where(where)
    .orderBy(desc(talents.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(talents).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function countTalents(db: Db, district: string): Promise<number> {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(talents)
    .where(eq(talents.district, district));
  return Number(count?.n ?? 0);
}

export async function listFacts(db: Db, talentId: number): Promise<FactRow[]> {
  return db.select().from(talentFacts).where(eq(talentFacts.talentId, talentId)).orderBy(talentFacts.name);
}

/** Writes fact rows (insert or replace value, source and verification). */
export async function upsertFacts(db: Db, rows: (typeof talentFacts.$inferInsert)[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(talentFacts)
    .values(rows)
    .onConflictDoUpdate({
      target: [talentFacts.talentId, talentFacts.name],
      set: {
        value: sql`excluded.value`,
        source: sql`excluded.source`,
        documentIds: sql`excluded.document_ids`,
        verifiedBy: sql`excluded.verified_by`,
        verifiedAt: sql`excluded.verified_at`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`now()`,
      },
    });
}

export async function deleteFacts(db: Db, talentId: number, names: string[]): Promise<void> {
  if (!names.length) return;
  await db
    .delete(talentFacts)
    .where(and(eq(talentFacts.talentId, talentId), inArray(talentFacts.name, names)));
}

export type EmploymentView = EmploymentRow & { enterpriseName: string; creditCode: string };

export async function listEmploymentsOfTalent(db: Db, talentId: number): Promise<EmploymentView[]> {
  const rows = await db
    .select({ e: employments, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(employments)
    .innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
    .where(eq(employments.talentId, talentId))
    .orderBy(desc(employments.id));
  return rows.map((r) => ({ ...r.e, enterpriseName: r.name, creditCode: r.creditCode }));
}

export async function findEmployment(db: Db, id: number): Promise<EmploymentRow | undefined> {
  const [row] = await db.select().from(employments).where(eq(employments.id, id)).limit(1);
  return row;
}

/** The pending or confirmed employment of a talent at an enterprise, if any. */
export async function findCurrentEmployment(
  db: Db,
  talentId: number,
  enterpriseId: number,
): Promise<EmploymentRow | undefined> {
  const [row] = await db
    .select()
    .from(employments)
    .where(
      and(
        eq(employments.talentId, talentId),
        eq(employments.enterpriseId, enterpriseId),
        inArray(employments.status, ['pending', 'confirmed']),
      ),
    )
    .limit(1);
  return row;
}

export async function insertEmployment(db: Db, row: typeof employments.$inferInsert): Promise<EmploymentRow> {
  const [inserted] = await db.insert(employments).values(row).returning();
  if (!inserted) throw new Error('employment insert returned nothing');
  return inserted;
}

/** Inserts employments unless the talent already has a current one there (bulk import). */
export async function insertEmploymentsIfAbsent(
  db: Db,
  rows: (typeof employments.$inferInsert)[],
): Promise<void> {
  if (!rows.length) return;
  await db.insert(employments).values(rows).onConflictDoNothing();
}

/** Moves an employment from `from` to a new status; undefined when it was not in `from` (a lost race). */
export async function setEmploymentStatus(
  db: Db,
  id: number,
  from: string,
  set: Partial<typeof employments.$inferInsert>,
): Promise<EmploymentRow | undefined> {
  const [row] = await db
    .update(employments)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(employments.id, id), eq(employments.status, from)))
    .returning();
  return row;
}

/** Whether a talent is (or asks to be) employed at an enterprise: the HR's scope over the talent. */
export async function isEmployedAt(db: Db, talentId: number, enterpriseId: number): Promise<boolean> {
  return (await findCurrentEmployment(db, talentId, enterpriseId)) !== undefined;
}

export async function insertAccount(
  db: Db,
  a: { district: string; username: string; displayName: string; passwordHash: string },
): Promise<number> {
  const [row] = await db
    .insert(accounts)
    .values({ ...a, role: 'talent' })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  return row?.id ?? 0;
}
