// HTTP for the youth reserve pool: levels, nomination (HR, admin), entry by criteria, reviews, exits,
// history; the talent's own membership.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import {
  CriteriaBody,
  CriteriaResult,
  ExitBody,
  HistoryList,
  LevelChanges,
  LevelInput,
  LevelList,
  LevelParams,
  MemberList,
  MemberParams,
  MemberQuery,
  MyReserve,
  NominateBody,
  ReserveLevel,
  ReserveMember,
  ReviewBody,
} from './reserve.schema';
import * as service from './reserve.service';

const tags = ['youth reserve'];
const changes = { ...errorResponses, 409: ErrorBody, 422: ErrorBody };

export const reserveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/reserve/levels',
    {
      config: { authz: 'reserve:read' },
      schema: {
        tags,
        summary: 'The levels of the youth reserve pool',
        params: DistrictParams,
        response: { 200: LevelList, ...errorResponses },
      },
    },
    async (request) => service.listLevels(request.ctx),
  );

  app.post(
    '/d/:district/reserve/levels',
    {
      config: { authz: 'reserve:manage' },
      schema: {
        tags,
        summary: 'Add a level',
        params: DistrictParams,
        body: LevelInput,
        response: { 200: ReserveLevel, ...changes },
      },
    },
    async (request) => service.createLevel(request.ctx, request.body),
  );

  app.patch(
    '/d/:district/reserve/levels/:levelId',
    {
      config: { authz: 'reserve:manage' },
      schema: {
        tags,
        summary: 'Edit a level',
        params: LevelParams,
        body: LevelChanges,
        response: { 200: ReserveLevel, ...changes },
      },
    },
    async (request) => service.updateLevel(request.ctx, request.params.levelId, request.body),
  );

  app.post(
    '/d/:district/reserve/levels/:levelId/criteria',
    {
      config: { authz: 'reserve:manage' },
      schema: {
        tags,
        summary: "Entry by criteria: admit the talents the level's pack policy finds eligible",
        params: LevelParams,
        body: CriteriaBody,
        response: { 200: CriteriaResult, ...changes },
      },
    },
    async (request) => service.admitByCriteria(request.ctx, request.params.levelId, request.body),
  );

  app.get(
    '/d/:district/reserve/members',
    {
      config: { authz: 'reserve:nominate' },
      schema: {
        tags,
        summary:
          'Memberships (admin: all; enterprise: its nominations, names masked); due=true for reviews due',
        params: DistrictParams,
        querystring: MemberQuery,
        response: { 200: MemberList, ...errorResponses },
      },
    },
    async (request) => service.listMembers(request.ctx, request.query),
  );

  app.post(
    '/d/:district/reserve/members',
    {
      config: { authz: 'reserve:nominate' },
      schema: {
        tags,
        summary: 'Nominate a talent into a level (HR: own employees only)',
        params: DistrictParams,
        body: NominateBody,
        response: { 200: ReserveMember, ...changes },
      },
    },
    async (request) => service.nominate(request.ctx, request.body),
  );

  app.get(
    '/d/:district/reserve/members/:memberId/history',
    {
      config: { authz: 'reserve:manage' },
      schema: {
        tags,
        summary: "A membership's history",
        params: MemberParams,
        response: { 200: HistoryList, ...errorResponses },
      },
    },
    async (request) => service.memberHistory(request.ctx, request.params.memberId),
  );

  app.post(
    '/d/:district/reserve/members/:memberId/review',
    {
      config: { authz: 'reserve:manage' },
      schema: {
        tags,
        summary: 'Periodic review: keep, change level, or exit',
        params: MemberParams,
        body: ReviewBody,
        response: { 200: ReserveMember, ...changes },
      },
    },
    async (request) => service.reviewMember(request.ctx, request.params.memberId, request.body),
  );

  app.post(
    '/d/:district/reserve/members/:memberId/exit',
    {
      config: { authz: 'reserve:manage' },
      schema: {
        tags,
        summary: 'Exit with a reason',
        params: MemberParams,
        body: ExitBody,
        response: { 200: ReserveMember, ...changes },
      },
    },
    async (request) => service.exitMember(request.ctx, request.params.memberId, request.body),
  );

  app.get(
    '/d/:district/reserve/me',
    {
      config: { authz: 'reserve:read' },
      schema: {
        tags,
        summary: "The signed-in talent's membership and history",
        params: DistrictParams,
        response: { 200: MyReserve, ...errorResponses },
      },
    },
    async (request) => service.getMyReserve(request.ctx),
  );
};
