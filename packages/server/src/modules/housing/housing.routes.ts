// HTTP for 人才安居: the talent's buildings, application and lease; the administrator's inventory,
// queue, allocation and move-out. Each route declares its rule; the service checks it again.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import {
  AllocateBody,
  Apartment,
  ApartmentChanges,
  ApartmentInput,
  ApartmentList,
  ApartmentParams,
  ApplicationParams,
  ApplyBody,
  BuildingList,
  Deleted,
  Lease,
  LeaseList,
  LeaseParams,
  LeaseQuery,
  MoveOutBody,
  MoveOutResult,
  MyHousing,
  QueueList,
  QueueQuery,
} from './housing.schema';
import * as service from './housing.service';

const tags = ['housing'];
const changes = { ...errorResponses, 409: ErrorBody, 422: ErrorBody };

export const housingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/housing/buildings',
    {
      config: { authz: 'housing:read' },
      schema: {
        tags,
        summary: 'Talent-apartment buildings: flats, vacancies, rents and queue lengths',
        params: DistrictParams,
        response: { 200: BuildingList, ...errorResponses },
      },
    },
    async (request) => service.listBuildings(request.ctx),
  );

  app.get(
    '/d/:district/housing/me',
    {
      config: { authz: 'housing:apply' },
      schema: {
        tags,
        summary: "The signed-in talent's housing: eligibility, application with queue position, lease",
        params: DistrictParams,
        response: { 200: MyHousing, ...errorResponses },
      },
    },
    async (request) => service.getMyHousing(request.ctx),
  );

  app.post(
    '/d/:district/housing/applications',
    {
      config: { authz: 'housing:apply' },
      schema: {
        tags,
        summary: 'Apply for a flat in a building (allocated at once when one is vacant and nobody is ahead)',
        params: DistrictParams,
        body: ApplyBody,
        response: { 200: MyHousing, ...changes },
      },
    },
    async (request) => service.applyForHousing(request.ctx, request.body),
  );

  app.post(
    '/d/:district/housing/applications/:applicationId/withdraw',
    {
      config: { authz: 'housing:apply' },
      schema: {
        tags,
        summary: 'Withdraw a waiting application',
        params: ApplicationParams,
        response: { 200: MyHousing, ...changes },
      },
    },
    async (request) => service.withdrawApplication(request.ctx, request.params.applicationId),
  );

  app.get(
    '/d/:district/housing/apartments',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'The apartment inventory',
        params: DistrictParams,
        response: { 200: ApartmentList, ...errorResponses },
      },
    },
    async (request) => service.listApartments(request.ctx),
  );

  app.post(
    '/d/:district/housing/apartments',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'Add a flat to the inventory',
        params: DistrictParams,
        body: ApartmentInput,
        response: { 200: Apartment, ...changes },
      },
    },
    async (request) => service.createApartment(request.ctx, request.body),
  );

  app.patch(
    '/d/:district/housing/apartments/:apartmentId',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'Edit a flat (status: vacant ↔ unavailable)',
        params: ApartmentParams,
        body: ApartmentChanges,
        response: { 200: Apartment, ...changes },
      },
    },
    async (request) => service.updateApartment(request.ctx, request.params.apartmentId, request.body),
  );

  app.delete(
    '/d/:district/housing/apartments/:apartmentId',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'Remove a flat that was never let',
        params: ApartmentParams,
        response: { 200: Deleted, ...changes },
      },
    },
    async (request) => service.deleteApartment(request.ctx, request.params.apartmentId),
  );

  app.post(
    '/d/:district/housing/apartments/:apartmentId/allocate',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary:
          "Allocate a vacant flat to the head of its building's queue (or a given waiting application)",
        params: ApartmentParams,
        body: AllocateBody,
        response: { 200: Lease, ...changes },
      },
    },
    async (request) => service.allocateApartment(request.ctx, request.params.apartmentId, request.body),
  );

  app.get(
    '/d/:district/housing/queue',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'The waiting queue in allocation order (tier, children, waiting time)',
        params: DistrictParams,
        querystring: QueueQuery,
        response: { 200: QueueList, ...errorResponses },
      },
    },
    async (request) => service.listQueue(request.ctx, request.query.building),
  );

  app.get(
    '/d/:district/housing/leases',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'Leases, newest first',
        params: DistrictParams,
        querystring: LeaseQuery,
        response: { 200: LeaseList, ...errorResponses },
      },
    },
    async (request) => service.listLeases(request.ctx, request.query.status),
  );

  app.post(
    '/d/:district/housing/leases/:leaseId/end',
    {
      config: { authz: 'housing:manage' },
      schema: {
        tags,
        summary: 'Move-out: end the lease and re-allocate the flat to the next in the queue',
        params: LeaseParams,
        body: MoveOutBody,
        response: { 200: MoveOutResult, ...changes },
      },
    },
    async (request) => service.endLease(request.ctx, request.params.leaseId, request.body),
  );
};
