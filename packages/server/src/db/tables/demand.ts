// 人才需求发布 and 聚·人才: enterprises' talent demands and job posts (reviewed by the district before they
// are published), the yearly shortage-occupation catalogue (紧缺职业工种目录) with a scarcity level,
// talents' applications with their fit score, and talents' opt-in to be shown to employers.
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
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, district, updatedAt } from './columns';
import { enterprises, talents } from './records';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** One occupation on a district's yearly shortage catalogue. */
export const shortageOccupations = pgTable(
  'shortage_occupations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    year: integer('year').notNull(),
    /** 职业分类大典 code, when given (e.g. 2-02-10-03). */
    code: text('code'),
    occupation: text('occupation').notNull(),
    category: text('category'),
    /** high (非常紧缺) | medium (比较紧缺) | low (紧缺) */
    scarcity: text('scarcity').notNull(),
    /** draft | published */
    status: text('status').notNull().default('draft'),
    note: text('note'),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('shortage_occupations_district_year_occupation').on(t.district, t.year, t.occupation)],
);

/** A talent demand / job post of an enterprise; the district reviews it before it is published. */
export const demands = pgTable(
  'demands',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' })
      .notNull()
      .references(() => enterprises.id),
    title: text('title').notNull(),
    occupation: text('occupation').notNull(),
    headcount: integer('headcount').notNull(),
    /** The least degree asked for (the engine's degree values), or null for any. */
    degree: text('degree'),
    major: text('major'),
    experienceYears: integer('experience_years'),
    /** Monthly salary range in yuan. */
    salaryMin: integer('salary_min'),
    salaryMax: integer('salary_max'),
    location: text('location'),
    deadline: date('deadline', { mode: 'string' }),
    description: text('description').notNull().default(''),
    /** pending (awaiting review) | published | rejected | closed */
    status: text('status').notNull().default('pending'),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    /** jieba cutForSearch tokens of the title, occupation, major, location and description. */
    bodySeg: text('body_seg').notNull(),
    tsv: tsvector('tsv').generatedAlwaysAs(sql`to_tsvector('simple', body_seg)`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('demands_district_status').on(t.district, t.status),
    index('demands_enterprise').on(t.enterpriseId),
    index('demands_tsv').using('gin', t.tsv),
  ],
);

/** A talent's application to a demand, with the fit score and its reasons at the time of applying. */
export const demandApplications = pgTable(
  'demand_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    demandId: bigint('demand_id', { mode: 'number' })
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    talentId: bigint('talent_id', { mode: 'number' })
      .notNull()
      .references(() => talents.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<unknown[]>().notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('demand_applications_demand_talent').on(t.demandId, t.talentId),
    index('demand_applications_talent').on(t.talentId),
  ],
);

/** A talent's consent to be recommended to employers (nobody is shown without it). */
export const jobSeekers = pgTable('job_seekers', {
  talentId: bigint('talent_id', { mode: 'number' })
    .primaryKey()
    .references(() => talents.id, { onDelete: 'cascade' }),
  district: district(),
  optedIn: boolean('opted_in').notNull(),
  updatedAt: updatedAt(),
});
