// 一人一档 and 一企一册: talents, enterprises, their facts with provenance, evidence documents stored by
// content hash, employment (claimed by the talent or HR, confirmed by the employer), and certifications.
// The facts the engine reads are derived from these rows (modules/talents/talents.facts.ts), never typed twice.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, packVersions } from '../schema';
import { createdAt, district, updatedAt } from './columns';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Where a fact came from: 自主申报, 用人单位确认, 部门核验, 数据共享交换. */
export const factSourceEnum = pgEnum('fact_source', ['self', 'employer', 'department', 'exchange']);

/** Employers, identified by 统一社会信用代码 (GB 32100), one row per district. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    industry: text('industry'),
    /** micro | small | medium | large */
    scale: text('scale'),
    /** high_tech | specialized_sme | above_scale | listed (the engine's enterpriseTags) */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** red | normal | black (红名单 / 正常 / 黑名单) */
    creditStatus: text('credit_status').notNull().default('normal'),
    /** 人才企业白名单, kept by the district administrator. */
    whiteListed: boolean('white_listed').notNull().default(false),
    registeredInDistrict: boolean('registered_in_district').notNull().default(true),
    /** Other engine facts of the enterprise (annualRevenue, rdInvestment, …), by fact name. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('enterprises_district_credit_code').on(t.district, t.creditCode)],
);

/** Which enterprise an `enterprise` (HR) account acts for. */
export const enterpriseMembers = pgTable('enterprise_members', {
  accountId: bigint('account_id', { mode: 'number' })
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  enterpriseId: bigint('enterprise_id', { mode: 'number' })
    .notNull()
    .references(() => enterprises.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});

/** One row per person (一人一档). ID number and phone are sealed (AES-256-GCM) with a keyed lookup hash. */
export const talents = pgTable(
  'talents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    /** The talent's own sign-in account; null for a record imported before the person signed up. */
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id),
    name: text('name').notNull(),
    /** resident (18-digit 居民身份证) | permanent_resident (外国人永久居留身份证, starting with 9) */
    idKind: text('id_kind').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    birthDate: date('birth_date', { mode: 'string' }),
    gender: text('gender'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('talents_district_id_hash').on(t.district, t.idNumberHash),
    uniqueIndex('talents_account').on(t.accountId),
    index('talents_district_phone_hash').on(t.district, t.phoneHash),
  ],
);

/** The talent's profile, one row per engine fact (degree, graduationDate, honours, …), each with its source. */
export const talentFacts = pgTable(
  'talent_facts',
  {
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    source: factSourceEnum('source').notNull(),
    /** Evidence documents supporting the value. */
    documentIds: bigint('document_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    verifiedBy: text('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    updatedBy: text('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.talentId, t.name] })],
);

/** Uploaded files' bytes, stored once per SHA-256 (the same certificate uploaded twice is one blob). */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: createdAt(),
});

/** Evidence documents (PDF/JPEG/PNG, checked by size and magic bytes) of a talent or an enterprise. */
export const documents = pgTable(
  'documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: bigint('talent_id', { mode: 'number' }).references(() => talents.id, { onDelete: 'cascade' }),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).references(() => enterprises.id, {
      onDelete: 'cascade',
    }),
    /** degree_certificate | id_document | contract | social_insurance | title_certificate | honour | housing | other */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('documents_talent').on(t.talentId), index('documents_enterprise').on(t.enterpriseId)],
);

/** A talent's employment at an enterprise: declared by either side, confirmed by the employer's HR. */
export const employments = pgTable(
  'employments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    enterpriseId: bigint('enterprise_id', { mode: 'number' })
      .notNull()
      .references(() => enterprises.id),
    position: text('position'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    contractYears: integer('contract_years'),
    /** pending (awaiting the employer) | confirmed | rejected | ended */
    status: text('status').notNull().default('pending'),
    requestedBy: text('requested_by').notNull(),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('employments_talent').on(t.talentId),
    index('employments_enterprise_status').on(t.enterpriseId, t.status),
    uniqueIndex('employments_one_current')
      .on(t.talentId, t.enterpriseId)
      .where(sql`status in ('pending', 'confirmed')`),
  ],
);

/**
 * A certification case and, once approved, its result (分层分类认定): the tier, the path it came by, the
 * validity window and the certificate number. The current tier of a talent is their approved, unexpired,
 * unrevoked certification with the latest valid_from.
 */
export const certifications = pgTable(
  'certifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    /** catalogue | employer_nomination | expert_recommendation | quota | committee */
    path: text('path').notNull(),
    /** The tier asked for (or the catalogue's answer at submission). */
    requestedTier: text('requested_tier').notNull(),
    /** The tier granted (may be one above the catalogue's for an expert recommendation). */
    tier: text('tier'),
    /** submitted | department_review | committee_review | returned | approved | rejected | withdrawn | revoked */
    status: text('status').notNull(),
    packVersionId: bigint('pack_version_id', { mode: 'number' }).references(() => packVersions.id),
    /** The catalogue explanation at submission (engine output), kept with the case. */
    explanation: jsonb('explanation').$type<unknown>(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    certificateNo: text('certificate_no'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('certifications_talent').on(t.talentId),
    index('certifications_district_status').on(t.district, t.status),
    uniqueIndex('certifications_certificate_no').on(t.certificateNo),
  ],
);

/**
 * The in-app inbox (消息): one row per message to an account. Any module writes here in its own
 * transaction (certification reminders, newly eligible policies, review results); e-mail delivery
 * (SMTP when configured, else an outbox) is the matching module's concern.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** e.g. certification_expiring, policy_eligible, application_returned */
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    /** Where the message leads in the web app, e.g. /applications/42 */
    link: text('link'),
    /** Dedupe key: a second message with the same key for the same account is not written. */
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_account_created').on(t.accountId, t.createdAt),
    uniqueIndex('notifications_dedupe').on(t.accountId, t.dedupeKey),
  ],
);
