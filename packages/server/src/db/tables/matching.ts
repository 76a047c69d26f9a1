// 政策找人: the eligibility snapshot of every subject (talent or enterprise) under its district's pack
// version, the "policy finds people" runs (a pack publish re-decides everyone in a background job), and
// the e-mail outbox of the notifications (SMTP when configured; the rows stay here otherwise).
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
} from 'drizzle-orm/pg-core';
import { accounts, packVersions } from '../schema';
import { district } from './columns';
import { notifications } from './records';

/**
 * One row per subject decided: the pack version it was decided under and its total entitlement after
 * 就高不重复. A policy of that version with no row in `eligibility_snapshots` is ineligible for it.
 */
export const eligibilitySubjects = pgTable(
  'eligibility_subjects',
  {
    /** talent | enterprise */
    subjectKind: text('subject_kind').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    district: district(),
    packVersionId: bigint('pack_version_id', { mode: 'number' })
      .notNull()
      .references(() => packVersions.id),
    total: numeric('total', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    totalComplete: boolean('total_complete').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId] }),
    index('eligibility_subjects_district_version').on(t.district, t.packVersionId),
  ],
);

/** The policies a subject is eligible for or may be (unknown: facts missing), as the engine decided them. */
export const eligibilitySnapshots = pgTable(
  'eligibility_snapshots',
  {
    subjectKind: text('subject_kind').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    policyId: text('policy_id').notNull(),
    // No foreign keys on this derived table: runs rewrite millions of rows, and each key costs a lookup per row.
    district: text('district').notNull(),
    packVersionId: bigint('pack_version_id', { mode: 'number' }).notNull(),
    /** eligible | unknown */
    verdict: text('verdict').notNull(),
    /** Eligible: what is granted; unknown: what would be (null when a fact the amount needs is missing). */
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    /** Instalments of a policy paid in several parts ([{ share, amount, dueDate, state }]); null for a lump sum. */
    schedule: jsonb('schedule').$type<unknown[]>(),
    /** Unknown: the facts that would decide it. */
    missing: text('missing').array().notNull().default(sql`'{}'::text[]`),
    exclusivityGroup: text('exclusivity_group'),
    /** False when the group (就高不重复) keeps another policy for this subject: `displaced_by`. */
    chosen: boolean('chosen').notNull().default(true),
    displacedBy: text('displaced_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.policyId] }),
    index('eligibility_snapshots_counts').on(t.district, t.packVersionId, t.policyId, t.verdict),
  ],
);

/** A "policy finds people" run: re-deciding every subject of a district under a pack version. */
export const matchingRuns = pgTable(
  'matching_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    packVersionId: bigint('pack_version_id', { mode: 'number' })
      .notNull()
      .references(() => packVersions.id),
    /** queued | running | done | failed */
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    /** Subjects that gained at least one policy (and were notified when they have an account). */
    newlyEligible: integer('newly_eligible').notNull().default(0),
    notified: integer('notified').notNull().default(0),
    error: text('error'),
    requestedBy: text('requested_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('matching_runs_district_created').on(t.district, t.createdAt)],
);

/** E-mails of notifications: sent through SMTP when RENCAI_SMTP_URL is set, else kept here (pending). */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    notificationId: bigint('notification_id', { mode: 'number' }).references(() => notifications.id, {
      onDelete: 'set null',
    }),
    /** Null when the account has no e-mail address on file (status `no_address`). */
    toAddress: text('to_address'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** pending | sent | failed | no_address */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('email_outbox_status').on(t.status, t.id)],
);

export type EligibilitySnapshotRow = typeof eligibilitySnapshots.$inferSelect;
export type EligibilitySubjectRow = typeof eligibilitySubjects.$inferSelect;
export type MatchingRunRow = typeof matchingRuns.$inferSelect;
