// HTTP for 政策兑现: budgets per fund and year, due payment items, payment batches (bank file, paid or
// failed), the ledger. State-changing POSTs take an Idempotency-Key.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DistrictParams, ErrorBody, errorResponses } from '../../http/common.schema';
import { idempotencyOf } from '../../http/idempotency';
import { FundView } from '../applications/applications.schema';
import {
  Batch,
  BatchDetail,
  BatchList,
  BatchParams,
  BudgetBody,
  CreateBatchBody,
  DueList,
  ExportQuery,
  FundList,
  FundsQuery,
  LedgerList,
  LedgerQuery,
  MarkBody,
  MarkResult,
} from './fulfilment.schema';
import {
  createBatch,
  exportBatch,
  getBatch,
  listBatches,
  listDueItems,
  listFunds,
  listLedger,
  markBatch,
  setBudget,
} from './fulfilment.service';

const errors = { ...errorResponses, 409: ErrorBody };

export const fulfilmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/d/:district/funds',
    {
      config: { authz: 'fund:read' },
      schema: {
        tags: ['fulfilment'],
        summary: 'Budgets of the year per fund: budget, committed, paid, remaining',
        params: DistrictParams,
        querystring: FundsQuery,
        response: { 200: FundList, ...errors },
      },
    },
    async (request) => listFunds(request.ctx, request.query.year),
  );

  app.post(
    '/d/:district/funds',
    {
      config: { authz: 'fund:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: "Set a fund's budget for a year (never below what is committed)",
        params: DistrictParams,
        body: BudgetBody,
        response: { 200: FundView, ...errors },
      },
    },
    async (request) => setBudget(request.ctx, request.body, idempotencyOf(request)),
  );

  app.get(
    '/d/:district/payments/due',
    {
      config: { authz: 'payment:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: 'Payment items whose date has come, each condition re-checked on current facts',
        params: DistrictParams,
        response: { 200: DueList, ...errors },
      },
    },
    async (request) => listDueItems(request.ctx),
  );

  app.get(
    '/d/:district/payment-batches',
    {
      config: { authz: 'payment:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: 'Payment batches, newest first',
        params: DistrictParams,
        response: { 200: BatchList, ...errors },
      },
    },
    async (request) => listBatches(request.ctx),
  );

  app.post(
    '/d/:district/payment-batches',
    {
      config: { authz: 'payment:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: 'Collect the payable items (all, or those named) into a new batch',
        params: DistrictParams,
        body: CreateBatchBody,
        response: { 201: Batch, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createBatch(request.ctx, request.body, idempotencyOf(request))),
  );

  app.get(
    '/d/:district/payment-batches/:batchId',
    {
      config: { authz: 'payment:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: 'One batch with its items and their outcomes',
        params: BatchParams,
        response: { 200: BatchDetail, ...errors },
      },
    },
    async (request) => getBatch(request.ctx, request.params.batchId),
  );

  app.get(
    '/d/:district/payment-batches/:batchId/export',
    {
      config: { authz: 'payment:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: 'The bank file of a batch (.xlsx or .csv)',
        params: BatchParams,
        querystring: ExportQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportBatch(request.ctx, request.params.batchId, request.query.format);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  );

  app.post(
    '/d/:district/payment-batches/:batchId/results',
    {
      config: { authz: 'payment:manage' },
      schema: {
        tags: ['fulfilment'],
        summary: 'Mark items of a batch paid or failed (an item is never paid twice)',
        params: BatchParams,
        body: MarkBody,
        response: { 200: MarkResult, ...errors },
      },
    },
    async (request) => markBatch(request.ctx, request.params.batchId, request.body, idempotencyOf(request)),
  );

  app.get(
    '/d/:district/ledger',
    {
      config: { authz: 'fund:read' },
      schema: {
        tags: ['fulfilment'],
        summary: 'The ledger: every commit, release, payment and failure, newest first',
        params: DistrictParams,
        querystring: LedgerQuery,
        response: { 200: LedgerList, ...errors },
      },
    },
    async (request) => listLedger(request.ctx, request.query),
  );
};
