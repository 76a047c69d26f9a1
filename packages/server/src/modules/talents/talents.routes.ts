// HTTP for the talent record (一人一档): registration, the record, profile facts, employment claims, reveal.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import {
  ClaimEmployment,
  Employment,
  ProfileOptions,
  RegisterTalent,
  Revealed,
  TalentCreated,
  TalentList,
  TalentListQuery,
  TalentParams,
  TalentRecord,
  UpdateFacts,
  VerifyFacts,
} from './talents.schema';
import {
  claimEmployment,
  getMyRecord,
  getProfileOptions,
  getTalentRecord,
  listTalents,
  registerTalent,
  revealIdentity,
  updateFacts,
  verifyFacts,
} from './talents.service';

const conflict = { 409: ErrorBody };

export const talentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/d/:district/talents',
    {
      config: { authz: 'talent:register', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['talents'],
        summary:
          'Register a talent: anonymous self-registration (with username and password) or by HR, a service station or the district',
        params: DistrictParams,
        body: RegisterTalent,
        response: { 201: TalentCreated, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => reply.code(201).send(await registerTalent(request.ctx, request.body)),
  );

  app.get(
    '/d/:district/talents',
    {
      config: { authz: 'talent:list' },
      schema: {
        tags: ['talents'],
        summary: "A page of the district's talents (masked)",
        params: DistrictParams,
        querystring: TalentListQuery,
        response: { 200: TalentList, ...errorResponses },
      },
    },
    async (request) => listTalents(request.ctx, request.query),
  );

  app.get(
    '/d/:district/talents/me',
    {
      config: { authz: 'talent:me' },
      schema: {
        tags: ['talents'],
        summary: "The signed-in talent's own record",
        params: DistrictParams,
        response: { 200: TalentRecord, ...errorResponses },
      },
    },
    async (request) => getMyRecord(request.ctx),
  );

  app.get(
    '/d/:district/talents/profile-options',
    {
      config: { authz: 'talent:read' },
      schema: {
        tags: ['talents'],
        summary: "The profile form's sections, fields and choices (honours from the district's catalogue)",
        params: DistrictParams,
        response: { 200: ProfileOptions, ...errorResponses },
      },
    },
    async (request) => getProfileOptions(request.ctx),
  );

  app.get(
    '/d/:district/talents/:talentId',
    {
      config: { authz: 'talent:read' },
      schema: {
        tags: ['talents'],
        summary: "A talent's record (own HR, reviewers, stations, the district)",
        params: TalentParams,
        response: { 200: TalentRecord, ...errorResponses },
      },
    },
    async (request) => getTalentRecord(request.ctx, request.params.talentId),
  );

  app.put(
    '/d/:district/talents/:talentId/facts',
    {
      config: { authz: 'talent:update-facts' },
      schema: {
        tags: ['talents'],
        summary: 'Set profile facts (source: self for the talent, employer for HR, department for reviewers)',
        params: TalentParams,
        body: UpdateFacts,
        response: { 200: TalentRecord, ...errorResponses },
      },
    },
    async (request) => updateFacts(request.ctx, request.params.talentId, request.body),
  );

  app.post(
    '/d/:district/talents/:talentId/facts/verify',
    {
      config: { authz: 'talent:verify-facts' },
      schema: {
        tags: ['talents'],
        summary: 'Mark facts as checked by a department (部门核验)',
        params: TalentParams,
        body: VerifyFacts,
        response: { 200: TalentRecord, ...errorResponses },
      },
    },
    async (request) => verifyFacts(request.ctx, request.params.talentId, request.body.names),
  );

  app.post(
    '/d/:district/talents/:talentId/employments',
    {
      config: { authz: 'employment:claim' },
      schema: {
        tags: ['talents'],
        summary: 'Declare an employment; the employer confirms it',
        params: TalentParams,
        body: ClaimEmployment,
        response: { 201: Employment, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await claimEmployment(request.ctx, request.params.talentId, request.body)),
  );

  app.post(
    '/d/:district/talents/:talentId/reveal',
    {
      config: { authz: 'talent:reveal' },
      schema: {
        tags: ['talents'],
        summary: 'The full ID number and phone (audited)',
        params: TalentParams,
        response: { 200: Revealed, ...errorResponses },
      },
    },
    async (request) => revealIdentity(request.ctx, request.params.talentId),
  );
};
