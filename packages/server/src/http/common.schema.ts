// Schemas shared by every module: the error envelope and the district path parameter.
import { z } from 'zod';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: z.string().meta({ description: "Human message in the caller's language (zh-CN default, en)" }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const DistrictParams = z.object({
  district: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,31}$/)
    .meta({ description: 'District code, e.g. wuxing' }),
});

/** Standard error responses to add to a route's schema. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
} as const;
