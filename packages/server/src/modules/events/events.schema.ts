// zod shapes of 人才活动's HTTP interface.
import { z } from 'zod';
import { DistrictParams } from '../../http/common.schema';

export const EventParams = DistrictParams.extend({ eventId: z.coerce.number().int().positive() });

export const TalentEvent = z
  .object({
    id: z.number().int(),
    title: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    description: z.string(),
    venue: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.number().int(),
    registered: z.number().int(),
    seatsLeft: z.number().int(),
    waiting: z.number().int(),
    eligibilityPolicyId: z.string().nullable(),
    status: z.enum(['open', 'cancelled']),
  })
  .meta({ id: 'TalentEvent' });

export const Registration = z
  .object({
    id: z.number().int(),
    eventId: z.number().int(),
    talentId: z.number().int(),
    talentName: z.string(),
    status: z.enum(['registered', 'waiting', 'cancelled']),
    registeredAt: z.string(),
    waitingPosition: z.number().int().nullable(),
    checkedInAt: z.string().nullable(),
  })
  .meta({ id: 'EventRegistration' });

export const EventListItem = TalentEvent.extend({
  mine: Registration.nullable().meta({ description: "The signed-in talent's open registration" }),
  eligibility: z.object({ eligible: z.boolean(), reason: z.string() }).nullable(),
}).meta({ id: 'EventListItem' });
export const EventList = z.object({ items: z.array(EventListItem) });
export const EventListQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .meta({ description: 'Administrators: include past events' }),
});

export const MyRegistrations = z.object({
  items: z.array(z.object({ registration: Registration, event: TalentEvent })),
});
export const CancelResult = z.object({
  cancelled: Registration,
  promotedRegistrationId: z.number().int().nullable(),
});
export const EventRegistrations = z.object({ event: TalentEvent, items: z.array(Registration) });

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });
export const EventInput = z
  .object({
    titleZh: text(120),
    titleEn: z.string().trim().max(200).optional(),
    descriptionZh: z.string().max(4000).optional(),
    descriptionEn: z.string().max(4000).optional(),
    venue: text(200),
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int().min(1).max(100_000),
    eligibilityPolicyId: z.string().min(3).max(120).nullable().optional(),
  })
  .meta({ id: 'EventInput' });
export const EventChanges = EventInput.partial()
  .extend({ status: z.enum(['open', 'cancelled']).optional() })
  .meta({ id: 'EventChanges' });

export const CheckInBody = z.object({ token: z.string().min(1).max(2000) }).meta({ id: 'CheckInInput' });
export const CheckInResult = z.object({ alreadyCheckedIn: z.boolean(), registration: Registration });
