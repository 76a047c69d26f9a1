// zod shapes of the youth reserve pool's HTTP interface.
import { z } from 'zod';
import { DistrictParams } from '../../http/common.schema';

const id = z.coerce.number().int().positive();
export const LevelParams = DistrictParams.extend({ levelId: id });
export const MemberParams = DistrictParams.extend({ memberId: id });

export const ReserveLevel = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    rank: z.number().int(),
    reviewMonths: z.number().int(),
    criteriaPolicyId: z.string().nullable(),
  })
  .meta({ id: 'ReserveLevel' });
export const LevelList = z.object({ items: z.array(ReserveLevel) });

export const LevelInput = z
  .object({
    code: z.string().regex(/^[a-z0-9_-]{1,30}$/),
    nameZh: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().max(120).optional(),
    rank: z.number().int().min(1).max(20),
    reviewMonths: z.number().int().min(1).max(60),
    criteriaPolicyId: z.string().min(3).max(120).nullable().optional(),
  })
  .meta({ id: 'ReserveLevelCreate' });
export const LevelChanges = LevelInput.omit({ code: true }).partial().meta({ id: 'ReserveLevelChanges' });

export const ReserveMember = z
  .object({
    id: z.number().int(),
    talentId: z.number().int(),
    talentName: z.string(),
    levelId: z.number().int(),
    levelName: z.string(),
    entryPath: z.enum(['nomination', 'criteria']),
    nominatedBy: z.string(),
    status: z.enum(['active', 'exited']),
    enteredAt: z.string(),
    nextReviewDate: z.string(),
    reviewDue: z.boolean(),
    exitedAt: z.string().nullable(),
    exitReason: z.string().nullable(),
  })
  .meta({ id: 'ReserveMember' });
export const MemberList = z.object({ items: z.array(ReserveMember) });
export const MemberQuery = z.object({
  status: z.enum(['active', 'exited']).optional(),
  levelId: z.coerce.number().int().positive().optional(),
  due: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const ReserveHistoryEntry = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    kind: z.enum(['entered', 'reviewed', 'level_changed', 'exited']),
    fromLevel: z.string().nullable(),
    toLevel: z.string().nullable(),
    note: z.string(),
    by: z.string(),
    at: z.string(),
  })
  .meta({ id: 'ReserveHistoryEntry' });
export const HistoryList = z.object({ items: z.array(ReserveHistoryEntry) });
export const MyReserve = z.object({
  member: ReserveMember.nullable(),
  history: z.array(ReserveHistoryEntry),
});

export const NominateBody = z
  .object({
    talentId: z.number().int().positive(),
    levelId: z.number().int().positive(),
    note: z.string().max(500).optional(),
  })
  .meta({ id: 'ReserveNominateInput' });
export const CriteriaBody = z
  .object({ talentId: z.number().int().positive().optional() })
  .meta({ id: 'ReserveCriteriaInput' });
export const CriteriaResult = z.object({
  admitted: z.number().int(),
  ineligible: z.number().int(),
  unknown: z.number().int(),
  alreadyMembers: z.number().int(),
  admittedTalentIds: z.array(z.number().int()),
});
export const ReviewBody = z
  .object({
    outcome: z.enum(['keep', 'change_level', 'exit']),
    levelId: z.number().int().positive().optional(),
    note: z.string().trim().min(1).max(500),
  })
  .meta({ id: 'ReserveReviewInput' });
export const ExitBody = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .meta({ id: 'ReserveExitInput' });
