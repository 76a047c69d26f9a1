// Bodies, parameters and responses of the claims API (一键申领, review, 免申即享, station consent).
import { z } from 'zod';
import { DistrictParams } from '../../http/common.schema';

const Text = z.object({ zh: z.string(), en: z.string() });
const id = z.coerce.number().int().positive();

export const ApplicationParams = DistrictParams.extend({ applicationId: id });
export const ConsentParams = DistrictParams.extend({ consentId: id });

export const ApplyBody = z.object({
  policyId: z
    .string()
    .min(1)
    .max(120)
    .meta({ description: 'The policy to claim, e.g. wuxing.living.postdoc' }),
  talentId: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'A station names the talent it acts for' }),
});

export const PreviewQuery = z.object({
  policyId: z.string().min(1).max(120),
  talentId: z.coerce.number().int().positive().optional(),
});

export const WithdrawBody = z.object({ reason: z.string().max(500).optional() });

export const AttachBody = z.object({
  materialId: z.string().min(1).max(80),
  documentId: z.number().int().positive(),
});

export const DecideBody = z.object({
  action: z.enum(['approve', 'return', 'reject']),
  reason: z.string().max(1000).optional(),
  stage: z.number().int().min(0).optional().meta({ description: 'The stage index the reviewer saw' }),
});

export const BulkBody = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  action: z.enum(['approve', 'return']),
  reason: z.string().max(1000).optional(),
});

export const MineQuery = z.object({
  status: z.enum(['in_review', 'returned', 'approved', 'rejected', 'withdrawn']).optional(),
  talentId: z.coerce.number().int().positive().optional(),
});

export const QueueQuery = z.object({
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  all: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const Holder = z.union([
  z.object({ kind: z.literal('employer'), enterpriseId: z.number(), name: z.string() }),
  z.object({ kind: z.literal('department'), code: z.string() }),
]);

const Material = z.object({
  id: z.string(),
  name: Text,
  optional: z.boolean(),
  documentId: z.number().nullable(),
});

const StageView = z.object({
  id: z.string(),
  name: Text,
  holder: Holder,
  days: z.number(),
  holderName: Text,
  state: z.enum(['done', 'current', 'pending', 'returned', 'rejected', 'withdrawn']),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const Application = z
  .object({
    id: z.number(),
    policyId: z.string(),
    title: Text,
    subjectKind: z.enum(['talent', 'enterprise']),
    subjectName: z.string(),
    talentId: z.number().nullable(),
    enterpriseId: z.number().nullable(),
    status: z.enum(['in_review', 'returned', 'approved', 'rejected', 'withdrawn']),
    amount: z.number(),
    fundCode: z.string(),
    exclusivityGroup: z.string().nullable(),
    packVersionId: z.number(),
    currentStage: z.number(),
    holder: z.string().nullable(),
    stageDueAt: z.string().nullable(),
    overdue: z.boolean(),
    materials: z.array(Material),
    missingMaterials: z.array(z.string()),
    stationName: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Application' });

export const ApplicationList = z.object({ items: z.array(Application), total: z.number() });

export const Preview = z.object({
  policy: z.object({
    id: z.string(),
    title: Text,
    summary: Text.nullable(),
    audience: z.enum(['talent', 'enterprise']),
    grantMode: z.enum(['apply', 'automatic']),
    exclusivityGroup: z.string().nullable(),
  }),
  subject: z.object({
    kind: z.enum(['talent', 'enterprise']),
    name: z.string(),
    talentId: z.number().nullable(),
  }),
  actingStation: z.string().nullable(),
  verdict: z.enum(['eligible', 'ineligible', 'unknown']),
  summary: Text,
  missingFacts: z.array(z.string()),
  amount: z.number().nullable(),
  schedule: z.array(z.object({ share: z.number(), amount: z.number().nullable(), dueDate: z.string() })),
  materials: z.array(Material.extend({ fileName: z.string().nullable() })),
  stages: z.array(StageView),
  openApplicationId: z.number().nullable(),
  grantedAlready: z.boolean(),
  groupGrantedPolicy: z.string().nullable(),
  canApply: z.boolean(),
});

const FundView = z.object({
  id: z.number(),
  code: z.string(),
  year: z.number(),
  name: Text,
  budget: z.number(),
  committed: z.number(),
  paid: z.number(),
  remaining: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

const Payment = z.object({
  id: z.number(),
  instalment: z.number(),
  amount: z.number(),
  dueDate: z.string(),
  status: z.enum(['scheduled', 'in_batch', 'paid', 'failed']),
  paidAt: z.string().nullable(),
});

export const ApplicationDetail = Application.extend({
  stages: z.array(StageView),
  events: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      action: z.string(),
      stageId: z.string().nullable(),
      actorName: z.string(),
      actorRole: z.string().nullable(),
      stationName: z.string().nullable(),
      onBehalfOf: z.string().nullable(),
      reason: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  budget: z.object({ fund: FundView.nullable(), committed: z.boolean() }),
  grant: z.object({ id: z.number(), amount: z.number(), grantDate: z.string(), mode: z.string() }).nullable(),
  payments: z.array(Payment.extend({ conditional: z.boolean() })),
  can: z.object({ withdraw: z.boolean(), resubmit: z.boolean(), review: z.boolean() }),
}).meta({ id: 'ApplicationDetail' });

export const GrantList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      policyId: z.string(),
      title: Text,
      mode: z.enum(['apply', 'automatic']),
      amount: z.number(),
      grantDate: z.string(),
      applicationId: z.number().nullable(),
      payments: z.array(Payment),
    }),
  ),
});

export const Queue = z.object({
  items: z.array(Application.extend({ stage: z.object({ id: z.string(), name: Text }).nullable() })),
  total: z.number(),
});

export const BulkResult = z.object({
  results: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      status: z.string().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
  succeeded: z.number(),
});

export const AutomaticReport = z.object({
  district: z.string(),
  subjects: z.number(),
  granted: z.number(),
  skipped: z.array(z.object({ policyId: z.string(), subject: z.string(), reason: z.string() })),
});

// ---------------------------------------------------------------- stations

export const Consent = z.object({
  id: z.number(),
  talentId: z.number(),
  talentName: z.string().nullable(),
  stationAccountId: z.number(),
  stationName: z.string().nullable(),
  scope: z.array(z.enum(['record', 'documents', 'claims'])),
  expiresAt: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
export const ConsentList = z.object({ items: z.array(Consent) });

export const ConsentBody = z.object({
  stationAccountId: z.number().int().positive(),
  scope: z.array(z.enum(['record', 'documents', 'claims'])).min(1),
  expiresAt: z.iso
    .datetime({ offset: true })
    .meta({ description: 'When the consent ends (at most one year ahead)' }),
});

export const StationList = z.object({
  items: z.array(z.object({ accountId: z.number(), name: z.string(), username: z.string() })),
});

export { FundView };
