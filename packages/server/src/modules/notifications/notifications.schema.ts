import { z } from 'zod';

export const NotificationParams = z.object({
  district: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  notificationId: z.coerce.number().int().positive(),
});

export const InboxQuery = z.object({
  unread: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .meta({ description: 'Only unread messages' }),
  before: z.coerce.number().int().positive().optional().meta({ description: 'Messages older than this id' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const NotificationItem = z
  .object({
    id: z.number().int(),
    kind: z.string().meta({ description: 'e.g. policy_eligible, application_returned' }),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: 'Where the message leads in the web app' }),
    read: z.boolean(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });

export const Inbox = z
  .object({
    items: z.array(NotificationItem),
    unread: z.number().int(),
    nextBefore: z.number().int().nullable().meta({ description: 'Pass as `before` for the next page' }),
  })
  .meta({ id: 'Inbox' });

export const UnreadCount = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });
export const ReadAll = z.object({ changed: z.number().int(), unread: z.number().int() });
