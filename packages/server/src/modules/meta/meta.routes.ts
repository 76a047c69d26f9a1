// Public facts about this deployment: demo mode, version and the districts it hosts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allowPublic } from '../../authz';
import type { Ctx } from '../../ctx';
import { listDistricts } from '../identity/identity.repo';

export const version = '0.1.0';

const Meta = z.object({
  demo: z.boolean(),
  version: z.string(),
  districts: z.array(z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }) })),
});

/** Demo flag, version and districts; public so the login page can render. */
export async function getMeta(ctx: Ctx) {
  allowPublic('meta:read');
  return { demo: ctx.config.demo, version, districts: await listDistricts(ctx.db) };
}

export const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meta',
    {
      config: { authz: 'meta:read' },
      schema: { tags: ['meta'], summary: 'Deployment facts', response: { 200: Meta } },
    },
    async (request) => getMeta(request.ctx),
  );
};
