// HTTP for the district's service providers (admin) and the provider account's own organisation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import {
  AddStaff,
  CreateProvider,
  Provider,
  ProviderList,
  ProviderParams,
  UpdateProvider,
} from './providers.schema';
import { addStaff, createProvider, getMyProvider, listProviders, updateProvider } from './providers.service';

export const providerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/providers',
    {
      config: { authz: 'provider:manage' },
      schema: {
        tags: ['providers'],
        summary: "The district's service providers and the services they may offer",
        params: DistrictParams,
        response: { 200: ProviderList, ...errorResponses },
      },
    },
    async (request) => listProviders(request.ctx),
  );

  app.post(
    '/d/:district/providers',
    {
      config: { authz: 'provider:manage' },
      schema: {
        tags: ['providers'],
        summary: 'Register a provider with the entitlement services it offers',
        params: DistrictParams,
        body: CreateProvider,
        response: { 200: Provider, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => createProvider(request.ctx, request.body),
  );

  app.patch(
    '/d/:district/providers/:providerId',
    {
      config: { authz: 'provider:manage' },
      schema: {
        tags: ['providers'],
        summary: "Change a provider's name, kind, services or active flag",
        params: ProviderParams,
        body: UpdateProvider,
        response: { 200: Provider, ...errorResponses },
      },
    },
    async (request) => updateProvider(request.ctx, request.params.providerId, request.body),
  );

  app.post(
    '/d/:district/providers/:providerId/staff',
    {
      config: { authz: 'provider:manage' },
      schema: {
        tags: ['providers'],
        summary: 'Link a provider account to the provider it scans for',
        params: ProviderParams,
        body: AddStaff,
        response: { 200: Provider, ...errorResponses },
      },
    },
    async (request) => addStaff(request.ctx, request.params.providerId, request.body.username),
  );

  app.get(
    '/providers/me',
    {
      config: { authz: 'talentCode:scan' },
      schema: {
        tags: ['providers'],
        summary: 'The provider the signed-in provider account works for',
        response: { 200: Provider, ...errorResponses },
      },
    },
    async (request) => getMyProvider(request.ctx),
  );
};
