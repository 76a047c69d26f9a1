// The records routes (一人一档, 一企一册, evidence documents, bulk import) as one plugin for app.ts.
import type { FastifyPluginAsync } from 'fastify';
import { documentRoutes } from '../documents/documents.routes';
import { enterpriseRoutes } from '../enterprises/enterprises.routes';
import { importRoutes } from './imports.routes';
import { talentRoutes } from './talents.routes';

export const recordsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(talentRoutes);
  await app.register(enterpriseRoutes);
  await app.register(documentRoutes);
  await app.register(importRoutes);
};
