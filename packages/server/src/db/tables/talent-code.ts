// 人才码 / 云谷人才卡 / 一码集成: the signing keys shared by every instance, one code per certified talent,
// revocations (read into every instance's memory), the service providers with their staff, and the log of
// uses counted against each entitlement's quota.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from '../schema';
import { createdAt, district } from './columns';
import { talents } from './records';

/** Token signing keys (Ed25519 or SM2); the private key sealed with the PII key. Retired keys stay published a while. */
export const talentCodeKeys = pgTable('talent_code_keys', {
  kid: text('kid').primaryKey(),
  /** ed25519 | sm2 */
  alg: text('alg').notNull(),
  /** SubjectPublicKeyInfo DER, base64. */
  publicKey: text('public_key').notNull(),
  /** PKCS#8 PEM sealed with RENCAI_PII_KEY (lib/pii.ts). */
  privateKeyEnc: text('private_key_enc').notNull(),
  /** active (signs new tokens) | retired (verifies only, until dropped from the published set) */
  status: text('status').notNull().default('active'),
  createdAt: createdAt(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** One talent code per talent: a random public id (never the ID number) carried in every token. */
export const talentCodes = pgTable(
  'talent_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    /** The public code id (12 base64url characters). */
    code: text('code').notNull(),
    /** active | revoked */
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('talent_codes_code').on(t.code),
    uniqueIndex('talent_codes_one_active').on(t.talentId).where(sql`status = 'active'`),
    index('talent_codes_district').on(t.district, t.createdAt),
  ],
);

/** Revoked codes, append-only; every instance reads new rows into its in-memory set at least every 30 s. */
export const talentCodeRevocations = pgTable('talent_code_revocations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  district: district(),
  codeId: bigint('code_id', { mode: 'number' })
    .notNull()
    .references(() => talentCodes.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  reason: text('reason').notNull(),
  revokedBy: text('revoked_by').notNull(),
  createdAt: createdAt(),
});

/** Hospitals, schools, banks, parks… registered by the district with the entitlement services they offer. */
export const providers = pgTable(
  'providers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    /** hospital | school | bank | park | transport | housing | other */
    kind: text('kind').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** Entitlement service codes from the pack's tiers (medical_green_channel, schooling, …). */
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('providers_district_name').on(t.district, t.nameZh)],
);

/** Which provider a `provider` account works for. */
export const providerStaff = pgTable('provider_staff', {
  accountId: bigint('account_id', { mode: 'number' })
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  providerId: bigint('provider_id', { mode: 'number' })
    .notNull()
    .references(() => providers.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});

/** Each recorded use of an entitlement; one per scan (token) × provider × service, counted per quota period. */
export const talentCodeUses = pgTable(
  'talent_code_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    codeId: bigint('code_id', { mode: 'number' })
      .notNull()
      .references(() => talentCodes.id, { onDelete: 'cascade' }),
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    providerId: bigint('provider_id', { mode: 'number' })
      .notNull()
      .references(() => providers.id),
    service: text('service').notNull(),
    tier: text('tier').notNull(),
    /** The quota period the use counts in: 2026, 2026-12, 2026-W49, 2026-12-01, or validity:<certification id>. */
    period: text('period').notNull(),
    /** SHA-256 of the scanned token (hex, 32 chars): a second record of the same scan is the same use. */
    scanKey: text('scan_key').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('talent_code_uses_scan').on(t.providerId, t.service, t.scanKey),
    index('talent_code_uses_quota').on(t.talentId, t.service, t.period),
    index('talent_code_uses_district').on(t.district, t.createdAt),
  ],
);
