// Builds the service context from a request: the session's actor, the path's district, the language.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../authz';
import type { Config } from '../config';
import type { Ctx } from '../ctx';
import type { Db } from '../db/client';
import { pickLang } from '../i18n';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** The authorization rule of the route: a permission, or a public action. Every /api/v1 route declares one. */
    authz?: import('../authz').RouteRule;
    /** `false` for a POST that changes no state (e.g. a calculation): the request hook writes no audit row. */
    audit?: false;
  }
}

export function districtOf(request: FastifyRequest): string | null {
  const params = request.params as Record<string, unknown> | undefined;
  return typeof params?.district === 'string' ? params.district : null;
}

export function buildCtx(request: FastifyRequest, db: Db, config: Config): Ctx {
  return {
    db,
    config,
    actor: request.actor,
    district: districtOf(request),
    lang: pickLang(request.headers['accept-language']),
    requestId: request.id,
    ip: request.ip ?? null,
    now: () => new Date(),
    audited: { done: false },
  };
}
