/** Hooks of the talent services: 人才安居 (housing), 人才活动 (events), 人才贷 (loans), 青年人才储备库 (reserve). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { paths } from './schema';

type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type MyHousing = Ok<'/api/v1/d/{district}/housing/me', 'get'>;
export type Building = Ok<'/api/v1/d/{district}/housing/buildings', 'get'>['items'][number];
export type Apartment = Ok<'/api/v1/d/{district}/housing/apartments', 'get'>['items'][number];
export type QueueItem = Ok<'/api/v1/d/{district}/housing/queue', 'get'>['items'][number];
export type Lease = Ok<'/api/v1/d/{district}/housing/leases', 'get'>['items'][number];
export type ApartmentCreate = BodyOf<'/api/v1/d/{district}/housing/apartments', 'post'>;
export type EventItem = Ok<'/api/v1/d/{district}/events', 'get'>['items'][number];
export type MyRegistration = Ok<'/api/v1/d/{district}/events/registrations/mine', 'get'>['items'][number];
export type EventRegistration = Ok<
  '/api/v1/d/{district}/events/{eventId}/registrations',
  'get'
>['items'][number];
export type EventCreate = BodyOf<'/api/v1/d/{district}/events', 'post'>;
export type LoanProduct = Ok<'/api/v1/d/{district}/loans/products', 'get'>['items'][number];
export type LoanApplication = Ok<'/api/v1/d/{district}/loans/applications/mine', 'get'>['items'][number];
export type LoanApply = BodyOf<'/api/v1/d/{district}/loans/applications', 'post'>;
export type LoanAnswer = BodyOf<'/api/v1/d/{district}/loans/inbox/{applicationId}/answer', 'post'>;
export type ProductCreate = BodyOf<'/api/v1/d/{district}/loans/products', 'post'>;
export type BankAccount = Ok<'/api/v1/d/{district}/loans/banks', 'get'>['items'][number];
export type ReserveLevel = Ok<'/api/v1/d/{district}/reserve/levels', 'get'>['items'][number];
export type ReserveMember = Ok<'/api/v1/d/{district}/reserve/members', 'get'>['items'][number];
export type ReserveHistoryEntry = Ok<
  '/api/v1/d/{district}/reserve/members/{memberId}/history',
  'get'
>['items'][number];
export type ReviewBody = BodyOf<'/api/v1/d/{district}/reserve/members/{memberId}/review', 'post'>;

const d = (district: string) => ({ params: { path: { district } } });

/** Refetches every services query after a change (housing, events, loans and reserve share this cache prefix). */
function useChange<T, R>(fn: (input: T) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['services'] }) });
}

// ------------------------------------------------------------------ housing

export const useMyHousing = (district: string) =>
  useQuery({
    queryKey: ['services', 'housing', 'me', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/housing/me', d(district))),
  });
export const useBuildings = (district: string) =>
  useQuery({
    queryKey: ['services', 'housing', 'buildings', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/housing/buildings', d(district))),
  });
export const useApplyHousing = (district: string) =>
  useChange((building: string) =>
    call(api.POST('/api/v1/d/{district}/housing/applications', { ...d(district), body: { building } })),
  );
export const useWithdrawHousing = (district: string) =>
  useChange((applicationId: number) =>
    call(
      api.POST('/api/v1/d/{district}/housing/applications/{applicationId}/withdraw', {
        params: { path: { district, applicationId } },
      }),
    ),
  );
export const useApartments = (district: string) =>
  useQuery({
    queryKey: ['services', 'housing', 'apartments', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/housing/apartments', d(district))),
  });
export const useQueue = (district: string) =>
  useQuery({
    queryKey: ['services', 'housing', 'queue', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/housing/queue', d(district))),
  });
export const useLeases = (district: string) =>
  useQuery({
    queryKey: ['services', 'housing', 'leases', district],
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/housing/leases', {
          params: { path: { district }, query: { status: 'active' } },
        }),
      ),
  });
export const useCreateApartment = (district: string) =>
  useChange((body: ApartmentCreate) =>
    call(api.POST('/api/v1/d/{district}/housing/apartments', { ...d(district), body })),
  );
export const useSetApartmentStatus = (district: string) =>
  useChange((v: { apartmentId: number; status: 'vacant' | 'unavailable' }) =>
    call(
      api.PATCH('/api/v1/d/{district}/housing/apartments/{apartmentId}', {
        params: { path: { district, apartmentId: v.apartmentId } },
        body: { status: v.status },
      }),
    ),
  );
export const useAllocate = (district: string) =>
  useChange((apartmentId: number) =>
    call(
      api.POST('/api/v1/d/{district}/housing/apartments/{apartmentId}/allocate', {
        params: { path: { district, apartmentId } },
        body: {},
      }),
    ),
  );
export const useMoveOut = (district: string) =>
  useChange((v: { leaseId: number; reason: string }) =>
    call(
      api.POST('/api/v1/d/{district}/housing/leases/{leaseId}/end', {
        params: { path: { district, leaseId: v.leaseId } },
        body: { reason: v.reason },
      }),
    ),
  );

// ------------------------------------------------------------------ events

export const useEvents = (district: string, all = false) =>
  useQuery({
    queryKey: ['services', 'events', district, all],
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/events', {
          params: { path: { district }, query: all ? { all: 'true' } : {} },
        }),
      ),
  });
