// zod bodies, params and responses of the talent record (一人一档): validation, OpenAPI and types in one.
import { z } from 'zod';

const district = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const TalentParams = z.object({ district, talentId: id });
export const EmploymentParams = z.object({ district, talentId: id, employmentId: id });

export const FactSource = z.enum(['self', 'employer', 'department', 'exchange']).meta({
  id: 'FactSource',
  description: '自主申报 self | 单位确认 employer | 部门核验 department | 数据共享 exchange',
});

export const Talent = z
  .object({
    id: z.number().int(),
    district: z.string(),
    name: z.string(),
    idKind: z.enum(['resident', 'permanent_resident']),
    idNumberMasked: z
      .string()
      .meta({ description: 'First and last character only, e.g. 3****************4' }),
    phoneMasked: z.string().nullable().meta({ description: '3 + 4, e.g. 138****5678' }),
    birthDate: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    hasAccount: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Talent' });

export const Fact = z
  .object({
    name: z.string(),
    value: z.unknown(),
    source: FactSource,
    documentIds: z.array(z.number().int()),
    verifiedBy: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TalentFact' });

export const Employment = z
  .object({
    id: z.number().int(),
    talentId: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    creditCode: z.string(),
    position: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    contractYears: z.number().int().nullable(),
    status: z.enum(['pending', 'confirmed', 'rejected', 'ended']),
    confirmedAt: z.string().nullable(),
  })
  .meta({ id: 'Employment' });

export const DocumentInfo = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    fileName: z.string(),
    mime: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
    facts: z.array(z.string()).meta({ description: 'The facts this document is evidence for' }),
  })
  .meta({ id: 'Document' });

export const TalentRecord = z
  .object({
    talent: Talent,
    facts: z.array(Fact),
    employments: z.array(Employment),
    documents: z.array(DocumentInfo),
    certification: z
      .object({ tier: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable() })
      .nullable()
      .meta({ description: 'The current certification (approved, valid today), if any' }),
  })
  .meta({ id: 'TalentRecord' });

export const RegisterTalent = z
  .object({
    name: z.string().max(50),
    idNumber: z
      .string()
      .max(40)
      .meta({ description: '身份证号 (GB 11643) or a permanent-residence number starting with 9' }),
    phone: z.string().max(30).optional(),
    username: z
      .string()
      .trim()
      .max(40)
      .optional()
      .meta({ description: 'Self-registration only: the new sign-in name' }),
    password: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'Self-registration only: at least 8 characters' }),
  })
  .meta({ id: 'RegisterTalent' });

export const TalentCreated = z.object({ talent: Talent, created: z.boolean() }).meta({ id: 'TalentCreated' });

const FactValue = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(100)).max(50),
]);

export const UpdateFacts = z
  .object({
    facts: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), FactValue)
      .refine((f) => Object.keys(f).length <= 60, { message: 'at most 60 facts' })
      .meta({ description: 'Fact name → value; null removes the fact' }),
    documentIds: z
      .record(z.string(), z.array(z.number().int()).max(20))
      .optional()
      .meta({ description: 'Fact name → evidence document ids' }),
  })
  .meta({ id: 'UpdateFacts' });

export const VerifyFacts = z
  .object({ names: z.array(z.string().max(64)).min(1).max(60) })
  .meta({ id: 'VerifyFacts', description: 'Facts a department checked against the evidence (部门核验)' });

export const ClaimEmployment = z
  .object({
    enterpriseId: z.number().int().positive().optional(),
    creditCode: z.string().max(30).optional(),
    position: z.string().trim().max(60).optional(),
    startDate: z.iso.date(),
    contractYears: z.number().int().min(0).max(50).optional(),
  })
  .meta({ id: 'ClaimEmployment' });

export const TalentListQuery = z.object({
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const TalentList = z
  .object({
    items: z.array(Talent),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'TalentList' });

export const Revealed = z
  .object({ idNumber: z.string(), phone: z.string().nullable() })
  .meta({ id: 'RevealedIdentity' });

const Option = z.object({ value: z.string(), label: z.string() });

export const ProfileOptions = z
  .object({
    sections: z.array(
      z.object({
        id: z.string(),
        fields: z.array(
          z.object({
            name: z.string(),
            type: z.string(),
            label: z.string(),
            displayOnly: z.boolean(),
            options: z.array(Option).nullable(),
          }),
        ),
      }),
    ),
    honours: z.array(Option).meta({ description: "Honour codes the district's catalogue and policies test" }),
  })
  .meta({ id: 'ProfileOptions' });
