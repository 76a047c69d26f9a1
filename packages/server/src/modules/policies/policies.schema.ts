import { z } from 'zod';

export const Audience = z.enum(['talent', 'enterprise']).meta({ id: 'Audience' });
export const GrantMode = z
  .enum(['apply', 'automatic'])
  .meta({ id: 'GrantMode', description: 'automatic = 免申即享, granted without an application' });
export const Verdict = z.enum(['eligible', 'ineligible', 'unknown']).meta({ id: 'Verdict' });

const PackVersion = z.object({
  version: z.number().int().meta({ description: 'Publication number of the district pack (1, 2, …)' }),
  label: z.string().meta({ description: 'The version inside pack.yaml, e.g. 2026.1.0' }),
});

const Effective = z.object({ from: z.string(), to: z.string().nullable() });

export const PolicyParams = z.object({
  district: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  policyId: z
    .string()
    .regex(/^[a-z0-9_.-]{1,120}$/)
    .meta({ description: 'Policy id, e.g. wuxing.housing.purchase' }),
});

export const PolicyListQuery = z.object({
  q: z.string().max(100).optional().meta({ description: 'Words to search, Chinese or English' }),
  audience: Audience.optional(),
  kind: z.string().max(40).optional(),
  department: z.string().max(100).optional(),
  grantMode: GrantMode.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

const Facet = z.object({ value: z.string(), count: z.number().int() });

export const PolicyList = z
  .object({
    items: z.array(
      z.object({
        policyId: z.string(),
        title: z.string(),
        summary: z.string().nullable(),
        audience: Audience,
        kind: z.string(),
        department: z.string().nullable(),
        grantMode: GrantMode,
        automatic: z.boolean(),
        illustrative: z
          .boolean()
          .meta({ description: 'The amount is an example (示例金额), not the official figure' }),
        amountText: z.string(),
        effective: Effective,
        inForce: z.boolean(),
        tags: z.array(z.string()),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({
      kinds: z.array(Facet.extend({ label: z.string() })),
      audiences: z.array(Facet),
      departments: z.array(z.string()),
    }),
    packVersion: PackVersion,
  })
  .meta({ id: 'PolicyList' });

export type ConditionTextShape = { text: string; children?: ConditionTextShape[] | undefined };

export const ConditionText: z.ZodType<ConditionTextShape> = z
  .object({
    text: z.string(),
    get children() {
      return z.array(ConditionText).optional();
    },
  })
  .meta({ id: 'ConditionText', description: 'A condition as a sentence, with its sub-conditions' });

export const PolicyDetail = z
  .object({
    policyId: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    originalText: z.string().nullable(),
    reference: z
      .object({ id: z.string(), title: z.string(), article: z.string() })
      .nullable()
      .meta({ description: 'The official document and article the policy comes from' }),
    department: z.string().nullable(),
    audience: Audience,
    kind: z.string(),
    effective: Effective,
    inForce: z.boolean(),
    conditions: ConditionText,
    amountText: z.string(),
    hasAmount: z.boolean(),
    schedule: z.array(z.object({ share: z.number(), text: z.string() })),
    materials: z.array(z.object({ id: z.string(), name: z.string(), optional: z.boolean() })),
    reviewStages: z.array(z.object({ id: z.string(), name: z.string(), days: z.number().nullable() })),
    grantMode: GrantMode,
    automatic: z.boolean(),
    exclusivity: z
      .object({
        group: z.string(),
        name: z.string(),
        resolution: z.enum(['highest', 'newest', 'priority']),
        resolutionText: z.string(),
        members: z.array(z.object({ policyId: z.string(), title: z.string() })),
      })
      .nullable(),
    fund: z.string().nullable(),
    stacksOn: z.array(z.object({ policyId: z.string(), title: z.string() })),
    illustrative: z.boolean(),
    packVersion: PackVersion,
  })
  .meta({ id: 'PolicyDetail' });

export const QuestionsQuery = z.object({
  audience: Audience,
  policyId: z
    .string()
    .regex(/^[a-z0-9_.-]{1,120}$/)
    .optional()
    .meta({ description: "Ask this policy's facts first" }),
  limit: z.coerce.number().int().min(1).max(100).default(15),
});

export const Questions = z
  .object({
    audience: Audience,
    items: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['boolean', 'integer', 'number', 'string', 'date', 'enum', 'string_list', 'money_map']),
        label: z.string(),
        values: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
        policyCount: z.number().int(),
      }),
    ),
    totalFacts: z.number().int().meta({ description: 'How many facts the policies use in all' }),
  })
  .meta({ id: 'Questions' });

const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

export const CalculateBody = z
  .object({
    audience: Audience,
    facts: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
        z.union([Scalar, z.null(), z.array(Scalar).max(50), z.record(z.string().max(120), z.number())]),
      )
      .refine((facts) => Object.keys(facts).length <= 100, { message: 'at most 100 facts' })
      .meta({ description: 'Fact name → value, e.g. { "degree": "phd", "birthDate": "1992-05-01" }' }),
    date: z.iso.date().optional().meta({ description: 'Evaluate as of this date (default: today in China)' }),
  })
  .meta({ id: 'Calculate' });

const NamedFact = z.object({ name: z.string(), label: z.string() });

export const Calculation = z
  .object({
    audience: Audience,
    asOf: z.string(),
    results: z.array(
      z.object({
        policyId: z.string(),
        title: z.string(),
        kind: z.string(),
        verdict: Verdict,
        amount: z.number().nullable().meta({ description: 'null when a fact the amount needs is missing' }),
        amountMissing: z.array(NamedFact),
        schedule: z.array(
          z.object({
            share: z.number(),
            amount: z.number().nullable(),
            dueDate: z.string(),
            state: z.enum(['due', 'pending', 'unknown']),
          }),
        ),
        missing: z.array(NamedFact).meta({ description: 'Unknown verdict: the facts that would decide it' }),
        reasons: z
          .array(z.string())
          .meta({ description: 'Ineligible: the conditions not met, as sentences' }),
        grantMode: GrantMode,
        automatic: z.boolean(),
        illustrative: z.boolean(),
        exclusivity: z.object({ group: z.string(), chosen: z.boolean() }).nullable(),
      }),
    ),
    groups: z.array(
      z.object({
        group: z.string(),
        name: z.string(),
        resolution: z.enum(['highest', 'newest', 'priority']),
        resolutionText: z.string(),
        chosen: z.string().nullable(),
        chosenTitle: z.string().nullable(),
        members: z.array(
          z.object({
            policyId: z.string(),
            title: z.string(),
            verdict: Verdict,
            amount: z.number().nullable(),
          }),
        ),
        undecided: z.boolean(),
      }),
    ),
    total: z.number().meta({ description: 'Sum of the eligible amounts after 就高不重复' }),
    totalComplete: z.boolean(),
    missing: z.array(NamedFact),
    counts: z.object({ eligible: z.number().int(), unknown: z.number().int(), ineligible: z.number().int() }),
    packVersion: PackVersion,
  })
  .meta({ id: 'Calculation' });
