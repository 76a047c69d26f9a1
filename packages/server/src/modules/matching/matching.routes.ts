// HTTP for 政策找人: a talent's or an enterprise's own policies; the administrator's counts and runs.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import { MatchingRun, MatchingRuns, MyPolicies, PolicyCounts, RunParams } from './matching.schema';
import { getRun, listRuns, myPolicies, policyCounts, startRun } from './matching.service';

export const matchingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/me/policies',
    {
      config: { authz: 'matching:read-own' },
      schema: {
        tags: ['matching'],
        summary:
          "The caller's policies (talent or enterprise): verdict, amount, missing facts, reasons, 就高不重复",
        params: DistrictParams,
        response: { 200: MyPolicies, ...errorResponses },
      },
    },
    async (request) => myPolicies(request.ctx),
  );

  app.get(
    '/d/:district/matching/policy-counts',
    {
      config: { authz: 'matching:admin' },
      schema: {
        tags: ['matching'],
        summary: 'Per policy of the active version: eligible, offered, unknown, applied, granted, paid',
        params: DistrictParams,
        response: { 200: PolicyCounts, ...errorResponses },
      },
    },
    async (request) => policyCounts(request.ctx),
  );

  app.get(
    '/d/:district/matching/runs',
    {
      config: { authz: 'matching:admin' },
      schema: {
        tags: ['matching'],
        summary: 'The latest "policy finds people" runs with their progress',
        params: DistrictParams,
        response: { 200: MatchingRuns, ...errorResponses },
      },
    },
    async (request) => listRuns(request.ctx),
  );

  app.get(
    '/d/:district/matching/runs/:runId',
    {
      config: { authz: 'matching:admin' },
      schema: {
        tags: ['matching'],
        summary: 'One run: status and rows done / total',
        params: RunParams,
        response: { 200: MatchingRun, ...errorResponses },
      },
    },
    async (request) => getRun(request.ctx, request.params.runId),
  );

  app.post(
    '/d/:district/matching/runs',
    {
      config: { authz: 'matching:admin' },
      schema: {
        tags: ['matching'],
        summary: 'Re-decide everyone of the district under the active pack version (a background job)',
        params: DistrictParams,
        response: { 202: MatchingRun, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await startRun(request.ctx)),
  );
};
