import { z } from 'zod';

export const providerKinds = ['hospital', 'school', 'bank', 'park', 'transport', 'housing', 'other'] as const;

export const Provider = z
  .object({
    id: z.number().int(),
    district: z.string(),
    kind: z.enum(providerKinds),
    nameZh: z.string(),
    nameEn: z.string(),
    services: z.array(z.string()),
    active: z.boolean(),
    staff: z.array(z.string()).meta({ description: 'Usernames of the provider accounts that scan for it' }),
  })
  .meta({ id: 'Provider' });

export const ProviderList = z
  .object({
    items: z.array(Provider),
    services: z
      .array(z.object({ service: z.string(), name: z.string() }))
      .meta({ description: "The entitlement services of the district's tiers (what a provider may offer)" }),
  })
  .meta({ id: 'ProviderList' });

const Services = z
  .array(z.string().regex(/^[a-z0-9_]{1,64}$/))
  .min(1)
  .max(20);

export const CreateProvider = z
  .object({
    kind: z.enum(providerKinds),
    nameZh: z.string().trim().min(2).max(100),
    nameEn: z.string().trim().min(2).max(200),
    services: Services,
  })
  .meta({ id: 'CreateProvider' });

export const UpdateProvider = z
  .object({
    kind: z.enum(providerKinds).optional(),
    nameZh: z.string().trim().min(2).max(100).optional(),
    nameEn: z.string().trim().min(2).max(200).optional(),
    services: Services.optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'UpdateProvider' });

export const ProviderParams = z.object({
  district: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  providerId: z.coerce.number().int().positive(),
});

export const AddStaff = z
  .object({ username: z.string().trim().min(1).max(100) })
  .meta({ id: 'AddProviderStaff' });
