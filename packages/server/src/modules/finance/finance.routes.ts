// HTTP for 人才贷: products (talent, admin), applications with consent (talent), the bank's inbox and
// answers (provider), product registration (admin).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import {
  BankList,
  InboxQuery,
  LoanAnswerBody,
  LoanApplication,
  LoanApplicationList,
  LoanApplicationParams,
  LoanApplyBody,
  LoanProduct,
  ProductInput,
  ProductList,
  ProductParams,
  ProductStatusBody,
} from './finance.schema';
import * as service from './finance.service';

const tags = ['loans'];
const changes = { ...errorResponses, 409: ErrorBody, 422: ErrorBody };

export const financeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/loans/products',
    {
      config: { authz: 'loan:read' },
      schema: {
        tags,
        summary: "Banks' talent-loan products; a talent sees whether their tier may apply",
        params: DistrictParams,
        response: { 200: ProductList, ...errorResponses },
      },
    },
    async (request) => service.listProducts(request.ctx),
  );

  app.get(
    '/d/:district/loans/banks',
    {
      config: { authz: 'loan:manage' },
      schema: {
        tags,
        summary: 'Provider accounts that can receive loan applications',
        params: DistrictParams,
        response: { 200: BankList, ...errorResponses },
      },
    },
    async (request) => service.listBanks(request.ctx),
  );

  app.post(
    '/d/:district/loans/products',
    {
      config: { authz: 'loan:manage' },
      schema: {
        tags,
        summary: "Register a bank's product (eligible tiers, amount range, rate text)",
        params: DistrictParams,
        body: ProductInput,
        response: { 200: LoanProduct, ...changes },
      },
    },
    async (request) => service.createProduct(request.ctx, request.body),
  );

  app.post(
    '/d/:district/loans/products/:productId/status',
    {
      config: { authz: 'loan:manage' },
      schema: {
        tags,
        summary: 'Withdraw or re-open a product',
        params: ProductParams,
        body: ProductStatusBody,
        response: { 200: LoanProduct, ...changes },
      },
    },
    async (request) => service.setProductStatus(request.ctx, request.params.productId, request.body.status),
  );

  app.post(
    '/d/:district/loans/applications',
    {
      config: { authz: 'loan:apply' },
      schema: {
        tags,
        summary: "Send an application to the product's bank, with consent to what is shared",
        params: DistrictParams,
        body: LoanApplyBody,
        response: { 200: LoanApplication, ...changes },
      },
    },
    async (request) => service.applyForLoan(request.ctx, request.body),
  );

  app.get(
    '/d/:district/loans/applications/mine',
    {
      config: { authz: 'loan:apply' },
      schema: {
        tags,
        summary: "The signed-in talent's loan applications and the banks' answers",
        params: DistrictParams,
        response: { 200: LoanApplicationList, ...errorResponses },
      },
    },
    async (request) => service.listMyLoanApplications(request.ctx),
  );

  app.post(
    '/d/:district/loans/applications/:applicationId/withdraw',
    {
      config: { authz: 'loan:apply' },
      schema: {
        tags,
        summary: 'Withdraw an application the bank has not answered',
        params: LoanApplicationParams,
        response: { 200: LoanApplication, ...changes },
      },
    },
    async (request) => service.withdrawLoanApplication(request.ctx, request.params.applicationId),
  );

  app.get(
    '/d/:district/loans/inbox',
    {
      config: { authz: 'loan:answer' },
      schema: {
        tags,
        summary: "The bank's inbox: applications to its products, undecided first",
        params: DistrictParams,
        querystring: InboxQuery,
        response: { 200: LoanApplicationList, ...errorResponses },
      },
    },
    async (request) => service.listInbox(request.ctx, request.query.status),
  );

  app.post(
    '/d/:district/loans/inbox/:applicationId/answer',
    {
      config: { authz: 'loan:answer' },
      schema: {
        tags,
        summary: 'Approve with an amount, or decline with a reason',
        params: LoanApplicationParams,
        body: LoanAnswerBody,
        response: { 200: LoanApplication, ...changes },
      },
    },
    async (request) => service.answerLoanApplication(request.ctx, request.params.applicationId, request.body),
  );
};
