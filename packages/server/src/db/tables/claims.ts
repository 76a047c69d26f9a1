// 一键申领 and 政策兑现: applications with their multi-stage review and timeline, grants (one per subject ×
// policy, one per subject × exclusivity group: 就高不重复 as a constraint), yearly fund budgets with their
// commitments, instalment payment items, payment batches, the ledger of every movement, idempotency keys
// of state-changing requests, and talents' consents to 人才服务驿站 (service stations) acting for them.
// Money is integer cents (bigint) everywhere.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, packVersions } from '../schema';
import { createdAt, district, updatedAt } from './columns';
import { talents } from './records';

const cents = (name: string) => bigint(name, { mode: 'number' });

/** One review step of an application, resolved at submission: who holds it and how long it may take. */
export type ApplicationStage = {
  id: string;
  name: { zh: string; en: string };
  /** employer: the talent's confirmed employer (HR); department: a department code (hr, housing, …). */
  holder: { kind: 'employer'; enterpriseId: number; name: string } | { kind: 'department'; code: string };
  /** Working days allowed (工作日). */
  days: number;
};

/** A material the policy asks for, matched against the documents on file at submission. */
export type ApplicationMaterial = {
  id: string;
  name: { zh: string; en: string };
  optional: boolean;
  documentId: number | null;
};

/** A yearly budget of a pack fund (or of one policy, code `policy:<id>`), with what is committed and paid. */
export const funds = pgTable(
  'funds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    /** The pack's fund id (talent_fund …) or `policy:<policyId>` for a policy without a fund. */
    code: text('code').notNull(),
    year: integer('year').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    budgetCents: cents('budget_cents').notNull(),
    committedCents: cents('committed_cents').notNull().default(0),
    paidCents: cents('paid_cents').notNull().default(0),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('funds_district_code_year').on(t.district, t.code, t.year)],
);

/** A claim (一键申领) of one policy by one subject, pre-filled from the record, and its review. */
export const applications = pgTable(
  'applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    policyId: text('policy_id').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    packVersionId: bigint('pack_version_id', { mode: 'number' })
      .notNull()
      .references(() => packVersions.id),
    /** talent | enterprise */
    subjectKind: text('subject_kind').notNull(),
    talentId: bigint('talent_id', { mode: 'number' }),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }),
    /** `talent:<id>` or `enterprise:<id>`: one key for uniqueness across both kinds. */
    subjectKey: text('subject_key').notNull(),
    subjectName: text('subject_name').notNull(),
    /** The account that submitted (the talent, the HR, or the station acting for the talent). */
    submittedBy: bigint('submitted_by', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    /** Set when a service station submitted on the talent's behalf. */
    stationAccountId: bigint('station_account_id', { mode: 'number' }).references(() => accounts.id),
    /** in_review | returned | approved | rejected | withdrawn */
    status: text('status').notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    decision: jsonb('decision').$type<Record<string, unknown>>().notNull(),
    amountCents: cents('amount_cents').notNull(),
    fundCode: text('fund_code').notNull(),
    exclusivityGroup: text('exclusivity_group'),
    stages: jsonb('stages').$type<ApplicationStage[]>().notNull(),
    /** Index into `stages` of the stage holding the application. */
    currentStage: integer('current_stage').notNull().default(0),
    /** Who holds the current stage: `department:<code>` or `enterprise:<id>`; null once decided. */
    holder: text('holder'),
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true }).notNull(),
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }).notNull(),
    materials: jsonb('materials').$type<ApplicationMaterial[]>().notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('applications_district_status').on(t.district, t.status),
    index('applications_subject').on(t.district, t.subjectKey),
    index('applications_holder').on(t.district, t.holder),
    uniqueIndex('applications_one_open')
      .on(t.district, t.subjectKey, t.policyId)
      .where(sql`status in ('in_review', 'returned')`),
  ],
);

/** Every act on an application (its timeline), with the actor and, for a station, on whose behalf. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** submitted | stage_approved | returned | resubmitted | approved | rejected | withdrawn | budget_committed | paid | payment_failed */
    action: text('action').notNull(),
    stageId: text('stage_id'),
    actorAccountId: bigint('actor_account_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role'),
    /** The station's display name when a station acted for the talent. */
    stationName: text('station_name'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('application_events_application').on(t.applicationId, t.id)],
);

