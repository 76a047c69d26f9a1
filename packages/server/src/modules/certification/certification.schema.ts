// zod shapes of the certification routes: validation at the edge, response types, the OpenAPI document.
import { z } from 'zod';

const district = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
const tierId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/);

export const CertificationPath = z
  .enum(['catalogue', 'employer_nomination', 'expert_recommendation', 'quota', 'committee'])
  .meta({
    id: 'CertificationPath',
    description:
      'catalogue 目录认定 · employer_nomination 用人单位举荐 · expert_recommendation 院士/权威专家推荐(可提级) · quota 定向配额 · committee 小同行评议/人才评审委员会',
  });

export const CertificationStatus = z
  .enum(['department_review', 'committee_review', 'returned', 'approved', 'rejected', 'revoked'])
  .meta({ id: 'CertificationStatus' });

const TriStatus = z.enum(['pass', 'fail', 'unknown']);

export type CriterionTextShape = {
  text: string;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
  children?: CriterionTextShape[] | undefined;
};

export const CriterionText: z.ZodType<CriterionTextShape> = z
  .object({
    text: z.string(),
    status: TriStatus,
    actual: z.string().nullable().meta({ description: "The talent's value, as it reads" }),
    get children() {
      return z.array(CriterionText).optional();
    },
  })
  .meta({ id: 'CriterionText', description: 'A criterion as a sentence with its outcome' });

const NamedFact = z.object({ name: z.string(), label: z.string() });

export const CatalogueEvaluation = z
  .object({
    asOf: z.string(),
    catalogueName: z.string(),
    validityYears: z.number(),
    tier: z.string().meta({ description: 'The best tier whose criteria pass, or NONE' }),
    tierName: z.string(),
    definite: z.boolean(),
    tiers: z.array(
      z.object({
        tier: z.string(),
        name: z.string(),
        status: TriStatus,
        criteria: CriterionText,
        missing: z.array(NamedFact),
        entitlements: z.array(z.string()),
      }),
    ),
    missing: z.array(NamedFact),
  })
  .meta({ id: 'CatalogueEvaluation' });

export const TalentQuery = z.object({
  talentId: z.coerce.number().int().positive().optional().meta({
    description: "The talent (HR, reviewers, admins); a talent's own record when omitted",
  }),
});

export const Evaluation = z
  .object({
    talent: z.object({ id: z.number().int(), name: z.string() }),
    evaluation: CatalogueEvaluation,
    packVersion: z.object({ version: z.number().int(), label: z.string() }),
    tiers: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'CertificationEvaluation' });

const Document = z.object({
  id: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

export const CaseSummary = z
  .object({
    id: z.number().int(),
    caseCode: z.string(),
    talent: z.object({ id: z.number().int(), name: z.string() }),
    path: CertificationPath,
    pathLabel: z.string(),
    status: CertificationStatus,
    statusLabel: z.string(),
    requestedTier: z.string(),
    requestedTierName: z.string(),
    catalogueTier: z.string(),
    catalogueTierName: z.string(),
    tier: z.string().nullable(),
    tierName: z.string().nullable(),
    needsCommittee: z.boolean(),
    submittedBy: z.string(),
    submittedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    certificateNo: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedReason: z.string().nullable(),
    /** Approved, unrevoked and valid today. */
    current: z.boolean(),
  })
  .meta({ id: 'CertificationCase' });

const Event = z.object({
  id: z.number().int(),
  certificationId: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.string(),
  role: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

const RubricCriterion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  zh: z.string().min(1).max(60),
  en: z.string().min(1).max(80),
  weight: z.number().positive().max(100),
});

export const Rubric = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scale: z.enum(['percent', 'five']),
    criteria: z.array(RubricCriterion.extend({ name: z.string() })),
  })
  .meta({ id: 'CertificationRubric' });

export const CaseDetail = z
  .object({
    case: CaseSummary,
    recommender: z
      .object({ name: z.string().nullable(), title: z.string().nullable(), statement: z.string().nullable() })
      .nullable(),
    nominator: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    employer: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    evidence: z.array(Document),
    explanation: CatalogueEvaluation.nullable(),
    events: z.array(Event),
    panel: z
      .array(
        z.object({
          accountId: z.number().int(),
          username: z.string(),
          displayName: z.string(),
          scored: z.boolean(),
          total: z.number().nullable(),
          comment: z.string().nullable(),
        }),
      )
      .nullable()
      .meta({ description: 'The expert panel and its scores (administrators only)' }),
    averageScore: z.number().nullable(),
    scoringClosed: z.boolean(),
    rubric: Rubric.nullable(),
    actions: z.object({
      review: z.boolean(),
      resubmit: z.boolean(),
      drawPanel: z.boolean(),
      closeScoring: z.boolean(),
      decide: z.boolean(),
      revoke: z.boolean(),
      download: z.boolean(),
    }),
  })
  .meta({ id: 'CertificationCaseDetail' });

export const CaseParams = z.object({ district, id: z.coerce.number().int().positive() });

export const CaseListQuery = z.object({
  talentId: z.coerce.number().int().positive().optional(),
  status: CertificationStatus.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const CaseList = z
  .object({
    items: z.array(CaseSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'CertificationCaseList' });

export const ApplyBody = z
  .object({
    talentId: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Omitted by a talent applying for themselves' }),
    path: CertificationPath,
    tier: tierId.meta({ description: 'The tier applied for' }),
    documentIds: z
      .array(z.number().int().positive())
      .max(50)
      .optional()
      .meta({ description: "Evidence from the talent's documents on file; all of them when omitted" }),
    recommenderName: z.string().trim().min(1).max(60).optional(),
    recommenderTitle: z.string().trim().min(1).max(120).optional(),
    statement: z.string().trim().min(1).max(4000).optional(),
    enterpriseId: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: "定向配额: the employer whose quota is used (the talent's employer)" }),
  })
  .meta({ id: 'CertificationApply' });

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(100)
    .optional()
    .meta({ description: 'A retried submission with the same key returns the same case' }),
});

