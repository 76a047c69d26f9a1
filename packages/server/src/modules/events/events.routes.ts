// HTTP for 人才活动: the talent's list, registration and cancellation; the organiser's events,
// registrations and check-in by talent code.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import {
  CancelResult,
  CheckInBody,
  CheckInResult,
  EventChanges,
  EventInput,
  EventList,
  EventListQuery,
  EventParams,
  EventRegistrations,
  MyRegistrations,
  Registration,
  TalentEvent,
} from './events.schema';
import * as service from './events.service';

const tags = ['events'];
const changes = { ...errorResponses, 409: ErrorBody, 422: ErrorBody };

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/events',
    {
      config: { authz: 'event:read' },
      schema: {
        tags,
        summary:
          'Upcoming events with seats and waiting list; a talent sees their registration and eligibility',
        params: DistrictParams,
        querystring: EventListQuery,
        response: { 200: EventList, ...errorResponses },
      },
    },
    async (request) => service.listEvents(request.ctx, { all: request.query.all }),
  );

  app.get(
    '/d/:district/events/registrations/mine',
    {
      config: { authz: 'event:register' },
      schema: {
        tags,
        summary: "The signed-in talent's registrations",
        params: DistrictParams,
        response: { 200: MyRegistrations, ...errorResponses },
      },
    },
    async (request) => service.listMyRegistrations(request.ctx),
  );

  app.post(
    '/d/:district/events',
    {
      config: { authz: 'event:manage' },
      schema: {
        tags,
        summary: 'Create an event',
        params: DistrictParams,
        body: EventInput,
        response: { 200: TalentEvent, ...changes },
      },
    },
    async (request) => service.createEvent(request.ctx, request.body),
  );

  app.patch(
    '/d/:district/events/:eventId',
    {
      config: { authz: 'event:manage' },
      schema: {
        tags,
        summary: 'Edit or cancel an event (a larger capacity seats the waiting list)',
        params: EventParams,
        body: EventChanges,
        response: { 200: TalentEvent, ...changes },
      },
    },
    async (request) => service.updateEvent(request.ctx, request.params.eventId, request.body),
  );

  app.post(
    '/d/:district/events/:eventId/registrations',
    {
      config: { authz: 'event:register' },
      schema: {
        tags,
        summary: 'Register (a seat, or a place on the waiting list when full)',
        params: EventParams,
        response: { 200: Registration, ...changes },
      },
    },
    async (request) => service.registerForEvent(request.ctx, request.params.eventId),
  );

  app.post(
    '/d/:district/events/:eventId/registrations/cancel',
    {
      config: { authz: 'event:register' },
      schema: {
        tags,
        summary: 'Cancel my registration (the seat passes to the first waiting)',
        params: EventParams,
        response: { 200: CancelResult, ...changes },
      },
    },
    async (request) => service.cancelRegistration(request.ctx, request.params.eventId),
  );

  app.get(
    '/d/:district/events/:eventId/registrations',
    {
      config: { authz: 'event:manage' },
      schema: {
        tags,
        summary: "An event's registrations and waiting list",
        params: EventParams,
        response: { 200: EventRegistrations, ...errorResponses },
      },
    },
    async (request) => service.listRegistrations(request.ctx, request.params.eventId),
  );

  app.post(
    '/d/:district/events/:eventId/check-in',
    {
      config: { authz: 'event:check-in' },
      schema: {
        tags,
        summary: 'Check a registered talent in by their scanned talent code',
        params: EventParams,
        body: CheckInBody,
        response: { 200: CheckInResult, ...changes },
      },
    },
    async (request) => service.checkInByCode(request.ctx, request.params.eventId, request.body.token),
  );
};
