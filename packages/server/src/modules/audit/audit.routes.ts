// HTTP for the audit trail: a district admin reads its rows and checks the chain.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import { listAudit, verifyAudit } from './audit.service';

const AuditItem = z.object({
  seq: z.number().int(),
  at: z.string().meta({ description: 'ISO 8601 time with zone' }),
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  object: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
});

const ChainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), position: z.number().int(), reason: z.string() }).nullable(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/audit',
    {
      config: { authz: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: "The district's audit rows, newest first",
        params: DistrictParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.coerce.number().int().min(1).optional(),
        }),
        response: {
          200: z.object({ items: z.array(AuditItem), nextBefore: z.number().int().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => listAudit(request.ctx, request.query),
  );

  app.post(
    '/d/:district/audit/verify',
    {
      config: { authz: 'audit:verify' },
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain of the whole audit log',
        params: DistrictParams,
        response: { 200: ChainReport, ...errorResponses },
      },
    },
    async (request) => verifyAudit(request.ctx),
  );
};
