import { z } from 'zod';

const District = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
export const DegreeValue = z.enum(['none', 'secondary', 'associate', 'bachelor', 'master', 'phd']);
export const Scarcity = z
  .enum(['high', 'medium', 'low'])
  .meta({ id: 'Scarcity', description: 'high 非常紧缺 | medium 比较紧缺 | low 紧缺' });

export const DemandParams = z.object({ district: District, demandId: z.coerce.number().int().positive() });
export const ShortageParams = z.object({
  district: District,
  shortageId: z.coerce.number().int().positive(),
});

export const CreateDemandBody = z
  .object({
    title: z.string().trim().min(2).max(100),
    occupation: z.string().trim().min(2).max(60),
    headcount: z.number().int().min(1).max(10_000),
    degree: DegreeValue.nullable().optional(),
    major: z.string().trim().max(60).nullable().optional(),
    experienceYears: z.number().int().min(0).max(50).nullable().optional(),
    salaryMin: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .nullable()
      .optional()
      .meta({ description: 'yuan per month' }),
    salaryMax: z.number().int().min(0).max(1_000_000).nullable().optional(),
    location: z.string().trim().max(100).nullable().optional(),
    deadline: z.iso.date().nullable().optional(),
    description: z.string().trim().max(4000).optional(),
  })
  .refine((b) => b.salaryMin == null || b.salaryMax == null || b.salaryMin <= b.salaryMax, {
    path: ['salaryMax'],
    message: 'salaryMax must not be below salaryMin',
  });

export const Demand = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    title: z.string(),
    occupation: z.string(),
    headcount: z.number().int(),
    degree: z.string().nullable(),
    major: z.string().nullable(),
    experienceYears: z.number().int().nullable(),
    salaryMin: z.number().int().nullable(),
    salaryMax: z.number().int().nullable(),
    location: z.string().nullable(),
    deadline: z.string().nullable(),
    description: z.string(),
    status: z.enum(['pending', 'published', 'rejected', 'closed']),
    reviewNote: z.string().nullable(),
    shortage: Scarcity.nullable().meta({
      description: 'Scarcity on the published shortage catalogue, if listed',
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'Demand' });

export const DemandListQuery = z.object({
  q: z.string().max(100).optional().meta({ description: 'Words to search, Chinese or English' }),
  occupation: z.string().max(60).optional(),
  status: z.enum(['pending', 'published', 'rejected', 'closed']).optional(),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: "HR: only my enterprise's demands, every status" }),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const DemandList = z.object({ items: z.array(Demand), total: z.number().int() });

export const ReviewBody = z.object({
  decision: z.enum(['publish', 'reject']),
  note: z.string().trim().max(500).optional(),
});

const Reason = z.object({
  code: z.string(),
  points: z.number(),
  max: z.number(),
  ok: z.boolean(),
  text: z.string(),
});

export const FitResult = z.object({ score: z.number().int(), reasons: z.array(Reason) });

export const Recommendation = z.object({
  demand: Demand,
  score: z.number().int(),
  reasons: z.array(Reason),
  applied: z.boolean(),
});
export const RecommendationList = z.object({ items: z.array(Recommendation), optedIn: z.boolean() });

export const ApplyBody = z.object({ note: z.string().trim().max(500).optional() });
export const Application = z.object({
  id: z.number().int(),
  demandId: z.number().int(),
  score: z.number().int(),
  reasons: z.array(Reason),
});

export const Applicant = z.object({
  id: z.number().int(),
  talentId: z.number().int(),
  name: z.string().meta({ description: 'Masked (first and last character)' }),
  score: z.number().int(),
  reasons: z.array(Reason),
  note: z.string().nullable(),
  appliedAt: z.string(),
});
export const ApplicantList = z.object({ items: z.array(Applicant) });

export const Candidate = z.object({
  talentId: z.number().int(),
  name: z.string(),
  score: z.number().int(),
  reasons: z.array(Reason),
});
export const CandidateList = z.object({ items: z.array(Candidate) });

export const OptInBody = z.object({ optedIn: z.boolean() });
export const OptIn = z.object({ optedIn: z.boolean() });

export const ShortageItem = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    code: z.string().nullable(),
    occupation: z.string(),
    category: z.string().nullable(),
    scarcity: Scarcity,
    status: z.enum(['draft', 'published']),
    note: z.string().nullable(),
  })
  .meta({ id: 'ShortageOccupation' });
export const ShortageList = z.object({ items: z.array(ShortageItem) });
export const ShortageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  all: z.enum(['true', 'false']).optional().meta({ description: 'Administrators: drafts too' }),
});
export const ShortageBody = z.object({
  year: z.number().int().min(2000).max(2100),
  occupation: z.string().trim().min(2).max(60),
  code: z.string().trim().max(20).nullable().optional(),
  category: z.string().trim().max(40).nullable().optional(),
  scarcity: Scarcity,
  note: z.string().trim().max(200).nullable().optional(),
});
export const ShortagePatch = ShortageBody.omit({ year: true }).partial();
export const PublishBody = z.object({ year: z.number().int().min(2000).max(2100) });
export const PublishResult = z.object({ year: z.number().int(), published: z.number().int() });
export const ImportResult = z.object({ imported: z.number().int(), year: z.number().int() });
export const ImportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
