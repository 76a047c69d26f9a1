// HTTP for 一键申领 and review: preview and submit a claim (Idempotency-Key), my applications and grants,
// one application with its timeline, withdraw / resubmit / attach a document, the reviewers' queue,
// approve / return / reject one or many, and the admin's 免申即享 run.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import { idempotencyOf } from '../../http/idempotency';
import {
  Application,
  ApplicationDetail,
  ApplicationList,
  ApplicationParams,
  ApplyBody,
  AttachBody,
  AutomaticReport,
  BulkBody,
  BulkResult,
  DecideBody,
  GrantList,
  MineQuery,
  Preview,
  PreviewQuery,
  Queue,
  QueueQuery,
  WithdrawBody,
} from './applications.schema';
import {
  attachMaterial,
  bulkDecide,
  createApplication,
  decideApplication,
  getApplication,
  listMyApplications,
  listMyGrants,
  previewApplication,
  resubmitApplication,
  reviewQueue,
  withdrawApplication,
} from './applications.service';
import { runAutomaticGrantsNow } from './grants.service';

const idemHeader = {
  description: 'Idempotency-Key: a replay with the same body returns the first answer; another body → 409',
};
const errors = { ...errorResponses, 409: ErrorBody, 422: ErrorBody };

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/applications/preview',
    {
      config: { authz: 'application:submit' },
      schema: {
        tags: ['applications'],
        summary: 'What a one-click claim would hold: verdict, amount, materials on file and missing, stages',
        params: DistrictParams,
        querystring: PreviewQuery,
        response: { 200: Preview, ...errors },
      },
    },
    async (request) => previewApplication(request.ctx, request.query),
  );

  app.post(
    '/d/:district/applications',
    {
      config: { authz: 'application:submit' },
      schema: {
        tags: ['applications'],
        summary:
          'One-click claim (一键申领), pre-filled from the record; 422 policy_denied when not eligible',
        description: idemHeader.description,
        params: DistrictParams,
        body: ApplyBody,
        response: { 201: Application, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createApplication(request.ctx, request.body, idempotencyOf(request));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/d/:district/applications',
    {
      config: { authz: 'application:read' },
      schema: {
        tags: ['applications'],
        summary: "The caller's applications (a station: those it submitted for consenting talents)",
        params: DistrictParams,
        querystring: MineQuery,
        response: { 200: ApplicationList, ...errors },
      },
    },
    async (request) => listMyApplications(request.ctx, request.query),
  );

  app.get(
    '/d/:district/grants',
    {
      config: { authz: 'grant:read' },
      schema: {
        tags: ['applications'],
        summary: "The caller's grants (免申即享 included) with their payments",
        params: DistrictParams,
        response: { 200: GrantList, ...errors },
      },
    },
    async (request) => listMyGrants(request.ctx),
  );

  app.post(
    '/d/:district/grants/automatic',
    {
      config: { authz: 'grant:run' },
      schema: {
        tags: ['applications'],
        summary: 'Run 免申即享 now: grant every eligible subject its automatic policies (idempotent)',
        params: DistrictParams,
        response: { 200: AutomaticReport, ...errors },
      },
    },
    async (request) => runAutomaticGrantsNow(request.ctx),
  );

  app.get(
    '/d/:district/applications/:applicationId',
    {
      config: { authz: 'application:read' },
      schema: {
        tags: ['applications'],
        summary:
          'One application with its timeline: stages and holders, deadlines, every act, budget, payments',
        params: ApplicationParams,
        response: { 200: ApplicationDetail, ...errors },
      },
    },
    async (request) => getApplication(request.ctx, request.params.applicationId),
  );

  app.post(
    '/d/:district/applications/:applicationId/withdraw',
    {
      config: { authz: 'application:withdraw' },
      schema: {
        tags: ['applications'],
        summary: 'The applicant withdraws an application in review or returned',
        description: idemHeader.description,
        params: ApplicationParams,
        body: WithdrawBody,
        response: { 200: Application, ...errors },
      },
    },
    async (request) =>
      withdrawApplication(request.ctx, request.params.applicationId, request.body, idempotencyOf(request)),
  );

  app.post(
    '/d/:district/applications/:applicationId/resubmit',
    {
      config: { authz: 'application:submit' },
      schema: {
        tags: ['applications'],
        summary: 'The applicant resubmits a returned application (record and documents read again)',
        description: idemHeader.description,
        params: ApplicationParams,
        response: { 200: Application, ...errors },
      },
    },
    async (request) => resubmitApplication(request.ctx, request.params.applicationId, idempotencyOf(request)),
  );

  app.post(
    '/d/:district/applications/:applicationId/materials',
    {
      config: { authz: 'application:submit' },
      schema: {
        tags: ['applications'],
        summary: 'Attach a document on file to one of the materials the policy asks for',
        description: idemHeader.description,
        params: ApplicationParams,
        body: AttachBody,
        response: { 200: Application, ...errors },
      },
    },
    async (request) =>
      attachMaterial(request.ctx, request.params.applicationId, request.body, idempotencyOf(request)),
  );

  app.get(
    '/d/:district/review/applications',
    {
      config: { authz: 'application:review' },
      schema: {
        tags: ['review'],
        summary: "The reviewer's queue: applications whose current stage the department (or employer) holds",
        params: DistrictParams,
        querystring: QueueQuery,
        response: { 200: Queue, ...errors },
      },
    },
    async (request) => reviewQueue(request.ctx, request.query),
  );

  app.post(
    '/d/:district/review/applications/:applicationId/decision',
    {
      config: { authz: 'application:review' },
      schema: {
        tags: ['review'],
        summary: 'Approve (the last stage grants and commits the budget), return for correction or reject',
        description: idemHeader.description,
        params: ApplicationParams,
        body: DecideBody,
        response: { 200: Application, ...errors },
      },
    },
    async (request) =>
      decideApplication(request.ctx, request.params.applicationId, request.body, idempotencyOf(request)),
  );

  app.post(
    '/d/:district/review/applications/bulk',
    {
      config: { authz: 'application:review' },
      schema: {
        tags: ['review'],
        summary: 'Bulk approve or return; each application in its own transaction, each result reported',
        params: DistrictParams,
        body: BulkBody,
        response: { 200: BulkResult, ...errors },
      },
    },
    async (request) => bulkDecide(request.ctx, request.body),
  );
};
