// The only SQL of the inbox (the landed `notifications` table) and of the e-mail outbox.
import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailOutbox, notifications } from '../../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = Omit<typeof notifications.$inferInsert, 'id' | 'readAt' | 'createdAt'>;
export type OutboxRow = typeof emailOutbox.$inferSelect;

/** Inserts messages, skipping those whose (account, dedupe key) was written before; returns the new rows. */
export async function insertNotifications(tx: Db, rows: NewNotification[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(notifications).values(rows).onConflictDoNothing().returning();
}

export async function listNotifications(
  db: Db,
  accountId: number,
  opts: { unreadOnly: boolean; before: number | undefined; limit: number },
): Promise<NotificationRow[]> {
  const where = [eq(notifications.accountId, accountId)];
  if (opts.unreadOnly) where.push(isNull(notifications.readAt));
  if (opts.before !== undefined) where.push(lt(notifications.id, opts.before));
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(opts.limit);
}

export async function countUnread(db: Db, accountId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the account's messages read (all of them when `ids` is undefined); returns how many changed. */
export async function markRead(
  tx: Db,
  accountId: number,
  ids: number[] | undefined,
  at: Date,
): Promise<number[]> {
  const where = [eq(notifications.accountId, accountId), isNull(notifications.readAt)];
  if (ids) where.push(inArray(notifications.id, ids));
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(...where))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

export async function findNotification(
  db: Db,
  accountId: number,
  id: number,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.id, id)))
    .limit(1);
  return row;
}

export async function insertOutbox(tx: Db, rows: (typeof emailOutbox.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(emailOutbox).values(rows);
}

/** Pending e-mails, oldest first, locked so that two senders never send one twice. */
export async function claimPendingEmails(tx: Db, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.status, 'pending'))
    .orderBy(emailOutbox.id)
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markEmail(
  tx: Db,
  id: number,
  change: { status: 'sent' | 'failed' | 'pending'; error?: string | null; sentAt?: Date | null },
): Promise<void> {
  await tx
    .update(emailOutbox)
    .set({ ...change, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(eq(emailOutbox.id, id));
}

export async function listOutbox(db: Db, accountId: number): Promise<OutboxRow[]> {
  return db.select().from(emailOutbox).where(eq(emailOutbox.accountId, accountId)).orderBy(emailOutbox.id);
}

/** The e-mail address of an account when its talent record holds one (talent_facts `email`), else null. */
export async function findEmailAddress(db: Db, accountId: number): Promise<string | null> {
  const rows = (await db.execute(
    sql`SELECT f.value #>> '{}' AS email FROM talent_facts f JOIN talents t ON t.id = f.talent_id
        WHERE t.account_id = ${accountId} AND f.name = 'email' LIMIT 1`,
  )) as unknown as { rows: { email: string | null }[] };
  const email = rows.rows[0]?.email ?? null;
  return email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null;
}
