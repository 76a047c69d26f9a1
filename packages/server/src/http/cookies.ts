import type { FastifyReply } from 'fastify';
import type { Config } from '../config';

export const SESSION_COOKIE = 'rencai_session';
export const CSRF_COOKIE = 'rencai_csrf';

/** The session cookie is httpOnly; the CSRF cookie is readable so the page can echo it in `x-csrf-token`. */
export function setSessionCookies(
  reply: FastifyReply,
  sessionToken: string,
  csrfToken: string,
  config: Config,
): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: config.cookieSecure };
  reply.setCookie(SESSION_COOKIE, sessionToken, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
