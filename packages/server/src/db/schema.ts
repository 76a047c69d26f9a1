// The one Drizzle schema for both drivers (PGlite embedded, PostgreSQL in production).
// Every business row carries its district (tenant).
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
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', [
  'talent',
  'enterprise',
  'reviewer',
  'expert',
  'provider',
  'station',
  'admin',
]);
export const accountStatusEnum = pgEnum('account_status', ['active', 'disabled']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  createdAt: createdAt(),
});

export const departments = pgTable(
  'departments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: text('district')
      .notNull()
      .references(() => districts.code),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_district_code').on(t.district, t.code)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: text('district')
      .notNull()
      .references(() => districts.code),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).references(() => departments.id),
    passwordHash: text('password_hash').notNull(),
    status: accountStatusEnum('status').notNull().default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_username').on(sql`lower(${t.username})`),
    index('accounts_district_role').on(t.district, t.role),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token; the token itself is never stored
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    district: text('district').notNull(),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    district: text('district'),
    actorId: bigint('actor_id', { mode: 'number' }),
    actor: text('actor').notNull(),
    role: text('role'),
    action: text('action').notNull(),
    object: text('object'),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_district_seq').on(t.district, t.seq)],
);

/** PostgreSQL's full-text document type (read only: the column is generated from `body_seg`). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const packVersionStatusEnum = pgEnum('pack_version_status', ['active', 'superseded']);

/** Each publication of a district's policy pack: the files as published, numbered 1, 2, … per district. */
export const packVersions = pgTable(
  'pack_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: text('district')
      .notNull()
      .references(() => districts.code),
    packId: text('pack_id').notNull(),
    version: integer('version').notNull(),
    /** The version label inside pack.yaml (e.g. 2026.1.0). */
    label: text('label').notNull(),
    files: jsonb('files').$type<Record<string, string>>().notNull(),
    contentHash: text('content_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by').notNull(),
    status: packVersionStatusEnum('status').notNull().default('active'),
  },
  (t) => [
    uniqueIndex('pack_versions_district_version').on(t.district, t.version),
    uniqueIndex('pack_versions_one_active').on(t.district).where(sql`status = 'active'`),
  ],
);

/** The policies of each published pack version, flattened for the library's filters and Chinese search. */
export const policies = pgTable(
  'policies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: text('district')
      .notNull()
      .references(() => districts.code),
    policyId: text('policy_id').notNull(),
    packVersionId: bigint('pack_version_id', { mode: 'number' })
      .notNull()
      .references(() => packVersions.id, { onDelete: 'cascade' }),
    audience: text('audience').notNull(),
    kind: text('kind').notNull(),
    departmentZh: text('department_zh'),
    departmentEn: text('department_en'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    summaryZh: text('summary_zh'),
    summaryEn: text('summary_en'),
    grantMode: text('grant_mode').notNull(),
    illustrative: boolean('illustrative').notNull().default(false),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** jieba cutForSearch tokens of the titles, summaries, conditions and original text, space-joined. */
    bodySeg: text('body_seg').notNull(),
    tsv: tsvector('tsv').generatedAlwaysAs(sql`to_tsvector('simple', body_seg)`),
  },
  (t) => [
    uniqueIndex('policies_version_policy').on(t.packVersionId, t.policyId),
    index('policies_district_version').on(t.district, t.packVersionId),
    index('policies_tsv').using('gin', t.tsv),
  ],
);

export * from './tables/certification';
export * from './tables/claims';
export * from './tables/demand';
export * from './tables/insights';
export * from './tables/matching';
// Each feature module's tables live in db/tables/<module>.ts (one owner a file); all are part of the schema.
export * from './tables/records';
export * from './tables/records-import';
export * from './tables/services';
export * from './tables/talent-code';
