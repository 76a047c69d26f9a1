// The one error handler: every failure leaves as { error: { code, message, details } } in the caller's language.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors';
import { type MessageKey, pickLang } from '../i18n';

function send(reply: FastifyReply, request: FastifyRequest, err: AppError): FastifyReply {
  const lang = pickLang(request.headers['accept-language']);
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: err.code, message: err.localized(lang) },
  };
  if (err.details !== undefined) body.error.details = err.details;
  return reply.code(err.status).type('application/json; charset=utf-8').send(body);
}

/** Maps any thrown value to an AppError; unknown errors are logged with the request id and become `internal`. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    return new AppError(
      'validation_failed',
      'validation_failed',
      fe.validation.map((v) => ({
        path: `${fe.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message,
      })),
    );
  }
  const status = fe.statusCode ?? 500;
  if (status === 429) return new AppError('rate_limited', 'rate_limited');
  if (status >= 400 && status < 500) {
    const byStatus: Record<number, ErrorCode & MessageKey> = {
      401: 'unauthenticated',
      403: 'forbidden',
      404: 'not_found',
    };
    const code = byStatus[status] ?? 'validation_failed';
    return new AppError(code, code, { reason: fe.message });
  }
  request.log.error({ err: error, requestId: request.id }, 'unhandled error');
  return new AppError('internal', 'internal', { requestId: request.id }, { requestId: request.id });
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, request, toAppError(error, request));
}
