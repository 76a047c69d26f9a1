// Bulk imports of talents from an .xlsx template (一人一档 in bulk): one job per uploaded file, with a
// cursor so that an interrupted import resumes where it stopped, and the per-row errors it found.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../schema';
import { blobs, enterprises } from './records';

/** One row or cell the import refused: the sheet's row number, column letter and field, a code and zh/en text. */
export type ImportRowError = {
  row: number;
  column: string;
  field: string;
  code: string;
  zh: string;
  en: string;
};

export const importJobs = pgTable(
  'import_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    district: text('district')
      .notNull()
      .references(() => districts.code),
    /** talents (the only kind so far) */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    /** The uploaded workbook, kept in blobs so that the job can resume from the database alone. */
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    /** Set for an enterprise HR import: the rows become confirmed employees of this enterprise. */
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).references(() => enterprises.id),
    /** running | done | failed */
    status: text('status').notNull().default('running'),
    totalRows: integer('total_rows').notNull().default(0),
    /** Data rows processed so far (committed with the batch that processed them). */
    cursor: integer('cursor').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errors: jsonb('errors').$type<ImportRowError[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_district_sha').on(t.district, t.sha256)],
);