export const ReviewBody = z
  .object({
    decision: z.enum(['approve', 'reject', 'return']),
    reason: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'CertificationReview' });

export const ResubmitBody = z.object({
  documentIds: z.array(z.number().int().positive()).max(50).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const PanelBody = z.object({ size: z.number().int().min(1).max(15).default(3) });

export const DecideBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    tier: tierId.optional().meta({ description: 'The tier granted; the requested tier when omitted' }),
    reason: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'CertificationDecision' });

export const RevokeBody = z.object({ reason: z.string().trim().min(2).max(1000) });

export const Current = z
  .object({
    talentId: z.number().int().nullable(),
    certification: CaseSummary.nullable(),
    daysLeft: z.number().int().nullable(),
    entitlements: z.array(z.string()),
  })
  .meta({ id: 'CurrentCertification' });

export const History = z
  .object({
    talent: z.object({ id: z.number().int(), name: z.string() }),
    cases: z.array(CaseSummary),
    events: z.array(Event),
  })
  .meta({ id: 'CertificationHistory' });

export const CertificateParams = z.object({
  certificateNo: z
    .string()
    .regex(/^[A-Z0-9-]{6,64}$/)
    .meta({ description: 'Certificate number, e.g. RC-WUXING-2026-000012-7K3Q' }),
});

export const Verification = z
  .object({
    certificateNo: z.string(),
    status: z.enum(['valid', 'revoked', 'expired', 'not_yet_valid']),
    statusLabel: z.string(),
    holder: z.string().meta({ description: 'Masked name (first and last character)' }),
    tier: z.string(),
    tierName: z.string(),
    district: z.string(),
    districtName: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    revokedAt: z.string().nullable(),
    revokedReason: z.string().nullable(),
    checkedAt: z.string(),
  })
  .meta({ id: 'CertificateVerification' });

// ---------------------------------------------------------------- experts

export const ExpertTaskParams = z.object({
  district,
  caseCode: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{6,12}$/),
});

export const ExpertTaskList = z
  .object({
    items: z.array(
      z.object({
        caseCode: z.string(),
        pathLabel: z.string(),
        requestedTier: z.string(),
        requestedTierName: z.string(),
        status: CertificationStatus,
        statusLabel: z.string(),
        scored: z.boolean(),
        assignedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ExpertTaskList' });

export const ExpertTask = z
  .object({
    caseCode: z.string(),
    path: CertificationPath,
    pathLabel: z.string(),
    requestedTier: z.string(),
    requestedTierName: z.string(),
    catalogueTier: z.string(),
    catalogueTierName: z.string(),
    status: CertificationStatus,
    statusLabel: z.string(),
    explanation: CatalogueEvaluation.nullable(),
    evidence: z.array(z.object({ kind: z.string() })),
    recommendation: z.object({ title: z.string().nullable(), statement: z.string().nullable() }).nullable(),
    rubric: Rubric.nullable(),
    myScore: z
      .object({
        scores: z.record(z.string(), z.number()),
        total: z.number(),
        comment: z.string(),
        submittedAt: z.string(),
      })
      .nullable(),
    canScore: z.boolean(),
  })
  .meta({ id: 'ExpertTask', description: 'An anonymised case: no name, no ID number, no employer' });

export const ScoreBody = z
  .object({
    scores: z.record(z.string().max(32), z.number()),
    comment: z.string().trim().min(2).max(2000),
  })
  .meta({ id: 'ExpertScore' });

export const PoolExpert = z.object({
  accountId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  affiliation: z.string().nullable(),
  title: z.string().nullable(),
  fields: z.array(z.string()),
  active: z.boolean(),
});

export const ExpertPool = z
  .object({
    items: z.array(PoolExpert),
    candidates: z.array(
      z.object({ accountId: z.number().int(), username: z.string(), displayName: z.string() }),
    ),
    enterprises: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .meta({ id: 'ExpertPool' });

export const ExpertBody = z
  .object({
    username: z.string().trim().min(2).max(64),
    enterpriseId: z.number().int().positive().nullable().optional(),
    affiliation: z.string().trim().max(120).nullable().optional(),
    title: z.string().trim().max(120).nullable().optional(),
    fields: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    active: z.boolean().default(true),
  })
  .meta({ id: 'ExpertSave' });

export const RubricBody = z
  .object({
    nameZh: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().min(1).max(80),
    scale: z.enum(['percent', 'five']),
    criteria: z.array(RubricCriterion).min(1).max(12),
  })
  .meta({ id: 'RubricSave' });

export const RubricResponse = z.object({ rubric: Rubric.nullable() });

export const Quota = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  maxTier: z.string(),
  maxTierName: z.string(),
  total: z.number().int(),
  used: z.number().int(),
});

export const QuotaList = z
  .object({
    items: z.array(Quota),
    enterprises: z.array(z.object({ id: z.number().int(), name: z.string() })),
    tiers: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'CertificationQuotaList' });

export const QuotaBody = z
  .object({
    enterpriseId: z.number().int().positive(),
    year: z.number().int().min(2000).max(2100),
    maxTier: tierId,
    total: z.number().int().min(0).max(10_000),
  })
  .meta({ id: 'CertificationQuotaSave' });
