// HTTP for pack publishing (admin): versions, a preview of a candidate against the population, publish.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, errorResponses } from '../../http/common.schema';
import { PackInputBody, PackPreview, PackPublished, PackVersions } from './packs.schema';
import { listPackVersions, previewPack, publishPackVersion } from './packs.service';

/** A pack folder is a few hundred kilobytes of YAML; allow some room. */
const PACK_BODY_LIMIT = 8 * 1024 * 1024;

export const packRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/packs',
    {
      config: { authz: 'pack:read' },
      schema: {
        tags: ['packs'],
        summary:
          "The district pack's versions (active, superseded, who, when) and the pack folders on the server",
        params: DistrictParams,
        response: { 200: PackVersions, ...errorResponses },
      },
    },
    async (request) => listPackVersions(request.ctx),
  );

  app.post(
    '/d/:district/packs/preview',
    {
      bodyLimit: PACK_BODY_LIMIT,
      // A preview changes nothing: no audit row.
      config: { authz: 'pack:publish', audit: false },
      schema: {
        tags: ['packs'],
        summary:
          'Validate and test a candidate version, and preview who gains, who loses and the cost per fund',
        params: DistrictParams,
        body: PackInputBody,
        response: { 200: PackPreview, ...errorResponses },
      },
    },
    async (request) => previewPack(request.ctx, request.body),
  );

  app.post(
    '/d/:district/packs',
    {
      bodyLimit: PACK_BODY_LIMIT,
      config: { authz: 'pack:publish' },
      schema: {
        tags: ['packs'],
        summary: 'Publish a candidate version (audited) and re-decide everyone in a background job',
        params: DistrictParams,
        body: PackInputBody,
        response: { 201: PackPublished, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await publishPackVersion(request.ctx, request.body)),
  );
};
