// HTTP for sign-in, sign-out and the current user.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { errorResponses } from '../../http/common.schema';
import { clearSessionCookies, setSessionCookies } from '../../http/cookies';
import { DemoAccounts, Login, UserBody } from './identity.schema';
import { listDemoAccounts, login, logout, me } from './identity.service';

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { authz: 'auth:login', rateLimit: { max: app.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session and CSRF cookies',
        body: Login,
        response: { 200: UserBody, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const result = await login(request.ctx, request.body);
      setSessionCookies(reply, result.sessionToken, result.csrfToken, request.ctx.config);
      return { user: result.user };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { authz: 'session:end' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      if (!request.sessionId) throw new AppError('unauthenticated', 'unauthenticated');
      await logout(request.ctx, request.sessionId);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { authz: 'session:read' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: UserBody, ...errorResponses },
      },
    },
    async (request) => ({ user: await me(request.ctx) }),
  );

  app.get(
    '/auth/demo-accounts',
    {
      config: { authz: 'meta:read' },
      schema: {
        tags: ['auth'],
        summary: 'Demonstration accounts (empty unless demo mode is on)',
        response: { 200: DemoAccounts },
      },
    },
    async (request) => ({ items: await listDemoAccounts(request.ctx) }),
  );
};
