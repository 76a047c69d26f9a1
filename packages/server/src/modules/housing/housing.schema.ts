// zod shapes of 人才安居's HTTP interface (validation, types and the OpenAPI contract in one place).
import { z } from 'zod';
import { DistrictParams } from '../../http/common.schema';

const id = z.coerce.number().int().positive();
export const ApartmentParams = DistrictParams.extend({ apartmentId: id });
export const ApplicationParams = DistrictParams.extend({ applicationId: id });
export const LeaseParams = DistrictParams.extend({ leaseId: id });

export const ApartmentStatus = z.enum(['vacant', 'let', 'unavailable']).meta({ id: 'ApartmentStatus' });

export const Apartment = z
  .object({
    id: z.number().int(),
    building: z.string(),
    unit: z.string(),
    areaSqm: z.number().int(),
    rentMonthly: z.number().int(),
    status: ApartmentStatus,
  })
  .meta({ id: 'Apartment' });

const text = (max: number) => z.string().trim().min(1).max(max);

export const ApartmentInput = z
  .object({
    building: text(60),
    unit: text(30),
    areaSqm: z.number().int().min(10).max(500),
    rentMonthly: z.number().int().min(0).max(100_000),
  })
  .meta({ id: 'ApartmentCreate' });

export const ApartmentChanges = ApartmentInput.partial()
  .extend({ status: z.enum(['vacant', 'unavailable']).optional() })
  .meta({ id: 'ApartmentChanges' });

export const ApartmentList = z.object({ items: z.array(Apartment) });

export const Building = z
  .object({
    building: z.string(),
    flats: z.number().int(),
    vacant: z.number().int(),
    waiting: z.number().int(),
    rent: z.object({ min: z.number(), max: z.number() }),
    area: z.object({ min: z.number(), max: z.number() }),
  })
  .meta({ id: 'HousingBuilding' });
export const BuildingList = z.object({ items: z.array(Building) });

export const HousingApplication = z
  .object({
    id: z.number().int(),
    talentId: z.number().int(),
    talentName: z.string(),
    building: z.string(),
    status: z.enum(['waiting', 'allocated', 'withdrawn', 'ended']),
    tier: z.string(),
    tierName: z.string(),
    childrenCount: z.number().int(),
    appliedAt: z.string(),
    position: z
      .number()
      .int()
      .nullable()
      .meta({ description: "1-based place in the building's queue while waiting" }),
    apartmentId: z.number().int().nullable(),
  })
  .meta({ id: 'HousingApplication' });
export const QueueList = z.object({ items: z.array(HousingApplication) });
export const QueueQuery = z.object({ building: z.string().min(1).max(60).optional() });

export const Lease = z
  .object({
    id: z.number().int(),
    applicationId: z.number().int(),
    talentId: z.number().int(),
    talentName: z.string(),
    apartment: Apartment,
    startDate: z.string(),
    endDate: z.string(),
    rentMonthly: z.number().int(),
    status: z.enum(['active', 'ended']),
    endedAt: z.string().nullable(),
    endReason: z.string().nullable(),
  })
  .meta({ id: 'Lease' });
export const LeaseList = z.object({ items: z.array(Lease) });
export const LeaseQuery = z.object({ status: z.enum(['active', 'ended']).optional() });

export const MyHousing = z
  .object({
    eligibility: z.object({ eligible: z.boolean(), reason: z.string(), policyId: z.string().nullable() }),
    tier: z.string(),
    tierName: z.string(),
    application: HousingApplication.nullable(),
    lease: Lease.nullable(),
  })
  .meta({ id: 'MyHousing' });

export const ApplyBody = z.object({ building: text(60) }).meta({ id: 'HousingApplyInput' });
export const AllocateBody = z
  .object({
    applicationId: z.number().int().positive().optional(),
    months: z.number().int().min(1).max(120).optional(),
  })
  .meta({ id: 'HousingAllocateInput' });
export const MoveOutBody = z.object({ reason: text(200) }).meta({ id: 'MoveOutInput' });
export const MoveOutResult = z.object({ ended: Lease, next: Lease.nullable() }).meta({ id: 'MoveOutResult' });
export const Deleted = z.object({ deleted: z.boolean() });
