// Assembles the HTTP server: plugins, the request checklist (session → authorization rule → CSRF),
// the audit hook, the API modules under /api/v1, the OpenAPI document and the web app.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Action, authorizeRole, publicActions, type RouteRule } from './authz';
import type { Config } from './config';
import type { Db } from './db/client';
import { AppError } from './errors';
import { buildCtx } from './http/context';
import { clearSessionCookies, SESSION_COOKIE } from './http/cookies';
import { errorHandler } from './http/error-handler';
import { loggerOptions } from './http/logger';
import { applicationRoutes } from './modules/applications/applications.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { recordAudit } from './modules/audit/audit.service';
import { certificationRoutes } from './modules/certification/certification.routes';
import { demandRoutes } from './modules/demand/demand.routes';
import { eventRoutes } from './modules/events/events.routes';
import { financeRoutes } from './modules/finance/finance.routes';
import { fulfilmentRoutes } from './modules/fulfilment/fulfilment.routes';
import { housingRoutes } from './modules/housing/housing.routes';
import { identityRoutes } from './modules/identity/identity.routes';
import { resolveSession } from './modules/identity/identity.service';
import { insightsRoutes } from './modules/insights/insights.routes';
import { matchingRoutes } from './modules/matching/matching.routes';
import { metaRoutes, version } from './modules/meta/meta.routes';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { packRoutes } from './modules/policies/packs.routes';
import { policyRoutes } from './modules/policies/policies.routes';
import { providerRoutes } from './modules/providers/providers.routes';
import { reserveRoutes } from './modules/reserve/reserve.routes';
import { stationRoutes } from './modules/stations/stations.routes';
import { talentCodeRoutes } from './modules/talent-code/talent-code.routes';
import { recordsRoutes } from './modules/talents/records.routes';

declare module 'fastify' {
  interface FastifyInstance {
    loginRatePerMinute: number;
    /** Every route registered, with its authorization rule (checked by a test). */
    routeRules: { method: string; url: string; authz: RouteRule | undefined }[];
  }
}

export type AppOptions = { config: Config; db: Db; logger?: boolean; loginRatePerMinute?: number };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isPublic = (rule: RouteRule | undefined) =>
  rule !== undefined && (publicActions as readonly string[]).includes(rule);

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(config.logLevel),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorate('loginRatePerMinute', opts.loginRatePerMinute ?? 30);
  app.decorate('routeRules', []);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('ctx', null as never);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.routeRules.push({ method, url: route.url, authz: route.config?.authz });
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie, { secret: config.secret });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.cookieSecure,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rencai 人才一站通 API',
        version,
        description:
          'One-stop talent services for district governments. Errors: { error: { code, message, details } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { config: { authz: 'health:read' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/api/openapi.json', { config: { authz: 'meta:read' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        await attachSession(request, db, config, reply);
        const rule = request.routeOptions.config.authz;
        request.ctx = buildCtx(request, db, config);
        if (!isPublic(rule) && !request.actor) {
          throw new AppError(
            'unauthenticated',
            request.sessionId === 'expired' ? 'session_expired' : 'unauthenticated',
          );
        }
        // A role without the route's permission is refused before its input is validated (403, not 400);
        // the service's own `authorize` still checks the district and the scope.
        if (request.actor && rule && !isPublic(rule)) authorizeRole(request.actor, rule as Action);
        if (STATE_CHANGING.has(request.method) && request.actor && rule !== 'auth:login') {
          const sent = request.headers['x-csrf-token'];
          if (typeof sent !== 'string' || sent !== csrfOf(request))
            throw new AppError('forbidden', 'csrf_failed');
        }
      });
      api.addHook('preHandler', async (request) => {
        request.ctx = buildCtx(request, db, config); // params are validated now
      });
      // Before the response leaves (onSend, not onResponse): a client that saw the answer can read its audit row.
      api.addHook('onSend', async (request, reply, payload) => {
        if (!STATE_CHANGING.has(request.method) || request.ctx?.audited.done) return payload;
        if (request.routeOptions.config.audit === false) return payload;
        const outcome =
          reply.statusCode < 400
            ? 'success'
            : reply.statusCode === 401 || reply.statusCode === 403
              ? 'denied'
              : 'failure';
        const ctx = request.ctx ?? buildCtx(request, db, config);
        await recordAudit(ctx, {
          action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
          outcome,
          details: { status: reply.statusCode },
        }).catch((err) => request.log.error({ err }, 'audit write failed'));
        return payload;
      });
      await api.register(metaRoutes);
      await api.register(identityRoutes);
      await api.register(auditRoutes);
      await api.register(policyRoutes);
      await api.register(matchingRoutes);
      await api.register(notificationRoutes);
      await api.register(packRoutes);
      await api.register(certificationRoutes, { db, config });
      await api.register(talentCodeRoutes, { config });
      await api.register(providerRoutes);
      await api.register(recordsRoutes);
      await api.register(insightsRoutes, { db });
      await api.register(demandRoutes);
      await api.register(housingRoutes);
      await api.register(eventRoutes);
      await api.register(financeRoutes);
      await api.register(reserveRoutes);
      await api.register(applicationRoutes);
      await api.register(fulfilmentRoutes);
      await api.register(stationRoutes);
    },
    { prefix: '/api/v1' },
  );

  await serveWeb(app, config.webDir);
  return app;
}

const csrfBySession = new WeakMap<FastifyRequest, string>();
const csrfOf = (request: FastifyRequest) => csrfBySession.get(request);

async function attachSession(
  request: FastifyRequest,
  db: Db,
  config: Config,
  reply: import('fastify').FastifyReply,
) {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const found = await resolveSession(db, token, new Date(), config.sessionIdleMinutes);
  if (found === 'expired') {
    request.sessionId = 'expired';
    clearSessionCookies(reply);
    return;
  }
  if (!found) return;
  request.actor = found.actor;
  request.sessionId = found.sessionId;
  csrfBySession.set(request, found.csrfToken);
}

async function serveWeb(app: FastifyInstance, webDir: string) {
  const index = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api') || url === '/healthz' || request.method !== 'GET') {
      return errorHandler(new AppError('not_found', 'not_found', { path: url }), request, reply);
    }
    if (!hasWeb) {
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<h1>人才一站通 Rencai</h1><p>The web app is not built. Run <code>npm run build -w @rencai/web</code>.</p>',
        );
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(fs.createReadStream(index));
  });
}
