// The only SQL of certification: cases (the records module's `certifications` rows plus our case files),
// their history, the expert pool, panels, scores, the rubric, quotas, reminders and verification.
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  accounts,
  certificationCases,
  certificationEvents,
  certificationPanelMembers,
  certificationQuotas,
  certificationRubrics,
  certificationScores,
  certifications,
  departments,
  districts,
  documents,
  employments,
  enterpriseMembers,
  enterprises,
  expertProfiles,
  notifications,
  talents,
} from '../../db/schema';

export type CertificationRow = typeof certifications.$inferSelect;
export type CaseFileRow = typeof certificationCases.$inferSelect;
export type EventRow = typeof certificationEvents.$inferSelect;
export type RubricRow = typeof certificationRubrics.$inferSelect;
export type QuotaRow = typeof certificationQuotas.$inferSelect;
export type ScoreRow = typeof certificationScores.$inferSelect;

/** A case: the certification row, its case file, and the talent's name and account. */
export type CaseRow = {
  cert: CertificationRow;
  file: CaseFileRow;
  talentName: string;
  talentAccountId: number | null;
};

// ---------------------------------------------------------------- talents, employers, documents

export type TalentRef = { id: number; district: string; name: string; accountId: number | null };

export async function findTalent(db: Db, id: number): Promise<TalentRef | undefined> {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, name: talents.name, accountId: talents.accountId })
    .from(talents)
    .where(eq(talents.id, id))
    .limit(1);
  return row;
}

export async function findTalentByAccount(db: Db, accountId: number): Promise<TalentRef | undefined> {
  const [row] = await db
    .select({ id: talents.id, district: talents.district, name: talents.name, accountId: talents.accountId })
    .from(talents)
    .where(eq(talents.accountId, accountId))
    .limit(1);
  return row;
}

/** Locks the talent's row for the rest of the transaction (one submission at a time per talent). */
export async function lockTalent(tx: Db, id: number): Promise<void> {
  await tx.execute(sql`SELECT id FROM talents WHERE id = ${id} FOR UPDATE`);
}

/** The enterprise an HR account acts for. */
export async function findMemberEnterprise(db: Db, accountId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: enterpriseMembers.enterpriseId })
    .from(enterpriseMembers)
    .where(eq(enterpriseMembers.accountId, accountId))
    .limit(1);
  return row?.id;
}

/** The enterprises a talent is currently employed by (confirmed), the latest first. */
export async function listCurrentEmployers(db: Db, talentId: number): Promise<number[]> {
  const rows = await db
    .select({ id: employments.enterpriseId })
    .from(employments)
    .where(and(eq(employments.talentId, talentId), eq(employments.status, 'confirmed')))
    .orderBy(desc(employments.startDate), desc(employments.id));
  return rows.map((r) => r.id);
}

export async function listEmployeeIds(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .select({ id: employments.talentId })
    .from(employments)
    .where(and(eq(employments.enterpriseId, enterpriseId), eq(employments.status, 'confirmed')));
  return rows.map((r) => r.id);
}

export async function findEnterprise(db: Db, id: number) {
  const [row] = await db
    .select({ id: enterprises.id, district: enterprises.district, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, id))
    .limit(1);
  return row;
}

export async function listEnterprises(db: Db, district: string) {
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.district, district))
    .orderBy(asc(enterprises.name))
    .limit(500);
}

export type DocumentRef = {
  id: number;
  kind: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: Date;
};

const documentColumns = {
  id: documents.id,
  kind: documents.kind,
  fileName: documents.fileName,
  mime: documents.mime,
  size: documents.size,
  createdAt: documents.createdAt,
};

export async function listTalentDocuments(db: Db, talentId: number): Promise<DocumentRef[]> {
  return db
    .select(documentColumns)
    .from(documents)
    .where(eq(documents.talentId, talentId))
    .orderBy(asc(documents.id));
}

export async function listDocuments(db: Db, ids: readonly number[]): Promise<DocumentRef[]> {
  if (ids.length === 0) return [];
  return db
    .select(documentColumns)
    .from(documents)
    .where(inArray(documents.id, [...ids]))
    .orderBy(asc(documents.id));
}

export async function findDistrict(db: Db, code: string) {
  const [row] = await db.select().from(districts).where(eq(districts.code, code)).limit(1);
  return row;
}

export async function findDepartmentCode(db: Db, id: number | null): Promise<string | undefined> {
  if (id === null) return undefined;
  const [row] = await db
    .select({ code: departments.code })
    .from(departments)
    .where(eq(departments.id, id))
    .limit(1);
  return row?.code;
}

// ---------------------------------------------------------------- cases

