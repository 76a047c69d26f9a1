// HTTP for enterprises (一企一册): registration, search, the district's white list and credit status,
// HR's employees (add, confirm or reject claims) and the register with its .xlsx export.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import { Employment, Talent } from '../talents/talents.schema';
import {
  AddEmployee,
  EmploymentDecision,
  Enterprise,
  EnterpriseEmploymentParams,
  EnterpriseList,
  EnterpriseListQuery,
  EnterpriseParams,
  Register,
  RegisterEnterprise,
  RegisterQuery,
  UpdateEnterprise,
} from './enterprises.schema';
import {
  addEmployee,
  decideEmployment,
  exportRegister,
  getEnterprise,
  getMyEnterprise,
  getRegister,
  listEnterprises,
  registerEnterprise,
  updateEnterprise,
} from './enterprises.service';

const conflict = { 409: ErrorBody };
const registerFilter = (q: z.infer<typeof RegisterQuery>) => ({
  status: q.status,
  q: q.q,
  tier: q.tier,
  expiring: q.expiring === undefined ? undefined : q.expiring === 'true',
});

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/d/:district/enterprises',
    {
      config: { authz: 'enterprise:create' },
      schema: {
        tags: ['enterprises'],
        summary: 'Register an enterprise by its 统一社会信用代码 (GB 32100)',
        params: DistrictParams,
        body: RegisterEnterprise,
        response: { 201: Enterprise, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => reply.code(201).send(await registerEnterprise(request.ctx, request.body)),
  );

  app.get(
    '/d/:district/enterprises',
    {
      config: { authz: 'enterprise:search' },
      schema: {
        tags: ['enterprises'],
        summary: "The district's enterprises by name or credit code, with white list and credit filters",
        params: DistrictParams,
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseList, ...errorResponses },
      },
    },
    async (request) =>
      listEnterprises(request.ctx, {
        ...request.query,
        whiteListed:
          request.query.whiteListed === undefined ? undefined : request.query.whiteListed === 'true',
      }),
  );

  app.get(
    '/d/:district/enterprises/mine',
    {
      config: { authz: 'enterprise:read-own' },
      schema: {
        tags: ['enterprises'],
        summary: 'The enterprise the signed-in HR account acts for',
        params: DistrictParams,
        response: { 200: Enterprise, ...errorResponses },
      },
    },
    async (request) => getMyEnterprise(request.ctx),
  );

  app.get(
    '/d/:district/enterprises/:enterpriseId',
    {
      config: { authz: 'enterprise:search' },
      schema: {
        tags: ['enterprises'],
        summary: 'One enterprise',
        params: EnterpriseParams,
        response: { 200: Enterprise, ...errorResponses },
      },
    },
    async (request) => getEnterprise(request.ctx, request.params.enterpriseId),
  );

  app.patch(
    '/d/:district/enterprises/:enterpriseId',
    {
      config: { authz: 'enterprise:manage' },
      schema: {
        tags: ['enterprises'],
        summary: 'The district changes industry, scale, tags, credit status (红/黑名单) or the white list',
        params: EnterpriseParams,
        body: UpdateEnterprise,
        response: { 200: Enterprise, ...errorResponses },
      },
    },
    async (request) => updateEnterprise(request.ctx, request.params.enterpriseId, request.body),
  );

  app.post(
    '/d/:district/enterprises/:enterpriseId/employees',
    {
      config: { authz: 'enterprise:staff' },
      schema: {
        tags: ['enterprises'],
        summary:
          'HR adds an employee by name and ID number (links the existing record or creates one); confirmed at once',
        params: EnterpriseParams,
        body: AddEmployee,
        response: {
          201: z.object({ talent: Talent, employment: Employment, created: z.boolean() }),
          ...errorResponses,
          ...conflict,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addEmployee(request.ctx, request.params.enterpriseId, request.body)),
  );

  app.post(
    '/d/:district/enterprises/:enterpriseId/employments/:employmentId/decision',
    {
      config: { authz: 'enterprise:staff' },
      schema: {
        tags: ['enterprises'],
        summary: "HR confirms or rejects a talent's employment claim",
        params: EnterpriseEmploymentParams,
        body: EmploymentDecision,
        response: { 200: Employment, ...errorResponses, ...conflict },
      },
    },
    async (request) =>
      decideEmployment(
        request.ctx,
        request.params.enterpriseId,
        request.params.employmentId,
        request.body.decision,
      ),
  );

  app.get(
    '/d/:district/enterprises/:enterpriseId/register',
    {
      config: { authz: 'enterprise:register' },
      schema: {
        tags: ['enterprises'],
        summary: 'The register (一企一册): who, tier, certification status, expiring items',
        params: EnterpriseParams,
        querystring: RegisterQuery,
        response: { 200: Register, ...errorResponses },
      },
    },
    async (request) => getRegister(request.ctx, request.params.enterpriseId, registerFilter(request.query)),
  );

  app.get(
    '/d/:district/enterprises/:enterpriseId/register.xlsx',
    {
      config: { authz: 'enterprise:register' },
      schema: {
        tags: ['enterprises'],
        summary: 'The filtered register as an .xlsx workbook',
        params: EnterpriseParams,
        querystring: RegisterQuery,
        response: { 200: z.unknown().meta({ description: 'The file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportRegister(
        request.ctx,
        request.params.enterpriseId,
        registerFilter(request.query),
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  );
};
