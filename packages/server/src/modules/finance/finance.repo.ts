// The only SQL of 人才贷: bank products, applications with their consent, the bank's inbox.
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  accounts,
  employments,
  enterprises,
  loanApplications,
  loanProducts,
  notifications,
  providerStaff,
  providers,
  talents,
} from '../../db/schema';

export type ProductRow = typeof loanProducts.$inferSelect;
export type LoanApplicationRow = typeof loanApplications.$inferSelect;

export function listProducts(db: Db, district: string, onlyActive: boolean) {
  return db
    .select()
    .from(loanProducts)
    .where(
      and(eq(loanProducts.district, district), onlyActive ? eq(loanProducts.status, 'active') : undefined),
    )
    .orderBy(loanProducts.bankName, loanProducts.id);
}

export async function findProduct(db: Db, district: string, id: number) {
  const [row] = await db
    .select()
    .from(loanProducts)
    .where(and(eq(loanProducts.district, district), eq(loanProducts.id, id)));
  return row;
}

/** Locks a product row for the rest of the transaction (serialises a talent's duplicate submissions). */
export async function lockProduct(tx: Db, id: number) {
  const [row] = await tx.select().from(loanProducts).where(eq(loanProducts.id, id)).for('update');
  return row;
}

export async function insertProduct(tx: Db, row: typeof loanProducts.$inferInsert) {
  const [inserted] = await tx.insert(loanProducts).values(row).returning();
  if (!inserted) throw new Error('product insert returned nothing');
  return inserted;
}

export async function updateProduct(tx: Db, id: number, changes: Partial<typeof loanProducts.$inferInsert>) {
  const [row] = await tx
    .update(loanProducts)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(loanProducts.id, id))
    .returning();
  return row;
}

/** Provider accounts of a district that can receive loan applications, with their organisation. */
export function listBankAccounts(db: Db, district: string) {
  return db
    .select({
      accountId: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      providerId: providers.id,
      providerZh: providers.nameZh,
      providerEn: providers.nameEn,
      kind: providers.kind,
    })
    .from(accounts)
    .leftJoin(providerStaff, eq(providerStaff.accountId, accounts.id))
    .leftJoin(providers, eq(providers.id, providerStaff.providerId))
    .where(and(eq(accounts.district, district), eq(accounts.role, 'provider'), eq(accounts.status, 'active')))
    .orderBy(accounts.username);
}

export async function findBankAccount(db: Db, district: string, accountId: number) {
  const rows = await listBankAccounts(db, district);
  return rows.find((r) => r.accountId === accountId);
}

/** The provider organisation an account works for, if any. */
export async function providerOfAccount(db: Db, accountId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ providerId: providerStaff.providerId })
    .from(providerStaff)
    .where(eq(providerStaff.accountId, accountId));
  return row?.providerId;
}

export async function findOpenApplication(tx: Db, productId: number, talentId: number) {
  const [row] = await tx
    .select()
    .from(loanApplications)
    .where(
      and(
        eq(loanApplications.productId, productId),
        eq(loanApplications.talentId, talentId),
        eq(loanApplications.status, 'submitted'),
      ),
    )
    .limit(1);
  return row;
}

export async function insertApplication(tx: Db, row: typeof loanApplications.$inferInsert) {
  const [inserted] = await tx.insert(loanApplications).values(row).returning();
  if (!inserted) throw new Error('loan application insert returned nothing');
  return inserted;
}

export async function findApplication(db: Db, district: string, id: number) {
  const [row] = await db
    .select({ application: loanApplications, product: loanProducts })
    .from(loanApplications)
    .innerJoin(loanProducts, eq(loanProducts.id, loanApplications.productId))
    .where(and(eq(loanApplications.district, district), eq(loanApplications.id, id)));
  return row;
}

export function listApplicationsOfTalent(db: Db, district: string, talentId: number) {
  return db
    .select({ application: loanApplications, product: loanProducts })
    .from(loanApplications)
    .innerJoin(loanProducts, eq(loanProducts.id, loanApplications.productId))
    .where(and(eq(loanApplications.district, district), eq(loanApplications.talentId, talentId)))
    .orderBy(desc(loanApplications.id));
}

/**
 * A bank's inbox: applications to products whose receiving account is this account, or another staff
 * account of the same provider organisation.
 */
export function listInbox(
  db: Db,
  district: string,
  accountId: number,
  providerId: number | undefined,
  status?: string,
) {
  const colleagues = providerId
    ? db
        .select({ id: providerStaff.accountId })
        .from(providerStaff)
        .where(eq(providerStaff.providerId, providerId))
    : undefined;
  return db
    .select({ application: loanApplications, product: loanProducts })
    .from(loanApplications)
    .innerJoin(loanProducts, eq(loanProducts.id, loanApplications.productId))
    .where(
      and(
        eq(loanApplications.district, district),
        colleagues
          ? or(eq(loanProducts.bankAccountId, accountId), inArray(loanProducts.bankAccountId, colleagues))
          : eq(loanProducts.bankAccountId, accountId),
        status ? eq(loanApplications.status, status) : undefined,
      ),
    )
    .orderBy(
      sql`case ${loanApplications.status} when 'submitted' then 0 else 1 end`,
      desc(loanApplications.id),
    );
}

/** submitted → approved | declined | withdrawn with one conditional UPDATE; undefined when already decided. */
export async function decide(
  tx: Db,
  id: number,
  changes: Pick<LoanApplicationRow, 'status'> & Partial<LoanApplicationRow>,
) {
  const [row] = await tx
    .update(loanApplications)
    .set(changes)
    .where(and(eq(loanApplications.id, id), eq(loanApplications.status, 'submitted')))
    .returning();
  return row;
}

/** What the talent may consent to share: their record's name, sealed phone and current employer. */
export async function findSharableRecord(db: Db, talentId: number) {
  const [talent] = await db
    .select({ name: talents.name, phoneEnc: talents.phoneEnc, accountId: talents.accountId })
    .from(talents)
    .where(eq(talents.id, talentId));
  const [job] = await db
    .select({ name: enterprises.name })
    .from(employments)
    .innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
    .where(and(eq(employments.talentId, talentId), eq(employments.status, 'confirmed')))
    .orderBy(desc(employments.startDate))
    .limit(1);
  return talent ? { ...talent, employer: job?.name ?? null } : undefined;
}

export async function insertNotification(tx: Db, row: typeof notifications.$inferInsert) {
  await tx.insert(notifications).values(row).onConflictDoNothing();
}
