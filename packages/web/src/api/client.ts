/**
 * The one fetch wrapper: typed by the OpenAPI contract, sends the user's language on every call and
 * the CSRF token on every state-changing call, and turns error bodies into ApiError.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import i18n, { currentLanguage } from '../i18n';
import type { paths } from './schema';

/** An error the server reported (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads a cookie the server made readable (the CSRF token is; the session cookie is not). */
export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    if (!safeMethods.has(request.method)) {
      const token = readCookie('rencai_csrf');
      if (token) request.headers.set('x-csrf-token', token);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(headers);

function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: { code?: unknown; message?: unknown; details?: unknown } }).error;
    if (typeof error?.message === 'string') {
      return new ApiError(status, String(error.code ?? 'internal'), error.message, error.details);
    }
  }
  return new ApiError(status, 'internal', `${i18n.t('errors.unexpected')} (HTTP ${status})`);
}

/** Awaits an openapi-fetch call and returns its data, or throws ApiError. */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

/** The message to show for any thrown value: the server's localised message when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unexpected');
}
