// HTTP for 人才服务驿站: the talent's consents (grant, list, revoke) and the station's consenting talents.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import {
  Consent,
  ConsentBody,
  ConsentList,
  ConsentParams,
  StationList,
} from '../applications/applications.schema';
import {
  grantConsent,
  listConsentingTalents,
  listMyConsents,
  listStations,
  revokeConsent,
} from './stations.service';

const errors = { ...errorResponses, 409: ErrorBody };

export const stationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/stations',
    {
      config: { authz: 'consent:manage' },
      schema: {
        tags: ['stations'],
        summary: "The district's service stations a talent may consent to",
        params: DistrictParams,
        response: { 200: StationList, ...errors },
      },
    },
    async (request) => listStations(request.ctx),
  );

  app.get(
    '/d/:district/station-consents',
    {
      config: { authz: 'consent:manage' },
      schema: {
        tags: ['stations'],
        summary: "The talent's consents to stations, live and past",
        params: DistrictParams,
        response: { 200: ConsentList, ...errors },
      },
    },
    async (request) => listMyConsents(request.ctx),
  );

  app.post(
    '/d/:district/station-consents',
    {
      config: { authz: 'consent:manage' },
      schema: {
        tags: ['stations'],
        summary: 'Consent to a station acting for me: scope and expiry (replaces a live consent to it)',
        params: DistrictParams,
        body: ConsentBody,
        response: { 201: Consent, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await grantConsent(request.ctx, request.body)),
  );

  app.post(
    '/d/:district/station-consents/:consentId/revoke',
    {
      config: { authz: 'consent:manage' },
      schema: {
        tags: ['stations'],
        summary: 'Revoke a consent at once',
        params: ConsentParams,
        response: { 200: Consent, ...errors },
      },
    },
    async (request) => revokeConsent(request.ctx, request.params.consentId),
  );

  app.get(
    '/d/:district/station/talents',
    {
      config: { authz: 'station:act' },
      schema: {
        tags: ['stations'],
        summary: 'The talents who gave this station a live consent',
        params: DistrictParams,
        response: { 200: ConsentList, ...errors },
      },
    },
    async (request) => listConsentingTalents(request.ctx),
  );
};
