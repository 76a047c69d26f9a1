/** Queries of 人才需求发布 and 聚·人才: demands, review, recommendations, applying, applicants, the catalogue. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { paths } from './schema';

type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type DemandItem = Ok<'/api/v1/d/{district}/demands', 'get'>['items'][number];
export type Recommendation = Ok<'/api/v1/d/{district}/demands/recommended', 'get'>['items'][number];
export type Applicant = Ok<'/api/v1/d/{district}/demands/{demandId}/applicants', 'get'>['items'][number];
export type ShortageItem = Ok<'/api/v1/d/{district}/shortage-occupations', 'get'>['items'][number];
export type NewDemand = NonNullable<
  paths['/api/v1/d/{district}/demands']['post']['requestBody']
>['content']['application/json'];
export type DemandQuery = NonNullable<paths['/api/v1/d/{district}/demands']['get']['parameters']['query']>;

const keys = { all: ['demand'] as const };

export function useDemands(district: string, query: DemandQuery) {
  return useQuery({
    queryKey: ['demand', 'list', district, query],
    queryFn: () => call(api.GET('/api/v1/d/{district}/demands', { params: { path: { district }, query } })),
    placeholderData: (previous) => previous,
  });
}

export function useRecommended(district: string) {
  return useQuery({
    queryKey: ['demand', 'recommended', district],
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/demands/recommended', { params: { path: { district } } })),
  });
}

export function useApplicants(district: string, demandId: number | undefined) {
  return useQuery({
    queryKey: ['demand', 'applicants', district, demandId],
    enabled: demandId !== undefined,
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/demands/{demandId}/applicants', {
          params: { path: { district, demandId: demandId ?? 0 } },
        }),
      ),
  });
}

export function useCandidates(district: string, demandId: number | undefined) {
  return useQuery({
    queryKey: ['demand', 'candidates', district, demandId],
    enabled: demandId !== undefined,
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/demands/{demandId}/candidates', {
          params: { path: { district, demandId: demandId ?? 0 } },
        }),
      ),
  });
}

export function useShortage(district: string, all: boolean) {
  return useQuery({
    queryKey: ['demand', 'shortage', district, all],
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/shortage-occupations', {
          params: { path: { district }, query: all ? { all: 'true' } : {} },
        }),
      ),
  });
}

function useInvalidating<T, R>(fn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useCreateDemand(district: string) {
  return useInvalidating((body: NewDemand) =>
    call(api.POST('/api/v1/d/{district}/demands', { params: { path: { district } }, body })),
  );
}

export function useReviewDemand(district: string) {
  return useInvalidating(
    ({ demandId, decision, note }: { demandId: number; decision: 'publish' | 'reject'; note?: string }) =>
      call(
        api.POST('/api/v1/d/{district}/demands/{demandId}/review', {
          params: { path: { district, demandId } },
          body: note ? { decision, note } : { decision },
        }),
      ),
  );
}

export function useApply(district: string) {
  return useInvalidating((demandId: number) =>
    call(
      api.POST('/api/v1/d/{district}/demands/{demandId}/applications', {
        params: { path: { district, demandId } },
        body: {},
      }),
    ),
  );
}

export function useOptIn(district: string) {
  return useInvalidating((optedIn: boolean) =>
    call(api.PUT('/api/v1/d/{district}/job-seeking', { params: { path: { district } }, body: { optedIn } })),
  );
}

export function useSaveShortage(district: string) {
  return useInvalidating(
    (body: {
      year: number;
      occupation: string;
      scarcity: 'high' | 'medium' | 'low';
      category?: string | null;
    }) =>
      call(api.POST('/api/v1/d/{district}/shortage-occupations', { params: { path: { district } }, body })),
  );
}

export function usePublishShortage(district: string) {
  return useInvalidating((year: number) =>
    call(
      api.POST('/api/v1/d/{district}/shortage-occupations/publish', {
        params: { path: { district } },
        body: { year },
      }),
    ),
  );
}
