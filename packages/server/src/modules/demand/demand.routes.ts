// HTTP for 人才需求发布 and 聚·人才: demands (HR publishes, the admin reviews, talents browse, search and
// apply), applicants and candidates ranked by fit, talents' opt-in, and the shortage catalogue.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import { refuseOtherRoles } from '../insights/role-gate';
import {
  ApplicantList,
  Application,
  ApplyBody,
  CandidateList,
  CreateDemandBody,
  Demand,
  DemandList,
  DemandListQuery,
  DemandParams,
  ImportQuery,
  ImportResult,
  OptIn,
  OptInBody,
  PublishBody,
  PublishResult,
  RecommendationList,
  ReviewBody,
  ShortageBody,
  ShortageItem,
  ShortageList,
  ShortageParams,
  ShortagePatch,
  ShortageQuery,
} from './demand.schema';
import * as service from './demand.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['demand'];

export const demandRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', refuseOtherRoles);
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/d/:district/demands',
    {
      config: { authz: 'demand:browse' },
      schema: {
        tags,
        summary: 'Browse and search demands (Chinese words); HR adds mine=true for their own',
        params: DistrictParams,
        querystring: DemandListQuery,
        response: { 200: DemandList, ...errorResponses },
      },
    },
    async (request) => service.listDemands(request.ctx, request.query),
  );

  app.post(
    '/d/:district/demands',
    {
      config: { authz: 'demand:publish' },
      schema: {
        tags,
        summary: "HR publishes a talent demand / job post (it waits for the district's review)",
        params: DistrictParams,
        body: CreateDemandBody,
        response: { 201: Demand, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createDemand(request.ctx, request.body)),
  );

  app.get(
    '/d/:district/demands/recommended',
    {
      config: { authz: 'demand:apply' },
      schema: {
        tags,
        summary: 'Published demands ranked by fit to the signed-in talent, with reasons',
        params: DistrictParams,
        response: { 200: RecommendationList, ...errorResponses },
      },
    },
    async (request) => service.recommendDemands(request.ctx),
  );

  app.get(
    '/d/:district/demands/:demandId',
    {
      config: { authz: 'demand:browse' },
      schema: {
        tags,
        summary: 'One demand',
        params: DemandParams,
        response: { 200: Demand, ...errorResponses },
      },
    },
    async (request) => service.getDemand(request.ctx, request.params.demandId),
  );

  app.post(
    '/d/:district/demands/:demandId/review',
    {
      config: { authz: 'demand:review' },
      schema: {
        tags,
        summary: 'The district publishes or rejects a pending demand',
        params: DemandParams,
        body: ReviewBody,
        response: { 200: Demand, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => service.reviewDemand(request.ctx, request.params.demandId, request.body),
  );

  app.post(
    '/d/:district/demands/:demandId/applications',
    {
      config: { authz: 'demand:apply' },
      schema: {
        tags,
        summary: 'A talent applies with their record; the fit and its reasons are kept',
        params: DemandParams,
        body: ApplyBody,
        response: { 201: Application, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.applyToDemand(request.ctx, request.params.demandId, request.body)),
  );

  app.get(
    '/d/:district/demands/:demandId/applicants',
    {
      config: { authz: 'demand:applicants' },
      schema: {
        tags,
        summary: "The demand's applicants, best fit first, with the reasons (HR of the enterprise, admin)",
        params: DemandParams,
        response: { 200: ApplicantList, ...errorResponses },
      },
    },
    async (request) => service.listApplicants(request.ctx, request.params.demandId),
  );

  app.get(
    '/d/:district/demands/:demandId/candidates',
    {
      config: { authz: 'demand:applicants' },
      schema: {
        tags,
        summary: 'Opted-in talents who fit the demand, with the reasons (never anyone who did not opt in)',
        params: DemandParams,
        response: { 200: CandidateList, ...errorResponses },
      },
    },
    async (request) => service.listCandidates(request.ctx, request.params.demandId),
  );

  app.get(
    '/d/:district/job-seeking',
    {
      config: { authz: 'demand:apply' },
      schema: {
        tags,
        summary: 'Whether the signed-in talent is shown to employers',
        params: DistrictParams,
        response: { 200: OptIn, ...errorResponses },
      },
    },
    async (request) => service.getOptIn(request.ctx),
  );

  app.put(
    '/d/:district/job-seeking',
    {
      config: { authz: 'demand:apply' },
      schema: {
        tags,
        summary: 'Opt in (or out) to be recommended to employers',
        params: DistrictParams,
        body: OptInBody,
        response: { 200: OptIn, ...errorResponses },
      },
    },
    async (request) => service.setOptIn(request.ctx, request.body.optedIn),
  );

  app.get(
    '/d/:district/shortage-occupations',
    {
      config: { authz: 'shortage:read' },
      schema: {
        tags,
        summary: 'The published shortage-occupation catalogue (紧缺职业工种目录); admins may add all=true',
        params: DistrictParams,
        querystring: ShortageQuery,
        response: { 200: ShortageList, ...errorResponses },
      },
    },
    async (request) => service.listShortage(request.ctx, request.query),
  );

  app.post(
    '/d/:district/shortage-occupations',
    {
      config: { authz: 'shortage:manage' },
      schema: {
        tags,
        summary: "Add or replace (as a draft) an occupation of a year's catalogue",
        params: DistrictParams,
        body: ShortageBody,
        response: { 200: ShortageItem, ...errorResponses },
      },
    },
    async (request) => service.saveShortage(request.ctx, request.body),
  );

  app.patch(
    '/d/:district/shortage-occupations/:shortageId',
    {
      config: { authz: 'shortage:manage' },
      schema: {
        tags,
        summary: 'Edit a catalogue entry (it becomes a draft again)',
        params: ShortageParams,
        body: ShortagePatch,
        response: { 200: ShortageItem, ...errorResponses },
      },
    },
    async (request) => service.editShortage(request.ctx, request.params.shortageId, request.body),
  );

  app.post(
    '/d/:district/shortage-occupations/publish',
    {
      config: { authz: 'shortage:manage' },
      schema: {
        tags,
        summary: "Publish every draft of a year's catalogue",
        params: DistrictParams,
        body: PublishBody,
        response: { 200: PublishResult, ...errorResponses },
      },
    },
    async (request) => service.publishShortage(request.ctx, request.body.year),
  );

  app.post(
    '/d/:district/shortage-occupations/import',
    {
      config: { authz: 'shortage:manage' },
      schema: {
        tags,
        summary: `Import a year's catalogue from an .xlsx body (${XLSX}); columns 职业名称, 紧缺程度, 职业编码, 类别, 备注`,
        params: DistrictParams,
        querystring: ImportQuery,
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => service.importShortage(request.ctx, request.query.year, request.body as Buffer),
  );
};
