import { z } from 'zod';

const District = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);

export const IndicatorParams = z.object({
  district: District,
  code: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/)
    .meta({ description: 'Indicator code of the pack, e.g. T2-01' }),
});

export const IndicatorListQuery = z.object({
  plan: z
    .enum(['all', 'current'])
    .default('all')
    .meta({ description: 'current = only the plan in force (the indicators with the latest target year)' }),
});

export const ActualSource = z.enum(['computed', 'entered', 'plan']).meta({
  id: 'ActualSource',
  description:
    'computed = from Rencai records by a named metric; entered = by the administrator; plan = printed in the plan',
});

export const IndicatorItem = z
  .object({
    code: z.string(),
    name: z.string().meta({ description: "In the caller's language" }),
    unit: z.string(),
    category: z.string().nullable(),
    categoryName: z.string().nullable(),
    baseline: z.number().nullable(),
    baselineYear: z.number().int(),
    target: z.number().nullable(),
    targetYear: z.number().int(),
    actual: z.number().nullable(),
    actualSource: ActualSource.nullable(),
    actualSourceText: z
      .string()
      .nullable()
      .meta({ description: 'The metric computed, or the source the administrator named' }),
    actualAt: z.string().nullable().meta({ description: 'Date (or year) the actual describes' }),
    computedFrom: z
      .string()
      .nullable()
      .meta({ description: 'Metric name from indicators.yaml computed_from' }),
    progress: z.number().nullable().meta({ description: '完成度: actual ÷ target' }),
    currentPlan: z.boolean(),
    source: z
      .string()
      .nullable()
      .meta({ description: 'Where the baseline and target are printed (plan 表2)' }),
  })
  .meta({ id: 'Indicator' });

export const IndicatorList = z.object({ items: z.array(IndicatorItem) }).meta({ id: 'IndicatorList' });

export const EnterActualBody = z.object({
  value: z.number().finite(),
  asOf: z.iso.date().meta({ description: 'The date the value describes (YYYY-MM-DD), not in the future' }),
  source: z.string().trim().min(2).max(200).meta({ description: 'e.g. 2025年吴兴区统计公报' }),
  note: z.string().trim().max(500).optional(),
});

export const EnteredActual = z
  .object({
    id: z.number().int(),
    code: z.string(),
    value: z.number(),
    asOf: z.string(),
    source: z.string(),
    note: z.string().nullable(),
    enteredBy: z.string(),
    enteredAt: z.string(),
  })
  .meta({ id: 'EnteredActual' });

export const EnteredActualList = z.object({ items: z.array(EnteredActual) });

const Slice = z.object({ key: z.string(), label: z.string(), value: z.number() });
const MonthValue = z.object({ month: z.string(), value: z.number() });

export const Dashboard = z
  .object({
    district: z.string(),
    refreshedAt: z.string().nullable(),
    refreshMs: z.number().nullable(),
    talents: z.number(),
    certified: z.number(),
    tiers: z.array(Slice),
    categories: z.array(Slice),
    industries: z.array(Slice),
    registrations: z.array(z.object({ month: z.string(), new: z.number(), total: z.number() })),
    arrivals: z.array(MonthValue),
    funds: z.array(
      z.object({
        code: z.string(),
        year: z.number().int(),
        name: z.string(),
        budget: z.number().meta({ description: 'yuan' }),
        committed: z.number(),
        paid: z.number(),
        burn: z.number().nullable().meta({ description: '(committed) ÷ budget' }),
      }),
    ),
    grants: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        count: z.number(),
        amount: z.number(),
        paid: z.number(),
      }),
    ),
    grantsByMonth: z.array(z.object({ month: z.string(), granted: z.number(), paid: z.number() })),
    stages: z.array(
      z.object({
        stage: z.string(),
        name: z.string(),
        limitDays: z.number(),
        avgDays: z.number().nullable(),
        done: z.number(),
        open: z.number(),
        overdue: z.number(),
      }),
    ),
    demandSupply: z.array(
      z.object({ occupation: z.string(), demand: z.number(), supply: z.number(), posts: z.number() }),
    ),
    indicators: z.array(IndicatorItem),
    index: z.object({
      current: z.number().nullable(),
      month: z.string().nullable(),
      series: z.array(MonthValue),
    }),
  })
  .meta({ id: 'Dashboard' });

export const DatasetParams = z.object({
  district: District,
  dataset: z.enum([
    'tiers',
    'categories',
    'industries',
    'registrations',
    'arrivals',
    'funds',
    'grants',
    'stages',
    'demandSupply',
    'indicators',
    'index',
  ]),
});

export const IndicatorSeries = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      target: z.number().nullable(),
      series: z.array(z.object({ month: z.string(), actual: z.number(), progress: z.number().nullable() })),
    }),
  ),
});

export const IndexSeries = z.object({
  formula: z.string(),
  items: z.array(
    z.object({
      month: z.string(),
      value: z.number(),
      components: z.array(
        z.object({
          code: z.string(),
          actual: z.number(),
          baseline: z.number(),
          target: z.number(),
          score: z.number(),
          weight: z.number(),
        }),
      ),
    }),
  ),
});

export const RefreshReport = z.object({
  district: z.string(),
  steps: z.number().int(),
  durationMs: z.number(),
  talents: z.number().int(),
});
