/** Hooks of 一键申领, review, 政策兑现 and station consent, over the typed client. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';

export type Application = components['schemas']['Application'];
export type ApplicationDetail = components['schemas']['ApplicationDetail'];

export const claimsKeys = {
  all: ['claims'] as const,
  preview: (district: string, policyId: string, talentId?: number) =>
    ['claims', 'preview', district, policyId, talentId ?? null] as const,
  mine: (district: string) => ['claims', 'mine', district] as const,
  grants: (district: string) => ['claims', 'grants', district] as const,
  detail: (district: string, id: number) => ['claims', 'detail', district, id] as const,
  queue: (district: string, overdue: boolean, all: boolean) =>
    ['claims', 'queue', district, overdue, all] as const,
  funds: (district: string) => ['claims', 'funds', district] as const,
  due: (district: string) => ['claims', 'due', district] as const,
  batches: (district: string) => ['claims', 'batches', district] as const,
  batch: (district: string, id: number) => ['claims', 'batch', district, id] as const,
  ledger: (district: string) => ['claims', 'ledger', district] as const,
  consents: (district: string) => ['claims', 'consents', district] as const,
  stations: (district: string) => ['claims', 'stations', district] as const,
  stationTalents: (district: string) => ['claims', 'station-talents', district] as const,
};

/** A fresh key per user action: retries of one action replay, a new action is new. */
export const newIdempotencyKey = () => `web-${crypto.randomUUID()}`;

function useInvalidateClaims() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: claimsKeys.all });
}

export function usePreview(district: string, policyId: string, talentId?: number) {
  return useQuery({
    queryKey: claimsKeys.preview(district, policyId, talentId),
    enabled: policyId !== '',
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/applications/preview', {
          params: { path: { district }, query: { policyId, talentId } },
        }),
      ),
  });
}

export function useApply(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (input: { policyId: string; talentId?: number; key: string }) =>
      call(
        api.POST('/api/v1/d/{district}/applications', {
          params: { path: { district } },
          headers: { 'Idempotency-Key': input.key },
          body: { policyId: input.policyId, talentId: input.talentId },
        }),
      ),
    onSuccess: done,
  });
}

export function useMyApplications(district: string) {
  return useQuery({
    queryKey: claimsKeys.mine(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/applications', { params: { path: { district } } })),
  });
}

export function useMyGrants(district: string, enabled = true) {
  return useQuery({
    queryKey: claimsKeys.grants(district),
    enabled,
    queryFn: () => call(api.GET('/api/v1/d/{district}/grants', { params: { path: { district } } })),
  });
}

export function useApplication(district: string, id: number) {
  return useQuery({
    queryKey: claimsKeys.detail(district, id),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/applications/{applicationId}', {
          params: { path: { district, applicationId: id } },
        }),
      ),
  });
}

export function useWithdraw(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (id: number) =>
      call(
        api.POST('/api/v1/d/{district}/applications/{applicationId}/withdraw', {
          params: { path: { district, applicationId: id } },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
          body: {},
        }),
      ),
    onSuccess: done,
  });
}

export function useResubmit(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (id: number) =>
      call(
        api.POST('/api/v1/d/{district}/applications/{applicationId}/resubmit', {
          params: { path: { district, applicationId: id } },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
    onSuccess: done,
  });
}

export function useReviewQueue(district: string, overdue: boolean, all: boolean) {
  return useQuery({
    queryKey: claimsKeys.queue(district, overdue, all),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/review/applications', {
          params: {
            path: { district },
            query: { overdue: overdue ? 'true' : undefined, all: all ? 'true' : undefined } as never,
          },
        }),
      ),
  });
}

export function useDecide(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (input: {
      id: number;
      action: 'approve' | 'return' | 'reject';
      reason?: string;
      stage?: number;
    }) =>
      call(
        api.POST('/api/v1/d/{district}/review/applications/{applicationId}/decision', {
          params: { path: { district, applicationId: input.id } },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
          body: { action: input.action, reason: input.reason, stage: input.stage },
        }),
      ),
    onSuccess: done,
  });
}

export function useBulkDecide(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (input: { ids: number[]; action: 'approve' | 'return'; reason?: string }) =>
      call(
        api.POST('/api/v1/d/{district}/review/applications/bulk', {
          params: { path: { district } },
          body: input,
        }),
      ),
    onSuccess: done,
  });
}

export function useFunds(district: string) {
  return useQuery({
    queryKey: claimsKeys.funds(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/funds', { params: { path: { district } } })),
  });
}

export function useSetBudget(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (input: { code: string; year: number; budget: number }) =>
      call(
        api.POST('/api/v1/d/{district}/funds', {
          params: { path: { district } },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
          body: input,
        }),
      ),
    onSuccess: done,
  });
}

export function useDueItems(district: string) {
  return useQuery({
    queryKey: claimsKeys.due(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/payments/due', { params: { path: { district } } })),
  });
}

export function useBatches(district: string) {
  return useQuery({
    queryKey: claimsKeys.batches(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/payment-batches', { params: { path: { district } } })),
  });
}

export function useBatch(district: string, id: number) {
  return useQuery({
    queryKey: claimsKeys.batch(district, id),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/payment-batches/{batchId}', {
          params: { path: { district, batchId: id } },
        }),
      ),
  });
}

export function useCreateBatch(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/d/{district}/payment-batches', {
          params: { path: { district } },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
          body: {},
        }),
      ),
    onSuccess: done,
  });
}

export function useMarkBatch(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (input: { batchId: number; results: { itemId: number; outcome: 'paid' | 'failed' }[] }) =>
      call(
        api.POST('/api/v1/d/{district}/payment-batches/{batchId}/results', {
          params: { path: { district, batchId: input.batchId } },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
          body: { results: input.results },
        }),
      ),
    onSuccess: done,
  });
}

export function useLedger(district: string) {
  return useQuery({
    queryKey: claimsKeys.ledger(district),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/ledger', {
          params: { path: { district }, query: { limit: 50 } as never },
        }),
      ),
  });
}

export function useRunAutomatic(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/d/{district}/grants/automatic', { params: { path: { district } } })),
    onSuccess: done,
  });
}

export function useStations(district: string) {
  return useQuery({
    queryKey: claimsKeys.stations(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/stations', { params: { path: { district } } })),
  });
}

export function useConsents(district: string) {
  return useQuery({
    queryKey: claimsKeys.consents(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/station-consents', { params: { path: { district } } })),
  });
}

export function useGrantConsent(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (input: {
      stationAccountId: number;
      scope: ('record' | 'documents' | 'claims')[];
      expiresAt: string;
    }) =>
      call(
        api.POST('/api/v1/d/{district}/station-consents', { params: { path: { district } }, body: input }),
      ),
    onSuccess: done,
  });
}

export function useRevokeConsent(district: string) {
  const done = useInvalidateClaims();
  return useMutation({
    mutationFn: (consentId: number) =>
      call(
        api.POST('/api/v1/d/{district}/station-consents/{consentId}/revoke', {
          params: { path: { district, consentId } },
        }),
      ),
    onSuccess: done,
  });
}

export function useStationTalents(district: string) {
  return useQuery({
    queryKey: claimsKeys.stationTalents(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/station/talents', { params: { path: { district } } })),
  });
}
