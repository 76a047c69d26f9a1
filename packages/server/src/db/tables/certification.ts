// 分层分类认定: what a certification case needs beyond its result row (records.ts `certifications`): the
// case file (path, anonymous case code, recommender, nominating employer), its event history, the
// district's expert pool, the panels drawn for committee cases, the experts' rubric scores and the
// employers' 定向配额 quotas.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from '../schema';
import { createdAt, district } from './columns';
import { certifications, enterprises } from './records';

/** One rubric criterion: an id, its name and its weight in the weighted total. */
export type RubricCriterion = { id: string; zh: string; en: string; weight: number };

/** The scoring rubric of a district's committee (评审细则): criteria with weights, on a 0–100 or 1–5 scale. */
export const certificationRubrics = pgTable(
  'certification_rubrics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** percent (0–100) | five (1–5) */
    scale: text('scale').notNull(),
    criteria: jsonb('criteria').$type<RubricCriterion[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('certification_rubrics_one_active').on(t.district).where(sql`active`)],
);

/** The district's expert pool (专家库): expert accounts with their employer (for conflict of interest) and fields. */
export const expertProfiles = pgTable(
  'expert_profiles',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    district: district(),
    /** The expert's own employer; they are never drawn for a talent of the same employer. */
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).references(() => enterprises.id),
    /** The employer's name when it is not an enterprise on file (a university, an institute). */
    affiliation: text('affiliation'),
    title: text('title'),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('expert_profiles_district_active').on(t.district, t.active)],
);

/** The case file of a certification: how it came, who vouched for it, the anonymous code experts see. */
export const certificationCases = pgTable(
  'certification_cases',
  {
    certificationId: bigint('certification_id', { mode: 'number' })
      .primaryKey()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    district: district(),
    /** What experts see instead of the name, ID and employer: e.g. WX-7K3Q9D. */
    caseCode: text('case_code').notNull(),
    /** The catalogue's answer for the talent's record at submission (NONE when no tier passed). */
    catalogueTier: text('catalogue_tier').notNull(),
    /** catalogue paths end at the department; committee paths go on to the expert panel. */
    needsCommittee: boolean('needs_committee').notNull(),
    /** The talent's employer at submission (conflict-of-interest exclusion), if employed. */
    employerId: bigint('employer_id', { mode: 'number' }).references(() => enterprises.id),
    /** The nominating employer (用人单位举荐) or the quota's employer (定向配额). */
    nominatorId: bigint('nominator_id', { mode: 'number' }).references(() => enterprises.id),
    quotaId: bigint('quota_id', { mode: 'number' }),
    /** 院士/权威专家推荐: the recommender and their statement. */
    recommenderName: text('recommender_name'),
    recommenderTitle: text('recommender_title'),
    statement: text('statement'),
    /** The department whose reviewers handle the case (人社局 by default). */
    departmentCode: text('department_code').notNull(),
    /** Documents of the talent submitted with the case (evidence on file). */
    documentIds: bigint('document_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    rubricId: bigint('rubric_id', { mode: 'number' }).references(() => certificationRubrics.id),
    panelSize: integer('panel_size'),
    scoringClosedAt: timestamp('scoring_closed_at', { withTimezone: true }),
    /** The client's idempotency key of the submission (a retried POST returns the same case). */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('certification_cases_code').on(t.caseCode),
    uniqueIndex('certification_cases_idempotency').on(t.district, t.idempotencyKey),
    index('certification_cases_district_department').on(t.district, t.departmentCode),
  ],
);

/** The history of a case: every step with who, when, the status before and after, and the reason. */
export const certificationEvents = pgTable(
  'certification_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    certificationId: bigint('certification_id', { mode: 'number' })
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    district: district(),
    /** submitted | resubmitted | returned | department_approved | rejected | panel_drawn | scored | scoring_closed | approved | revoked | reminded */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actor: text('actor').notNull(),
    role: text('role'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certification_events_case').on(t.certificationId, t.id)],
);

/** The experts drawn for a committee case (小同行评议). */
export const certificationPanelMembers = pgTable(
  'certification_panel_members',
  {
    certificationId: bigint('certification_id', { mode: 'number' })
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    expertAccountId: bigint('expert_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.certificationId, t.expertAccountId] }),
    index('certification_panel_expert').on(t.expertAccountId),
  ],
);

/** One expert's score of one case against the rubric: per criterion, the weighted total and a comment. */
export const certificationScores = pgTable(
  'certification_scores',
  {
    certificationId: bigint('certification_id', { mode: 'number' })
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    expertAccountId: bigint('expert_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    /** Weighted total on a 0–100 scale (a 1–5 rubric is mapped onto it). */
    total: numeric('total', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    comment: text('comment').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.certificationId, t.expertAccountId] })],
);

/** 定向配额: how many certifications an employer may be granted by quota in a year, and how many it used. */
export const certificationQuotas = pgTable(
  'certification_quotas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' })
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    /** The best tier the quota may grant. */
    maxTier: text('max_tier').notNull(),
    total: integer('total').notNull(),
    used: integer('used').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('certification_quotas_enterprise_year').on(t.district, t.enterpriseId, t.year)],
);