export async function countOpenCases(db: Db, talentId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(certifications)
    .where(
      and(
        eq(certifications.talentId, talentId),
        inArray(certifications.status, ['department_review', 'committee_review', 'returned']),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function insertCertification(
  tx: Db,
  row: typeof certifications.$inferInsert,
): Promise<CertificationRow> {
  const [inserted] = await tx.insert(certifications).values(row).returning();
  if (!inserted) throw new Error('certification insert returned nothing');
  return inserted;
}

export async function insertCaseFile(tx: Db, row: typeof certificationCases.$inferInsert): Promise<void> {
  await tx.insert(certificationCases).values(row);
}

export async function updateCaseFile(
  tx: Db,
  certificationId: number,
  patch: Partial<typeof certificationCases.$inferInsert>,
): Promise<void> {
  await tx
    .update(certificationCases)
    .set(patch)
    .where(eq(certificationCases.certificationId, certificationId));
}

/**
 * Moves a case from one status to the next with the given changes; returns undefined when the case is no
 * longer in `from` (someone else decided first), so a decision never applies twice.
 */
export async function transition(
  tx: Db,
  id: number,
  from: readonly string[],
  patch: Partial<typeof certifications.$inferInsert>,
): Promise<CertificationRow | undefined> {
  const [row] = await tx
    .update(certifications)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(certifications.id, id), inArray(certifications.status, [...from])))
    .returning();
  return row;
}

const caseSelect = {
  cert: certifications,
  file: certificationCases,
  talentName: talents.name,
  talentAccountId: talents.accountId,
};

export async function findCase(db: Db, district: string, id: number): Promise<CaseRow | undefined> {
  const [row] = await db
    .select(caseSelect)
    .from(certifications)
    .innerJoin(certificationCases, eq(certificationCases.certificationId, certifications.id))
    .innerJoin(talents, eq(talents.id, certifications.talentId))
    .where(and(eq(certifications.id, id), eq(certifications.district, district)))
    .limit(1);
  return row;
}

export async function findCaseByCode(db: Db, district: string, code: string): Promise<CaseRow | undefined> {
  const [row] = await db
    .select(caseSelect)
    .from(certifications)
    .innerJoin(certificationCases, eq(certificationCases.certificationId, certifications.id))
    .innerJoin(talents, eq(talents.id, certifications.talentId))
    .where(and(eq(certificationCases.caseCode, code), eq(certifications.district, district)))
    .limit(1);
  return row;
}

export async function findCaseByIdempotencyKey(
  db: Db,
  district: string,
  key: string,
): Promise<CaseRow | undefined> {
  const [row] = await db
    .select(caseSelect)
    .from(certifications)
    .innerJoin(certificationCases, eq(certificationCases.certificationId, certifications.id))
    .innerJoin(talents, eq(talents.id, certifications.talentId))
    .where(and(eq(certificationCases.idempotencyKey, key), eq(certifications.district, district)))
    .limit(1);
  return row;
}

export type CaseFilter = {
  district: string;
  talentIds?: readonly number[] | undefined;
  statuses?: readonly string[] | undefined;
  departmentCode?: string | undefined;
  expertAccountId?: number | undefined;
  limit: number;
  offset: number;
};

function caseWhere(f: CaseFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(certifications.district, f.district)];
  if (f.talentIds)
    parts.push(f.talentIds.length ? inArray(certifications.talentId, [...f.talentIds]) : sql`false`);
  if (f.statuses?.length) parts.push(inArray(certifications.status, [...f.statuses]));
  if (f.departmentCode) parts.push(eq(certificationCases.departmentCode, f.departmentCode));
  if (f.expertAccountId !== undefined)
    parts.push(
      inArray(
        certifications.id,
        sql`(SELECT certification_id FROM certification_panel_members WHERE expert_account_id = ${f.expertAccountId})`,
      ),
    );
  return and(...parts);
}

