// The inbox (消息) of every account, and e-mail delivery of its messages: each message written with
// `notify` also gets an outbox row in the same transaction; `deliverPendingEmails` sends them through SMTP
// when RENCAI_SMTP_URL is configured, and otherwise they stay in `email_outbox` (pending) for an operator.
import nodemailer, { type Transporter } from 'nodemailer';
import { authorize } from '../../authz';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { appendAudit } from '../audit/audit.service';
import * as repo from './notifications.repo';

export type Message = repo.NewNotification;

/**
 * Writes messages inside the caller's transaction (a repeated dedupe key for the same account is skipped)
 * and queues one e-mail per message written; returns the messages written.
 */
export async function notify(tx: Db, messages: Message[]): Promise<repo.NotificationRow[]> {
  const written = await repo.insertNotifications(tx, messages);
  const addresses = new Map<number, string | null>();
  for (const n of written)
    if (!addresses.has(n.accountId)) addresses.set(n.accountId, await repo.findEmailAddress(tx, n.accountId));
  await repo.insertOutbox(
    tx,
    written.map((n) => {
      const to = addresses.get(n.accountId) ?? null;
      return {
        district: n.district,
        accountId: n.accountId,
        notificationId: n.id,
        toAddress: to,
        subject: `${n.titleZh} / ${n.titleEn}`,
        body: [n.bodyZh, n.bodyEn].filter(Boolean).join('\n\n'),
        status: to ? 'pending' : 'no_address',
      };
    }),
  );
  return written;
}

export type MailTransport = Pick<Transporter, 'sendMail'>;

const transports = new Map<string, MailTransport>();
function transportFor(url: string): MailTransport {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * Sends pending e-mails through SMTP (RENCAI_SMTP_URL) and marks them sent or failed (retried up to 5
 * times). Without SMTP nothing is sent: the outbox keeps them. Returns how many were sent.
 */
export async function deliverPendingEmails(
  db: Db,
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>,
  transport?: MailTransport,
): Promise<number> {
  const smtp = transport ?? (config.smtpUrl ? transportFor(config.smtpUrl) : undefined);
  if (!smtp) return 0;
  let sent = 0;
  for (;;) {
    const batch = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const rows = await repo.claimPendingEmails(tx, 20);
      for (const row of rows) {
        try {
          await smtp.sendMail({
            from: config.mailFrom,
            to: row.toAddress ?? '',
            subject: row.subject,
            text: row.body,
          });
          await repo.markEmail(tx, row.id, { status: 'sent', sentAt: new Date(), error: null });
          sent++;
        } catch (err) {
          const failed = row.attempts + 1 >= 5;
          await repo.markEmail(tx, row.id, {
            status: failed ? 'failed' : 'pending',
            error: String((err as Error).message ?? err).slice(0, 500),
          });
        }
      }
      return rows.length;
    });
    if (batch < 20) return sent;
  }
}

// ---------------------------------------------------------------- the inbox

export type InboxQuery = { unread: boolean; before?: number | undefined; limit: number };

const toItem = (n: repo.NotificationRow, lang: 'zh' | 'en') => ({
  id: n.id,
  kind: n.kind,
  title: lang === 'zh' ? n.titleZh : n.titleEn,
  body: lang === 'zh' ? n.bodyZh : n.bodyEn,
  link: n.link,
  read: n.readAt !== null,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** The caller's messages, newest first, with the unread count. */
export async function listMyNotifications(ctx: Ctx, query: InboxQuery) {
  const actor = authorize(ctx, 'notification:read');
  const rows = await repo.listNotifications(ctx.db, actor.accountId, {
    unreadOnly: query.unread,
    before: query.before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((n) => toItem(n, ctx.lang)),
    unread: await repo.countUnread(ctx.db, actor.accountId),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** How many of the caller's messages are unread (the shell's badge). */
export async function countMyUnread(ctx: Ctx) {
  const actor = authorize(ctx, 'notification:read');
  return { unread: await repo.countUnread(ctx.db, actor.accountId) };
}

/** Marks one of the caller's messages read (another account's message is not found). */
export async function markNotificationRead(ctx: Ctx, id: number) {
  const actor = authorize(ctx, 'notification:update');
  const found = await repo.findNotification(ctx.db, actor.accountId, id);
  if (!found) throw new AppError('not_found', { zh: '找不到该消息', en: 'No such message' }, { id });
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const changed = await repo.markRead(tx, actor.accountId, [id], ctx.now());
    await appendAudit(ctx, tx, {
      action: 'notification.read',
      object: `notification:${id}`,
      outcome: 'success',
      details: { changed: changed.length },
    });
  });
  return { ...toItem({ ...found, readAt: found.readAt ?? ctx.now() }, ctx.lang) };
}

/** Marks all of the caller's messages read. */
export async function markAllNotificationsRead(ctx: Ctx) {
  const actor = authorize(ctx, 'notification:update');
  const changed = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const ids = await repo.markRead(tx, actor.accountId, undefined, ctx.now());
    await appendAudit(ctx, tx, {
      action: 'notification.read_all',
      object: `account:${actor.accountId}`,
      outcome: 'success',
      details: { changed: ids.length },
    });
    return ids.length;
  });
  return { changed, unread: 0 };
}
