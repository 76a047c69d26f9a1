// The only SQL for applications, their timeline events, grants and payment items (and the reads of the
// records tables a claim needs: the subject, their employer, their documents on file, departments).
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  accounts,
  applicationEvents,
  applications,
  departments,
  documents,
  employments,
  enterpriseMembers,
  enterprises,
  grants,
  notifications,
  packVersions,
  paymentItems,
  talents,
} from '../../db/schema';

export type ApplicationRow = typeof applications.$inferSelect;
export type NewApplication = Omit<typeof applications.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type EventRow = typeof applicationEvents.$inferSelect;
export type NewEvent = Omit<typeof applicationEvents.$inferInsert, 'id'>;
export type GrantRow = typeof grants.$inferSelect;
export type NewGrant = Omit<typeof grants.$inferInsert, 'id' | 'createdAt'>;
export type PaymentItemRow = typeof paymentItems.$inferSelect;
export type NewPaymentItem = Omit<typeof paymentItems.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

// ---------------------------------------------------------------- subjects (records tables, read only)

export async function findTalentByAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, name: talents.name, accountId: talents.accountId })
    .from(talents)
    .where(eq(talents.accountId, accountId))
    .limit(1);
  return row;
}

export async function findTalent(db: Db, talentId: number) {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, name: talents.name, accountId: talents.accountId })
    .from(talents)
    .where(eq(talents.id, talentId))
    .limit(1);
  return row;
}

export async function listTalentIds(db: Db, district: string): Promise<number[]> {
  const rows = await db
    .select({ id: talents.id })
    .from(talents)
    .where(eq(talents.district, district))
    .orderBy(asc(talents.id));
  return rows.map((r) => r.id);
}

export async function listEnterpriseIds(db: Db, district: string): Promise<number[]> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.district, district))
    .orderBy(asc(enterprises.id));
  return rows.map((r) => r.id);
}

export async function findEnterpriseOfAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({ id: enterprises.id, district: enterprises.district, name: enterprises.name })
    .from(enterpriseMembers)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseMembers.enterpriseId))
    .where(eq(enterpriseMembers.accountId, accountId))
    .limit(1);
  return row;
}

export async function findEnterprise(db: Db, enterpriseId: number) {
  const [row] = await db
    .select({ id: enterprises.id, district: enterprises.district, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId))
    .limit(1);
  return row;
}

/** The talent's confirmed employer, the latest first. */
export async function findConfirmedEmployer(db: Db, talentId: number) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(employments)
    .innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
    .where(and(eq(employments.talentId, talentId), eq(employments.status, 'confirmed')))
    .orderBy(desc(employments.startDate), desc(employments.id))
    .limit(1);
  return row;
}

/** The accounts of an enterprise's HR (who act for the `employer` stage). */
export async function listEnterpriseAccounts(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .select({ accountId: enterpriseMembers.accountId })
    .from(enterpriseMembers)
    .where(eq(enterpriseMembers.enterpriseId, enterpriseId));
  return rows.map((r) => r.accountId);
}

/** The documents on file of a talent or an enterprise, newest first. */
export function listSubjectDocuments(db: Db, subject: { talentId?: number; enterpriseId?: number }) {
  const where =
    subject.talentId !== undefined
      ? eq(documents.talentId, subject.talentId)
      : eq(documents.enterpriseId, subject.enterpriseId ?? -1);
  return db
    .select({ id: documents.id, kind: documents.kind, fileName: documents.fileName })
    .from(documents)
    .where(where)
    .orderBy(desc(documents.createdAt), desc(documents.id));
}

export async function findDocument(db: Db, id: number) {
  const [row] = await db
    .select({
      id: documents.id,
      talentId: documents.talentId,
      enterpriseId: documents.enterpriseId,
      kind: documents.kind,
      fileName: documents.fileName,
    })
    .from(documents)
    .where(eq(documents.id, id))
    .limit(1);
  return row;
}

export async function listDepartments(db: Db, district: string) {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      nameZh: departments.nameZh,
      nameEn: departments.nameEn,
    })
    .from(departments)
    .where(eq(departments.district, district));
}

export async function findAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      role: accounts.role,
      district: accounts.district,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  return row;
}

export async function listAccountsOfDepartment(db: Db, district: string, code: string): Promise<number[]> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(departments, eq(departments.id, accounts.departmentId))
    .where(and(eq(accounts.district, district), eq(departments.code, code), eq(accounts.status, 'active')));
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- applications

export async function insertApplication(tx: Db, row: NewApplication): Promise<ApplicationRow> {
  const [inserted] = await tx.insert(applications).values(row).returning();
  if (!inserted) throw new Error('application insert returned nothing');
  return inserted;
}

export async function findApplication(db: Db, id: number): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id)).limit(1);
  return row;
}

/** Locks the application row for the rest of the transaction. */
export async function lockApplication(tx: Db, id: number): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for('update').limit(1);
  return row;
}

export async function findOpenApplication(tx: Db, district: string, subjectKey: string, policyId: string) {
  const [row] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.district, district),
        eq(applications.subjectKey, subjectKey),
        eq(applications.policyId, policyId),
        inArray(applications.status, ['in_review', 'returned']),
      ),
    )
    .limit(1);
  return row;
}

/** Updates an application only if it is still in the status and stage the caller saw (no double acts). */
export async function updateApplicationIf(
  tx: Db,
  id: number,
  expect: { status: string; stage?: number },
  set: Partial<NewApplication>,
): Promise<ApplicationRow | undefined> {
  const where = [eq(applications.id, id), eq(applications.status, expect.status)];
  if (expect.stage !== undefined) where.push(eq(applications.currentStage, expect.stage));
  const [row] = await tx
    .update(applications)
    .set({ ...set, updatedAt: new Date() })
    .where(and(...where))
    .returning();
  return row;
}