/** A granted policy: at most one per subject × policy, and one per subject × exclusivity group (就高不重复). */
export const grants = pgTable(
  'grants',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    policyId: text('policy_id').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    subjectKey: text('subject_key').notNull(),
    subjectName: text('subject_name').notNull(),
    talentId: bigint('talent_id', { mode: 'number' }),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }),
    applicationId: bigint('application_id', { mode: 'number' }).references(() => applications.id),
    /** apply (after review) | automatic (免申即享) */
    mode: text('mode').notNull(),
    exclusivityGroup: text('exclusivity_group'),
    amountCents: cents('amount_cents').notNull(),
    /** The fund the amount is committed against (null for a grant of no money, e.g. a service). */
    fundId: bigint('fund_id', { mode: 'number' }).references(() => funds.id),
    packVersionId: bigint('pack_version_id', { mode: 'number' })
      .notNull()
      .references(() => packVersions.id),
    grantDate: date('grant_date', { mode: 'string' }).notNull(),
    grantedBy: text('granted_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('grants_subject_policy').on(t.district, t.subjectKey, t.policyId),
    uniqueIndex('grants_subject_group')
      .on(t.district, t.subjectKey, t.exclusivityGroup)
      .where(sql`exclusivity_group is not null`),
    index('grants_talent').on(t.talentId),
  ],
);

/** One instalment of a grant: due on a date, and possibly on a condition re-checked when it is listed. */
export const paymentItems = pgTable(
  'payment_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    grantId: bigint('grant_id', { mode: 'number' })
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    fundId: bigint('fund_id', { mode: 'number' })
      .notNull()
      .references(() => funds.id),
    /** Position in the policy's schedule (0-based). */
    instalment: integer('instalment').notNull(),
    amountCents: cents('amount_cents').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The instalment has its own condition (re-checked with the engine on the subject's current facts). */
    conditional: boolean('conditional').notNull().default(false),
    /** scheduled | in_batch | paid | failed */
    status: text('status').notNull().default('scheduled'),
    batchId: bigint('batch_id', { mode: 'number' }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payment_items_grant_instalment').on(t.grantId, t.instalment),
    index('payment_items_district_status_due').on(t.district, t.status, t.dueDate),
  ],
);

/** A disbursement run: due items collected, exported as a bank file, each marked paid or failed. */
export const paymentBatches = pgTable(
  'payment_batches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    /** open (awaiting results) | closed (every item marked) */
    status: text('status').notNull().default('open'),
    itemCount: integer('item_count').notNull(),
    totalCents: cents('total_cents').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('payment_batches_district').on(t.district, t.id)],
);

/** Which items a batch carried and what became of each (an item failed once may ride a later batch). */
export const paymentBatchItems = pgTable(
  'payment_batch_items',
  {
    batchId: bigint('batch_id', { mode: 'number' })
      .notNull()
      .references(() => paymentBatches.id, { onDelete: 'cascade' }),
    itemId: bigint('item_id', { mode: 'number' })
      .notNull()
      .references(() => paymentItems.id),
    amountCents: cents('amount_cents').notNull(),
    /** pending | paid | failed */
    outcome: text('outcome').notNull().default('pending'),
    reason: text('reason'),
    markedBy: text('marked_by'),
    markedAt: timestamp('marked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payment_batch_items_pk').on(t.batchId, t.itemId),
    // An item is in at most one open batch and paid at most once.
    uniqueIndex('payment_batch_items_live').on(t.itemId).where(sql`outcome in ('pending', 'paid')`),
  ],
);

/** Every movement of money: commit (on grant), release, pay, fail. */
export const ledger = pgTable(
  'ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    fundId: bigint('fund_id', { mode: 'number' })
      .notNull()
      .references(() => funds.id),
    /** commit | release | pay | fail */
    kind: text('kind').notNull(),
    amountCents: cents('amount_cents').notNull(),
    grantId: bigint('grant_id', { mode: 'number' }).references(() => grants.id),
    paymentItemId: bigint('payment_item_id', { mode: 'number' }).references(() => paymentItems.id),
    batchId: bigint('batch_id', { mode: 'number' }).references(() => paymentBatches.id),
    actor: text('actor').notNull(),
    at: createdAt(),
  },
  (t) => [index('ledger_district_fund').on(t.district, t.fundId, t.id)],
);

/** Idempotency keys of state-changing requests: the first request's hash and response, per account. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** METHOD + route pattern of the first request. */
    scope: text('scope').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull().default(200),
    response: jsonb('response').$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_keys_account_key').on(t.accountId, t.key)],
);

/** A talent's consent to a service station acting for them: scoped, time-limited, revocable. */
export const stationConsents = pgTable(
  'station_consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    stationAccountId: bigint('station_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** record | documents | claims */
    scope: text('scope').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    grantedBy: text('granted_by').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('station_consents_station').on(t.stationAccountId),
    index('station_consents_talent').on(t.talentId),
  ],
);
