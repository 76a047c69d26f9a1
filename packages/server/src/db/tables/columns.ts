// Columns every module's tables share: the district (tenant) reference and the row timestamps.
import { text, timestamp } from 'drizzle-orm/pg-core';
import { districts } from '../schema';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** The row's district, a reference to `districts`. */
export const district = () =>
  text('district')
    .notNull()
    .references(() => districts.code);
