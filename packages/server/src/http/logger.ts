// Structured JSON logs with request ids; cookies, tokens, passwords and personal data are redacted.
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.idNumber',
        '*.phone',
        'body.password',
        'body.idNumber',
        'body.phone',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url?.split('?')[0], ip: req.ip, id: req.id }),
    },
  };
}
