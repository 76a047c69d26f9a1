// zod bodies, params and responses of enterprises (一企一册): validation, OpenAPI and types in one.
import { z } from 'zod';

const district = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const EnterpriseParams = z.object({ district, enterpriseId: id });
export const EnterpriseEmploymentParams = z.object({ district, enterpriseId: id, employmentId: id });

export const Scale = z.enum(['micro', 'small', 'medium', 'large']).meta({ id: 'EnterpriseScale' });
export const EnterpriseTag = z
  .enum(['high_tech', 'specialized_sme', 'above_scale', 'listed'])
  .meta({ id: 'EnterpriseTag', description: '高新技术企业 | 专精特新 | 规上企业 | 上市企业' });
export const CreditStatus = z
  .enum(['red', 'normal', 'black'])
  .meta({ id: 'CreditStatus', description: '红名单 | 正常 | 黑名单' });

export const Enterprise = z
  .object({
    id: z.number().int(),
    district: z.string(),
    creditCode: z.string(),
    name: z.string(),
    industry: z.string().nullable(),
    scale: Scale.nullable(),
    tags: z.array(EnterpriseTag),
    creditStatus: CreditStatus,
    whiteListed: z.boolean(),
    registeredInDistrict: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Enterprise' });

export const RegisterEnterprise = z
  .object({
    creditCode: z.string().max(40).meta({ description: '统一社会信用代码 (GB 32100)' }),
    name: z.string().trim().min(1).max(100),
    industry: z.string().trim().max(60).optional(),
    scale: Scale.optional(),
    registeredInDistrict: z.boolean().optional(),
    tags: z.array(EnterpriseTag).max(4).optional().meta({ description: 'Administrator only' }),
    creditStatus: CreditStatus.optional().meta({ description: 'Administrator only' }),
    whiteListed: z.boolean().optional().meta({ description: 'Administrator only' }),
  })
  .meta({ id: 'RegisterEnterprise' });

export const UpdateEnterprise = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    industry: z.string().trim().max(60).nullable().optional(),
    scale: Scale.nullable().optional(),
    registeredInDistrict: z.boolean().optional(),
    tags: z.array(EnterpriseTag).max(4).optional(),
    creditStatus: CreditStatus.optional(),
    whiteListed: z.boolean().optional(),
  })
  .meta({ id: 'UpdateEnterprise' });

export const EnterpriseListQuery = z.object({
  q: z.string().max(60).optional().meta({ description: 'Name fragment or the start of a credit code' }),
  creditStatus: CreditStatus.optional(),
  whiteListed: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const EnterpriseList = z
  .object({
    items: z.array(Enterprise),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'EnterpriseList' });

export const AddEmployee = z
  .object({
    name: z.string().trim().min(1).max(50),
    idNumber: z.string().max(40),
    phone: z.string().max(30).optional(),
    position: z.string().trim().max(60).optional(),
    startDate: z.iso.date(),
    contractYears: z.number().int().min(0).max(50).optional(),
  })
  .meta({ id: 'AddEmployee' });

export const RegisterQuery = z.object({
  status: z.enum(['pending', 'confirmed', 'rejected', 'ended']).optional(),
  q: z.string().max(50).optional(),
  tier: z.string().max(20).optional().meta({ description: 'A tier id, or NONE for no current tier' }),
  expiring: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Only entries with something expiring within 90 days' }),
});

export const RegisterEntry = z
  .object({
    employmentId: z.number().int(),
    talentId: z.number().int(),
    name: z.string(),
    idNumberMasked: z.string(),
    position: z.string().nullable(),
    startDate: z.string().nullable(),
    contractYears: z.number().int().nullable(),
    status: z.string(),
    tier: z.string().meta({ description: 'Current tier, or NONE' }),
    certificationStatus: z.string().nullable().meta({
      description: 'The latest certification case status (expired when approved and past its validity)',
    }),
    validTo: z.string().nullable(),
    expiring: z.array(z.object({ kind: z.enum(['certification', 'contract']), date: z.string() })),
  })
  .meta({ id: 'RegisterEntry' });

export const Register = z
  .object({
    enterprise: Enterprise,
    items: z.array(RegisterEntry),
    counts: z.object({
      confirmed: z.number().int(),
      pending: z.number().int(),
      certified: z.number().int(),
      expiring: z.number().int(),
    }),
  })
  .meta({ id: 'EnterpriseRegister' });

export const EmploymentDecision = z
  .object({ decision: z.enum(['confirm', 'reject']), reason: z.string().max(200).optional() })
  .meta({ id: 'EmploymentDecision' });
