// zod shapes of 人才贷's HTTP interface.
import { z } from 'zod';
import { DistrictParams } from '../../http/common.schema';

const id = z.coerce.number().int().positive();
export const ProductParams = DistrictParams.extend({ productId: id });
export const LoanApplicationParams = DistrictParams.extend({ applicationId: id });

export const LoanProduct = z
  .object({
    id: z.number().int(),
    bankAccountId: z.number().int(),
    bankName: z.string(),
    name: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    eligibleTiers: z.array(z.string()),
    minAmount: z.number().int(),
    maxAmount: z.number().int(),
    rateText: z.string(),
    status: z.enum(['active', 'withdrawn']),
  })
  .meta({ id: 'LoanProduct' });

export const ProductList = z.object({
  items: z.array(
    LoanProduct.extend({ eligibility: z.object({ eligible: z.boolean(), reason: z.string() }).nullable() }),
  ),
});

export const BankList = z.object({
  items: z.array(
    z.object({
      accountId: z.number().int(),
      username: z.string(),
      displayName: z.string(),
      provider: z.string().nullable(),
      kind: z.string().nullable(),
    }),
  ),
});

const text = (max: number) => z.string().trim().min(1).max(max);
const yuan = z.number().int().min(1).max(100_000_000);

export const ProductInput = z
  .object({
    bankAccountId: z.number().int().positive(),
    nameZh: text(100),
    nameEn: z.string().trim().max(200).optional(),
    eligibleTiers: z.array(z.string().min(1).max(20)).min(1).max(20),
    minAmount: yuan,
    maxAmount: yuan,
    rateTextZh: text(200),
    rateTextEn: z.string().trim().max(300).optional(),
  })
  .meta({ id: 'LoanProductCreate' });
export const ProductStatusBody = z.object({ status: z.enum(['active', 'withdrawn']) });

export const Sharable = z
  .enum(['name', 'tier', 'employer', 'degree', 'phone'])
  .meta({ id: 'LoanSharableField' });

export const LoanApplication = z
  .object({
    id: z.number().int(),
    product: LoanProduct,
    amount: z.number().int(),
    purpose: z.string(),
    consentFields: z.array(z.string()),
    consentText: z.string(),
    consentedAt: z.string(),
    shared: z.record(z.string(), z.unknown()).meta({ description: 'Exactly what the bank was shown' }),
    status: z.enum(['submitted', 'approved', 'declined', 'withdrawn']),
    approvedAmount: z.number().int().nullable(),
    decisionReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'LoanApplication' });
export const LoanApplicationList = z.object({ items: z.array(LoanApplication) });

export const LoanApplyBody = z
  .object({
    productId: z.number().int().positive(),
    amount: yuan,
    purpose: text(500),
    consent: z.object({ agreed: z.boolean(), fields: z.array(Sharable).min(1).max(5) }),
  })
  .meta({ id: 'LoanApplyInput' });

export const InboxQuery = z.object({
  status: z.enum(['submitted', 'approved', 'declined', 'withdrawn']).optional(),
});

export const LoanAnswerBody = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), amount: yuan, reason: z.string().trim().max(500).optional() }),
    z.object({ decision: z.literal('decline'), reason: text(500) }),
  ])
  .meta({ id: 'LoanAnswerInput' });