export const useMyRegistrations = (district: string) =>
  useQuery({
    queryKey: ['services', 'events', 'mine', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/events/registrations/mine', d(district))),
  });
export const useRegister = (district: string) =>
  useChange((eventId: number) =>
    call(
      api.POST('/api/v1/d/{district}/events/{eventId}/registrations', {
        params: { path: { district, eventId } },
      }),
    ),
  );
export const useCancelRegistration = (district: string) =>
  useChange((eventId: number) =>
    call(
      api.POST('/api/v1/d/{district}/events/{eventId}/registrations/cancel', {
        params: { path: { district, eventId } },
      }),
    ),
  );
export const useCreateEvent = (district: string) =>
  useChange((body: EventCreate) => call(api.POST('/api/v1/d/{district}/events', { ...d(district), body })));
export const useEventRegistrations = (district: string, eventId: number | undefined) =>
  useQuery({
    queryKey: ['services', 'events', 'registrations', district, eventId],
    enabled: eventId !== undefined,
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/events/{eventId}/registrations', {
          params: { path: { district, eventId: eventId ?? 0 } },
        }),
      ),
  });
export const useCheckIn = (district: string) =>
  useChange((v: { eventId: number; token: string }) =>
    call(
      api.POST('/api/v1/d/{district}/events/{eventId}/check-in', {
        params: { path: { district, eventId: v.eventId } },
        body: { token: v.token },
      }),
    ),
  );

// ------------------------------------------------------------------ loans

export const useLoanProducts = (district: string) =>
  useQuery({
    queryKey: ['services', 'loans', 'products', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/loans/products', d(district))),
  });
export const useMyLoans = (district: string) =>
  useQuery({
    queryKey: ['services', 'loans', 'mine', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/loans/applications/mine', d(district))),
  });
export const useApplyLoan = (district: string) =>
  useChange((body: LoanApply) =>
    call(api.POST('/api/v1/d/{district}/loans/applications', { ...d(district), body })),
  );
export const useLoanInbox = (district: string) =>
  useQuery({
    queryKey: ['services', 'loans', 'inbox', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/loans/inbox', d(district))),
  });
export const useAnswerLoan = (district: string) =>
  useChange((v: { applicationId: number; answer: LoanAnswer }) =>
    call(
      api.POST('/api/v1/d/{district}/loans/inbox/{applicationId}/answer', {
        params: { path: { district, applicationId: v.applicationId } },
        body: v.answer,
      }),
    ),
  );

// ------------------------------------------------------------------ reserve

export const useReserveLevels = (district: string) =>
  useQuery({
    queryKey: ['services', 'reserve', 'levels', district],
    queryFn: () => call(api.GET('/api/v1/d/{district}/reserve/levels', d(district))),
  });
export const useReserveMembers = (district: string, due: boolean) =>
  useQuery({
    queryKey: ['services', 'reserve', 'members', district, due],
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/reserve/members', {
          params: {
            path: { district },
            query: { status: 'active', ...(due ? { due: 'true' as const } : {}) },
          },
        }),
      ),
  });
export const useReserveHistory = (district: string, memberId: number | undefined) =>
  useQuery({
    queryKey: ['services', 'reserve', 'history', district, memberId],
    enabled: memberId !== undefined,
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/reserve/members/{memberId}/history', {
          params: { path: { district, memberId: memberId ?? 0 } },
        }),
      ),
  });
export const useNominate = (district: string) =>
  useChange((body: { talentId: number; levelId: number; note?: string }) =>
    call(api.POST('/api/v1/d/{district}/reserve/members', { ...d(district), body })),
  );
export const useRunCriteria = (district: string) =>
  useChange((levelId: number) =>
    call(
      api.POST('/api/v1/d/{district}/reserve/levels/{levelId}/criteria', {
        params: { path: { district, levelId } },
        body: {},
      }),
    ),
  );
export const useReview = (district: string) =>
  useChange((v: { memberId: number; body: ReviewBody }) =>
    call(
      api.POST('/api/v1/d/{district}/reserve/members/{memberId}/review', {
        params: { path: { district, memberId: v.memberId } },
        body: v.body,
      }),
    ),
  );
