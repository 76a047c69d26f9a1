// HTTP for the policy library (汇·政策): browse and search, one policy in plain words, the calculator's
// questions and the calculator. All public: anyone may read a district's policies and try the calculator.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import {
  CalculateBody,
  Calculation,
  PolicyDetail,
  PolicyList,
  PolicyListQuery,
  PolicyParams,
  Questions,
  QuestionsQuery,
} from './policies.schema';
import { calculate, getPolicy, listPolicies, listQuestions } from './policies.service';

/** Calculations per minute per client address (the calculator is public and does real work). */
export const CALCULATE_RATE_PER_MINUTE = 120;

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/policies',
    {
      config: { authz: 'policy:read' },
      schema: {
        tags: ['policies'],
        summary: "Browse and search the district's published policies (Chinese search), with facet counts",
        params: DistrictParams,
        querystring: PolicyListQuery,
        response: { 200: PolicyList, ...errorResponses },
      },
    },
    async (request) => listPolicies(request.ctx, request.query),
  );

  app.get(
    '/d/:district/policies/questions',
    {
      config: { authz: 'policy:read' },
      schema: {
        tags: ['policies'],
        summary: 'The facts the calculator should ask about, the most used first',
        params: DistrictParams,
        querystring: QuestionsQuery,
        response: { 200: Questions, ...errorResponses },
      },
    },
    async (request) => listQuestions(request.ctx, request.query),
  );

  app.get(
    '/d/:district/policies/:policyId',
    {
      config: { authz: 'policy:read' },
      schema: {
        tags: ['policies'],
        summary: 'One policy in plain words: conditions, amount, schedule, materials, review, exclusivity',
        params: PolicyParams,
        response: { 200: PolicyDetail, ...errorResponses },
      },
    },
    async (request) => getPolicy(request.ctx, request.params.policyId),
  );

  app.post(
    '/d/:district/policies/calculate',
    {
      // A calculation changes nothing, so the request hook has no state change to audit.
      config: {
        authz: 'policy:calculate',
        audit: false,
        rateLimit: { max: CALCULATE_RATE_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['policies'],
        summary: 'What-if calculator: verdict, amount and schedule of every policy for the facts given',
        params: DistrictParams,
        body: CalculateBody,
        response: { 200: Calculation, ...errorResponses },
      },
    },
    async (request) => calculate(request.ctx, request.body),
  );
};
