// 一图感知: indicator actuals entered by the administrator (history kept), the dashboard's pre-aggregated
// series (refreshed in small steps by a background job), the talent-aggregation index (人才集聚指数) per
// district and month, and the state of each district's last refresh. Dashboards read only these tables.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { district } from './columns';

/** A value of an indicator entered by the administrator, with its source and date; never overwritten. */
export const indicatorActuals = pgTable(
  'indicator_actuals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: district(),
    /** The pack's indicator code (T2-01 …). */
    code: text('code').notNull(),
    value: doublePrecision('value').notNull(),
    /** The date the value describes (统计时点). */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** Where it comes from (统计公报, 部门报送 …). */
    source: text('source').notNull(),
    note: text('note'),
    enteredBy: text('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('indicator_actuals_district_code').on(t.district, t.code, t.asOf, t.id)],
);

/**
 * One figure of a dashboard dataset: (dataset, period, key, sub-key) → value. Written only by the refresh,
 * dataset by dataset, each replaced in one short transaction. `period` is 'YYYY-MM' or '' (current).
 */
export const insightSeries = pgTable(
  'insight_series',
  {
    district: district(),
    dataset: text('dataset').notNull(),
    period: text('period').notNull().default(''),
    key: text('key').notNull(),
    subKey: text('sub_key').notNull().default(''),
    value: doublePrecision('value').notNull(),
    /** The key's display name as {"zh","en"} JSON text, where the key is a code (a fund, a stage). */
    label: text('label'),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.district, t.dataset, t.period, t.key, t.subKey] })],
);

/** The talent-aggregation index (人才集聚指数) of a district for a month, with its components. */
export const aggregationIndex = pgTable(
  'aggregation_index',
  {
    district: district(),
    /** YYYY-MM */
    month: text('month').notNull(),
    value: doublePrecision('value').notNull(),
    /** Per indicator: code, score (0–1), weight, actual. */
    components: jsonb('components').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.district, t.month] })],
);

/** The last refresh of a district's aggregates: when, how long, how many steps. */
export const insightRefreshes = pgTable('insight_refreshes', {
  district: district().primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  durationMs: integer('duration_ms'),
  steps: integer('steps').notNull().default(0),
  error: text('error'),
});
