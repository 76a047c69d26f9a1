// HTTP for the inbox (消息): every signed-in account reads and marks its own messages.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import {
  Inbox,
  InboxQuery,
  NotificationItem,
  NotificationParams,
  ReadAll,
  UnreadCount,
} from './notifications.schema';
import {
  countMyUnread,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/me/notifications',
    {
      config: { authz: 'notification:read' },
      schema: {
        tags: ['notifications'],
        summary: "The caller's messages, newest first, with the unread count",
        params: DistrictParams,
        querystring: InboxQuery,
        response: { 200: Inbox, ...errorResponses },
      },
    },
    async (request) => listMyNotifications(request.ctx, request.query),
  );

  app.get(
    '/d/:district/me/notifications/unread-count',
    {
      config: { authz: 'notification:read' },
      schema: {
        tags: ['notifications'],
        summary: "How many of the caller's messages are unread",
        params: DistrictParams,
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async (request) => countMyUnread(request.ctx),
  );

  app.post(
    '/d/:district/me/notifications/:notificationId/read',
    {
      config: { authz: 'notification:update' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one message read',
        params: NotificationParams,
        response: { 200: NotificationItem, ...errorResponses },
      },
    },
    async (request) => markNotificationRead(request.ctx, request.params.notificationId),
  );

  app.post(
    '/d/:district/me/notifications/read-all',
    {
      config: { authz: 'notification:update' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark every message read',
        params: DistrictParams,
        response: { 200: ReadAll, ...errorResponses },
      },
    },
    async (request) => markAllNotificationsRead(request.ctx),
  );
};
