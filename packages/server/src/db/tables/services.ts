// Talent services: 人才安居 (apartments, applications, leases), 人才活动 (events, registrations),
// 人才贷 (bank products, applications with consent) and 优秀青年人才储备库 (levels, members, history).
// Eligibility is decided by the district's pack (tiers' entitlements, policy conditions), never here.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from '../schema';
import { createdAt, district, updatedAt } from './columns';
import { talents } from './records';

const talentId = () =>
  bigint('talent_id', { mode: 'number' })
    .notNull()
    .references(() => talents.id, { onDelete: 'cascade' });

/** One flat of the district's talent housing (人才公寓 / 人才房). */
export const apartments = pgTable(
  'apartments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    building: text('building').notNull(),
    unit: text('unit').notNull(),
    /** Floor area in whole square metres. */
    areaSqm: integer('area_sqm').notNull(),
    /** Monthly rent in yuan. */
    rentMonthly: integer('rent_monthly').notNull(),
    /** vacant | let | unavailable */
    status: text('status').notNull().default('vacant'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('apartments_district_building_unit').on(t.district, t.building, t.unit),
    index('apartments_district_building_status').on(t.district, t.building, t.status),
  ],
);

/**
 * A talent's application for a flat in a building. The priority is snapshotted when the talent applies
 * (tier rank from the pack's catalogue, children from the profile), so the queue is stable and explainable.
 */
export const housingApplications = pgTable(
  'housing_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: talentId(),
    building: text('building').notNull(),
    /** waiting | allocated | withdrawn | ended */
    status: text('status').notNull().default('waiting'),
    tier: text('tier').notNull(),
    /** 0 for the catalogue's best tier, 1 for the next, …; a lower rank goes first. */
    tierRank: integer('tier_rank').notNull(),
    childrenCount: integer('children_count').notNull().default(0),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    apartmentId: bigint('apartment_id', { mode: 'number' }).references(() => apartments.id),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('housing_applications_queue').on(t.district, t.building, t.status),
    uniqueIndex('housing_applications_one_open')
      .on(t.district, t.talentId)
      .where(sql`status in ('waiting', 'allocated')`),
  ],
);

/** The lease of an allocated flat; at most one active lease per flat (the database's second wall). */
export const leases = pgTable(
  'leases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => housingApplications.id),
    talentId: talentId(),
    apartmentId: bigint('apartment_id', { mode: 'number' })
      .notNull()
      .references(() => apartments.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    rentMonthly: integer('rent_monthly').notNull(),
    /** active | ended */
    status: text('status').notNull().default('active'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('leases_one_active_per_apartment').on(t.apartmentId).where(sql`status = 'active'`),
    index('leases_talent').on(t.talentId),
  ],
);

/** A talent event (人才活动, 人才之家): capacity, a waiting list, and who may register (the pack decides). */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    venue: text('venue').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    /** Seats taken (registered, not waiting); moved only by conditional UPDATEs. */
    registeredCount: integer('registered_count').notNull().default(0),
    /** The pack policy whose conditions decide who may register; null: any certified talent. */
    eligibilityPolicyId: text('eligibility_policy_id'),
    /** open | cancelled */
    status: text('status').notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('events_district_starts').on(t.district, t.startsAt)],
);

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    talentId: talentId(),
    /** registered | waiting | cancelled */
    status: text('status').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: text('checked_in_by'),
  },
  (t) => [
    index('event_registrations_event_status').on(t.eventId, t.status),
    index('event_registrations_talent').on(t.talentId),
    uniqueIndex('event_registrations_one_open')
      .on(t.eventId, t.talentId)
      .where(sql`status in ('registered', 'waiting')`),
  ],
);

/** A bank's talent-loan product (人才贷), registered by the administrator for the tiers it serves. */
export const loanProducts = pgTable(
  'loan_products',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    /** The bank's provider account, which sees and answers the applications. */
    bankAccountId: bigint('bank_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    bankName: text('bank_name').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    eligibleTiers: text('eligible_tiers').array().notNull(),
    minAmount: integer('min_amount').notNull(),
    maxAmount: integer('max_amount').notNull(),
    rateTextZh: text('rate_text_zh').notNull(),
    rateTextEn: text('rate_text_en').notNull(),
    /** active | withdrawn */
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('loan_products_district').on(t.district)],
);

/** A talent's loan application with the consent that let the bank see the data listed in `shared`. */
export const loanApplications = pgTable(
  'loan_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => loanProducts.id),
    talentId: talentId(),
    amount: integer('amount').notNull(),
    purpose: text('purpose').notNull(),
    /** The fields the talent agreed to share (name, tier, employer, phone…), in the order consented. */
    consentFields: text('consent_fields').array().notNull(),
    consentText: text('consent_text').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    /** What the bank was shown: the consented fields' values at the moment of consent. */
    shared: jsonb('shared').$type<Record<string, unknown>>().notNull(),
    /** submitted | approved | declined | withdrawn */
    status: text('status').notNull().default('submitted'),
    approvedAmount: integer('approved_amount'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('loan_applications_product_status').on(t.productId, t.status),
    index('loan_applications_talent').on(t.talentId),
  ],
);

/** The levels of the youth reserve pool (优秀青年人才储备库 分层分类), with their review period. */
export const reserveLevels = pgTable(
  'reserve_levels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** 1 is the top level. */
    rank: integer('rank').notNull(),
    /** Months between reviews (适时更新、动态管理). */
    reviewMonths: integer('review_months').notNull(),
    /** A pack policy whose conditions admit a talent by criteria; null: entry by nomination only. */
    criteriaPolicyId: text('criteria_policy_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reserve_levels_district_code').on(t.district, t.code)],
);

export const reserveMembers = pgTable(
  'reserve_members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: talentId(),
    levelId: bigint('level_id', { mode: 'number' })
      .notNull()
      .references(() => reserveLevels.id),
    /** nomination | criteria */
    entryPath: text('entry_path').notNull(),
    nominatedBy: text('nominated_by').notNull(),
    /** active | exited */
    status: text('status').notNull().default('active'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    nextReviewDate: date('next_review_date', { mode: 'string' }).notNull(),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
    exitReason: text('exit_reason'),
  },
  (t) => [
    uniqueIndex('reserve_members_one_active').on(t.district, t.talentId).where(sql`status = 'active'`),
    index('reserve_members_review').on(t.district, t.status, t.nextReviewDate),
  ],
);

/** Every change of a membership: entry, review, level change, exit (the pool's full history). */
export const reserveHistory = pgTable(
  'reserve_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => reserveMembers.id, { onDelete: 'cascade' }),
    talentId: talentId(),
    /** entered | reviewed | level_changed | exited */
    kind: text('kind').notNull(),
    fromLevelId: bigint('from_level_id', { mode: 'number' }),
    toLevelId: bigint('to_level_id', { mode: 'number' }),
    note: text('note').notNull().default(''),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reserve_history_member').on(t.memberId, t.at)],
);