export type ApplicationFilter = {
  district: string;
  subjectKeys?: string[];
  holders?: string[];
  statuses?: string[];
  overdueAt?: Date;
  limit: number;
  offset: number;
};

export async function listApplications(db: Db, f: ApplicationFilter) {
  const where = [eq(applications.district, f.district)];
  if (f.subjectKeys)
    where.push(inArray(applications.subjectKey, f.subjectKeys.length ? f.subjectKeys : ['-']));
  if (f.holders) where.push(inArray(applications.holder, f.holders.length ? f.holders : ['-']));
  if (f.statuses?.length) where.push(inArray(applications.status, f.statuses));
  if (f.overdueAt) where.push(lte(applications.stageDueAt, f.overdueAt), isNotNull(applications.holder));
  const cond = and(...where);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(applications)
      .where(cond)
      .orderBy(asc(applications.stageDueAt), desc(applications.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(applications).where(cond),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}

export async function listApplicationsOfStation(db: Db, district: string, stationAccountId: number) {
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.district, district), eq(applications.stationAccountId, stationAccountId)))
    .orderBy(desc(applications.id))
    .limit(200);
}

// ---------------------------------------------------------------- events

export async function insertEvent(tx: Db, row: NewEvent): Promise<void> {
  await tx.insert(applicationEvents).values(row);
}

export function listEvents(db: Db, applicationId: number): Promise<EventRow[]> {
  return db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.id));
}

// ---------------------------------------------------------------- grants

export async function findGrantInGroup(tx: Db, district: string, subjectKey: string, group: string) {
  const [row] = await tx
    .select()
    .from(grants)
    .where(
      and(
        eq(grants.district, district),
        eq(grants.subjectKey, subjectKey),
        eq(grants.exclusivityGroup, group),
      ),
    )
    .limit(1);
  return row;
}

export async function findGrant(tx: Db, district: string, subjectKey: string, policyId: string) {
  const [row] = await tx
    .select()
    .from(grants)
    .where(
      and(eq(grants.district, district), eq(grants.subjectKey, subjectKey), eq(grants.policyId, policyId)),
    )
    .limit(1);
  return row;
}

export async function findGrantOfApplication(db: Db, applicationId: number) {
  const [row] = await db.select().from(grants).where(eq(grants.applicationId, applicationId)).limit(1);
  return row;
}

export function listGrantsOfSubjects(db: Db, district: string, subjectKeys: string[]) {
  return db
    .select()
    .from(grants)
    .where(
      and(
        eq(grants.district, district),
        inArray(grants.subjectKey, subjectKeys.length ? subjectKeys : ['-']),
      ),
    )
    .orderBy(desc(grants.id));
}

/** Inserts a grant; undefined when one already exists for the subject and policy or exclusivity group. */
export async function insertGrantIfAbsent(tx: Db, row: NewGrant): Promise<GrantRow | undefined> {
  const [inserted] = await tx.insert(grants).values(row).onConflictDoNothing().returning();
  return inserted;
}

// ---------------------------------------------------------------- payment items

export async function insertPaymentItems(tx: Db, rows: NewPaymentItem[]): Promise<PaymentItemRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(paymentItems).values(rows).returning();
}

export function listPaymentItemsOfGrant(db: Db, grantId: number): Promise<PaymentItemRow[]> {
  return db
    .select()
    .from(paymentItems)
    .where(eq(paymentItems.grantId, grantId))
    .orderBy(asc(paymentItems.instalment));
}

// ---------------------------------------------------------------- notifications (the landed inbox table)

export type NewNotification = Omit<typeof notifications.$inferInsert, 'id' | 'createdAt' | 'readAt'>;

/** Writes inbox messages; a message whose (account, dedupe key) exists is skipped. */
export async function insertNotifications(tx: Db, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows).onConflictDoNothing();
}

export function listGrantsById(db: Db, id: number): Promise<GrantRow[]> {
  return db.select().from(grants).where(eq(grants.id, id)).limit(1);
}

/** The accounts that speak for a subject: the talent's own account, or the enterprise's HR accounts. */
export async function subjectAccounts(
  db: Db,
  subject: { talentId: number | null; enterpriseId: number | null },
): Promise<number[]> {
  if (subject.talentId) {
    const t = await findTalent(db, subject.talentId);
    return t?.accountId ? [t.accountId] : [];
  }
  if (subject.enterpriseId) return listEnterpriseAccounts(db, subject.enterpriseId);
  return [];
}

export async function findPackVersion(db: Db, id: number) {
  const [row] = await db
    .select({ id: packVersions.id, district: packVersions.district, contentHash: packVersions.contentHash })
    .from(packVersions)
    .where(eq(packVersions.id, id))
    .limit(1);
  return row;
}

/** Whether any grant was made under this pack version (the demo start-up's 免申即享 ran for it). */
export async function hasGrantsOfVersion(db: Db, district: string, packVersionId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.district, district), eq(grants.packVersionId, packVersionId)))
    .limit(1);
  return row !== undefined;
}

/** Whether the district has any grant at all. */
export async function hasAnyGrants(db: Db, district: string): Promise<boolean> {
  const [row] = await db.select({ id: grants.id }).from(grants).where(eq(grants.district, district)).limit(1);
  return row !== undefined;
}
