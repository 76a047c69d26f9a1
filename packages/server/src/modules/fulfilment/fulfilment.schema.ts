// Bodies and responses of the disbursement API (政策兑现): budgets, due items, batches, the ledger.
import { z } from 'zod';
import { DistrictParams } from '../../http/common.schema';
import { FundView } from '../applications/applications.schema';

const Text = z.object({ zh: z.string(), en: z.string() });

export const BatchParams = DistrictParams.extend({ batchId: z.coerce.number().int().positive() });
export const FundsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const FundList = z.object({
  year: z.number(),
  items: z.array(FundView),
  unset: z.array(z.object({ code: z.string(), name: Text })),
});
export const BudgetBody = z.object({
  code: z.string().min(1).max(120),
  year: z.number().int().min(2000).max(2100),
  budget: z.number().min(0).max(1e11).meta({ description: 'CNY for the year' }),
});

export const DueList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      grantId: z.number(),
      policyId: z.string(),
      title: Text,
      subjectName: z.string(),
      instalment: z.number(),
      amount: z.number(),
      dueDate: z.string(),
      status: z.string(),
      conditional: z.boolean(),
      state: z.enum(['due', 'condition_unmet', 'condition_unknown']),
      missing: z.array(z.string()),
    }),
  ),
  payable: z.number(),
});

export const Batch = z.object({
  id: z.number(),
  status: z.string(),
  itemCount: z.number(),
  total: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export const BatchList = z.object({ items: z.array(Batch) });
export const BatchDetail = Batch.extend({
  items: z.array(
    z.object({
      itemId: z.number(),
      grantId: z.number(),
      policyId: z.string(),
      title: Text,
      subjectName: z.string(),
      instalment: z.number(),
      amount: z.number(),
      outcome: z.enum(['pending', 'paid', 'failed']),
      reason: z.string().nullable(),
    }),
  ),
});
export const CreateBatchBody = z.object({
  itemIds: z.array(z.number().int().positive()).max(5000).optional(),
});
export const MarkBody = z.object({
  results: z
    .array(
      z.object({
        itemId: z.number().int().positive(),
        outcome: z.enum(['paid', 'failed']),
        reason: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export const MarkResult = z.object({
  batchId: z.number(),
  changed: z.array(z.object({ itemId: z.number(), outcome: z.string() })),
});
export const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const LedgerQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  fundId: z.coerce.number().int().positive().optional(),
});
export const LedgerList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      fundId: z.number(),
      kind: z.enum(['commit', 'release', 'pay', 'fail']),
      amount: z.number(),
      grantId: z.number().nullable(),
      paymentItemId: z.number().nullable(),
      batchId: z.number().nullable(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
});
