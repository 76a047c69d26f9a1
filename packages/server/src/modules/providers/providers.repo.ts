// The only SQL for service providers (hospitals, schools, banks, parks…) and their staff accounts.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, providerStaff, providers } from '../../db/schema';

export type ProviderRow = typeof providers.$inferSelect;
export type ProviderWithStaff = ProviderRow & { staff: string[] };

export async function listProviders(db: Db, district: string): Promise<ProviderWithStaff[]> {
  const rows = await db
    .select({
      provider: providers,
      staff: sql<
        string[]
      >`coalesce((select array_agg(a.username order by a.username) from ${providerStaff} s join ${accounts} a on a.id = s.account_id where s.provider_id = "providers"."id"), '{}'::text[])`,
    })
    .from(providers)
    .where(eq(providers.district, district))
    .orderBy(asc(providers.id));
  return rows.map((r) => ({ ...r.provider, staff: r.staff ?? [] }));
}

export async function findProvider(db: Db, id: number): Promise<ProviderRow | undefined> {
  const [row] = await db.select().from(providers).where(eq(providers.id, id)).limit(1);
  return row;
}

export async function findProviderByName(
  db: Db,
  district: string,
  nameZh: string,
): Promise<ProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(providers)
    .where(and(eq(providers.district, district), eq(providers.nameZh, nameZh)))
    .limit(1);
  return row;
}

/** The provider a staff account works for. */
export async function findProviderOfAccount(db: Db, accountId: number): Promise<ProviderRow | undefined> {
  const [row] = await db
    .select({ provider: providers })
    .from(providerStaff)
    .innerJoin(providers, eq(providers.id, providerStaff.providerId))
    .where(eq(providerStaff.accountId, accountId))
    .limit(1);
  return row?.provider;
}

export async function insertProvider(
  tx: Db,
  row: typeof providers.$inferInsert,
): Promise<ProviderRow | undefined> {
  const [inserted] = await tx.insert(providers).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function updateProvider(
  tx: Db,
  id: number,
  patch: Partial<Pick<ProviderRow, 'nameZh' | 'nameEn' | 'kind' | 'services' | 'active'>>,
): Promise<ProviderRow | undefined> {
  const [row] = await tx
    .update(providers)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(providers.id, id))
    .returning();
  return row;
}

export async function findAccountByUsername(db: Db, username: string) {
  const [row] = await db
    .select({
      id: accounts.id,
      district: accounts.district,
      role: accounts.role,
      username: accounts.username,
    })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${username})`)
    .limit(1);
  return row;
}

/** Assigns a staff account to a provider (moving it if it worked for another). */
export async function upsertStaff(tx: Db, accountId: number, providerId: number): Promise<void> {
  await tx
    .insert(providerStaff)
    .values({ accountId, providerId })
    .onConflictDoUpdate({ target: providerStaff.accountId, set: { providerId } });
}