export async function listCases(db: Db, f: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  const where = caseWhere(f);
  const rows = await db
    .select(caseSelect)
    .from(certifications)
    .innerJoin(certificationCases, eq(certificationCases.certificationId, certifications.id))
    .innerJoin(talents, eq(talents.id, certifications.talentId))
    .where(where)
    .orderBy(asc(certifications.submittedAt), asc(certifications.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(certifications)
    .innerJoin(certificationCases, eq(certificationCases.certificationId, certifications.id))
    .where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Whether anyone by this name submitted a case in the district (the demo seed checks for itself). */
export async function hasCasesBy(db: Db, district: string, submittedBy: string): Promise<boolean> {
  const [row] = await db
    .select({ id: certifications.id })
    .from(certifications)
    .where(and(eq(certifications.district, district), eq(certifications.submittedBy, submittedBy)))
    .limit(1);
  return row !== undefined;
}

export async function insertEvent(tx: Db, row: typeof certificationEvents.$inferInsert): Promise<void> {
  await tx.insert(certificationEvents).values(row);
}

export async function listEvents(db: Db, certificationIds: readonly number[]): Promise<EventRow[]> {
  if (certificationIds.length === 0) return [];
  return db
    .select()
    .from(certificationEvents)
    .where(inArray(certificationEvents.certificationId, [...certificationIds]))
    .orderBy(asc(certificationEvents.id));
}

export async function findByCertificateNo(db: Db, no: string) {
  const [row] = await db
    .select({ cert: certifications, talentName: talents.name })
    .from(certifications)
    .innerJoin(talents, eq(talents.id, certifications.talentId))
    .where(eq(certifications.certificateNo, no))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- expert pool, panels, scores

export type PoolRow = {
  accountId: number;
  username: string;
  displayName: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  affiliation: string | null;
  title: string | null;
  fields: string[];
  active: boolean;
};

export async function listPool(db: Db, district: string): Promise<PoolRow[]> {
  return db
    .select({
      accountId: expertProfiles.accountId,
      username: accounts.username,
      displayName: accounts.displayName,
      enterpriseId: expertProfiles.enterpriseId,
      enterpriseName: enterprises.name,
      affiliation: expertProfiles.affiliation,
      title: expertProfiles.title,
      fields: expertProfiles.fields,
      active: expertProfiles.active,
    })
    .from(expertProfiles)
    .innerJoin(accounts, eq(accounts.id, expertProfiles.accountId))
    .leftJoin(enterprises, eq(enterprises.id, expertProfiles.enterpriseId))
    .where(and(eq(expertProfiles.district, district), eq(accounts.status, 'active')))
    .orderBy(asc(accounts.username));
}

/** Expert-role accounts of the district that are not in the pool yet. */
export async function listExpertAccountsOutsidePool(db: Db, district: string) {
  return db
    .select({ accountId: accounts.id, username: accounts.username, displayName: accounts.displayName })
    .from(accounts)
    .leftJoin(expertProfiles, eq(expertProfiles.accountId, accounts.id))
    .where(
      and(eq(accounts.district, district), eq(accounts.role, 'expert'), isNull(expertProfiles.accountId)),
    )
    .orderBy(asc(accounts.username));
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

export async function upsertExpertProfile(tx: Db, row: typeof expertProfiles.$inferInsert): Promise<void> {
  await tx
    .insert(expertProfiles)
    .values(row)
    .onConflictDoUpdate({
      target: expertProfiles.accountId,
      set: {
        enterpriseId: row.enterpriseId ?? null,
        affiliation: row.affiliation ?? null,
        title: row.title ?? null,
        fields: row.fields ?? [],
        active: row.active ?? true,
        updatedAt: new Date(),
      },
    });
}

export async function insertPanel(
  tx: Db,
  certificationId: number,
  expertIds: readonly number[],
): Promise<void> {
  if (expertIds.length === 0) return;
  await tx
    .insert(certificationPanelMembers)
    .values(expertIds.map((expertAccountId) => ({ certificationId, expertAccountId })));
}

export async function deletePanel(tx: Db, certificationId: number): Promise<void> {
  await tx
    .delete(certificationPanelMembers)
    .where(eq(certificationPanelMembers.certificationId, certificationId));
}

export async function listPanel(db: Db, certificationId: number) {
  return db
    .select({
      accountId: certificationPanelMembers.expertAccountId,
      username: accounts.username,
      displayName: accounts.displayName,
      enterpriseId: expertProfiles.enterpriseId,
      drawnAt: certificationPanelMembers.drawnAt,
    })
    .from(certificationPanelMembers)
    .innerJoin(accounts, eq(accounts.id, certificationPanelMembers.expertAccountId))
    .leftJoin(expertProfiles, eq(expertProfiles.accountId, certificationPanelMembers.expertAccountId))
    .where(eq(certificationPanelMembers.certificationId, certificationId))
    .orderBy(asc(accounts.username));
}

export async function isOnPanel(db: Db, certificationId: number, expertAccountId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: certificationPanelMembers.expertAccountId })
    .from(certificationPanelMembers)
    .where(
      and(
        eq(certificationPanelMembers.certificationId, certificationId),
        eq(certificationPanelMembers.expertAccountId, expertAccountId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Inserts a score; returns false when this expert already scored the case. */
export async function insertScore(tx: Db, row: typeof certificationScores.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(certificationScores)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: certificationScores.expertAccountId });
  return inserted.length > 0;
}

export async function listScores(db: Db, certificationId: number): Promise<ScoreRow[]> {
  return db
    .select()
    .from(certificationScores)
    .where(eq(certificationScores.certificationId, certificationId));
}

export async function findActiveRubric(db: Db, district: string): Promise<RubricRow | undefined> {
  const [row] = await db
    .select()
    .from(certificationRubrics)
    .where(and(eq(certificationRubrics.district, district), eq(certificationRubrics.active, true)))
    .limit(1);
  return row;
}

export async function findRubric(db: Db, id: number): Promise<RubricRow | undefined> {
  const [row] = await db.select().from(certificationRubrics).where(eq(certificationRubrics.id, id)).limit(1);
  return row;
}

/** Replaces the district's active rubric (cases keep the rubric they were scored on). */
export async function replaceRubric(
  tx: Db,
  row: Omit<typeof certificationRubrics.$inferInsert, 'id' | 'active'>,
): Promise<RubricRow> {
  await tx
    .update(certificationRubrics)
    .set({ active: false })
    .where(and(eq(certificationRubrics.district, row.district), eq(certificationRubrics.active, true)));
  const [inserted] = await tx
    .insert(certificationRubrics)
    .values({ ...row, active: true })
    .returning();
  if (!inserted) throw new Error('rubric insert returned nothing');
  return inserted;
}

// ---------------------------------------------------------------- quotas

export async function listQuotas(db: Db, district: string) {
  return db
    .select({ quota: certificationQuotas, enterpriseName: enterprises.name })
    .from(certificationQuotas)
    .innerJoin(enterprises, eq(enterprises.id, certificationQuotas.enterpriseId))
    .where(eq(certificationQuotas.district, district))
    .orderBy(desc(certificationQuotas.year), asc(enterprises.name));
}

export async function findQuota(db: Db, district: string, enterpriseId: number, year: number) {
  const [row] = await db
    .select()
    .from(certificationQuotas)
    .where(
      and(
        eq(certificationQuotas.district, district),
        eq(certificationQuotas.enterpriseId, enterpriseId),
        eq(certificationQuotas.year, year),
      ),
    )
    .limit(1);
  return row;
}

export async function findQuotaById(db: Db, id: number): Promise<QuotaRow | undefined> {
  const [row] = await db.select().from(certificationQuotas).where(eq(certificationQuotas.id, id)).limit(1);
  return row;
}

/** Sets an employer's quota for a year (creating it, or changing its size but never below what was used). */
export async function upsertQuota(
  tx: Db,
  row: Omit<typeof certificationQuotas.$inferInsert, 'id' | 'used'>,
): Promise<QuotaRow | undefined> {
  const [saved] = await tx
    .insert(certificationQuotas)
    .values(row)
    .onConflictDoUpdate({
      target: [certificationQuotas.district, certificationQuotas.enterpriseId, certificationQuotas.year],
      set: { total: row.total, maxTier: row.maxTier },
      setWhere: sql`${certificationQuotas.used} <= ${row.total}`,
    })
    .returning();
  return saved;
}

/** Uses one place of a quota: a single conditional UPDATE, so a quota is never exceeded. */
export async function consumeQuota(tx: Db, id: number): Promise<boolean> {
  const rows = await tx
    .update(certificationQuotas)
    .set({ used: sql`${certificationQuotas.used} + 1` })
    .where(
      and(eq(certificationQuotas.id, id), sql`${certificationQuotas.used} < ${certificationQuotas.total}`),
    )
    .returning({ id: certificationQuotas.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- reminders

/** Approved, unrevoked certifications whose validity ends between `from` and `to` (inclusive), with the holder's account. */
export async function listExpiring(db: Db, from: string, to: string) {
  return db
    .select({
      id: certifications.id,
      district: certifications.district,
      tier: certifications.tier,
      validTo: certifications.validTo,
      certificateNo: certifications.certificateNo,
      accountId: talents.accountId,
    })
    .from(certifications)
    .innerJoin(talents, eq(talents.id, certifications.talentId))
    .where(
      and(
        eq(certifications.status, 'approved'),
        gte(certifications.validTo, from),
        lte(certifications.validTo, to),
        isNull(certifications.revokedAt),
      ),
    )
    .orderBy(asc(certifications.validTo));
}

/** Writes a notification unless one with the same dedupe key exists for the account; true when written. */
export async function insertNotificationOnce(
  tx: Db,
  row: typeof notifications.$inferInsert & { dedupeKey: string },
): Promise<boolean> {
  const rows = await tx
    .insert(notifications)
    .values(row)
    .onConflictDoNothing({ target: [notifications.accountId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return rows.length > 0;
}
