import { z } from 'zod';
import { MatchingRun } from '../matching/matching.schema';

export const PackInputBody = z
  .object({
    files: z
      .record(z.string().max(300), z.string().max(500_000))
      .refine((f) => Object.keys(f).length <= 500, { message: 'at most 500 files' })
      .optional()
      .meta({ description: 'The pack folder: relative path → text (its top folder may be included)' }),
    source: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,80}$/)
      .optional()
      .meta({ description: 'Or: a pack directory on the server (packs/<source>)' }),
  })
  .refine((b) => (b.files === undefined) !== (b.source === undefined), {
    message: 'give either files or source',
    path: ['files'],
  })
  .meta({ id: 'PackInput' });

export const PackVersions = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        version: z.number().int(),
        label: z.string(),
        status: z.enum(['active', 'superseded']),
        publishedAt: z.string(),
        publishedBy: z.string(),
        policies: z.number().int(),
        contentHash: z.string(),
        subjectsDecided: z
          .number()
          .int()
          .meta({ description: 'Subjects whose current decision names this version' }),
        sameAs: z.string().nullable().meta({ description: 'A later version with the same files' }),
      }),
    ),
    sources: z.array(z.object({ id: z.string(), label: z.string(), policies: z.number().int() })),
  })
  .meta({ id: 'PackVersions' });

const Named = z.object({ policyId: z.string(), title: z.string() });
const Side = z.object({
  subjects: z.number().int(),
  sample: z.array(
    z.object({ name: z.string().meta({ description: 'masked' }), policies: z.array(z.string()) }),
  ),
});

export const PackPreview = z
  .object({
    candidate: z.object({
      label: z.string(),
      contentHash: z.string(),
      policies: z.number().int(),
      tests: z.number().int(),
      files: z.number().int(),
      alreadyPublishedAs: z.number().int().nullable(),
    }),
    active: z.object({ id: z.number().int(), version: z.number().int(), label: z.string() }).nullable(),
    asOf: z.string(),
    population: z.number().int(),
    policiesAdded: z.array(Named),
    policiesRemoved: z.array(Named),
    gains: Side,
    losses: Side,
    perPolicy: z.array(
      z.object({
        policyId: z.string(),
        title: z.string(),
        old: z.number().int(),
        next: z.number().int(),
        oldAmount: z.number(),
        nextAmount: z.number(),
      }),
    ),
    perFund: z.array(
      z.object({
        fund: z.string().nullable(),
        name: z.string(),
        old: z.number(),
        next: z.number(),
        change: z.number(),
      }),
    ),
  })
  .meta({ id: 'PackPreview' });

export const PackPublished = z
  .object({
    district: z.string(),
    version: z.number().int(),
    label: z.string(),
    contentHash: z.string(),
    policies: z.number().int(),
    published: z.boolean(),
    packVersionId: z.number().int(),
    run: MatchingRun,
  })
  .meta({ id: 'PackPublished' });
