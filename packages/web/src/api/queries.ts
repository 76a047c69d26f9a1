/** TanStack Query hooks over the typed client; one per endpoint the shell uses. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, call } from './client';
import type { paths } from './schema';
import type { Audience, Facts, User } from './types';

export const queryKeys = {
  meta: ['meta'] as const,
  me: ['me'] as const,
  demoAccounts: ['demo-accounts'] as const,
  audit: (district: string, before: number | undefined) => ['audit', district, before ?? null] as const,
  policies: (district: string, filters: PolicyFilters) => ['policies', district, filters] as const,
  policy: (district: string, policyId: string) => ['policy', district, policyId] as const,
  questions: (district: string, audience: Audience, policyId: string | undefined, limit: number) =>
    ['policy-questions', district, audience, policyId ?? null, limit] as const,
};

/** The library's search box and filters, as kept in the address bar (the list route's query, from the contract). */
export type PolicyFilters = Omit<
  NonNullable<paths['/api/v1/d/{district}/policies']['get']['parameters']['query']>,
  'page' | 'pageSize'
> & {
  page: number;
  pageSize: number;
};

/** Deployment facts: demo mode, version and the districts hosted. */
export function useMeta() {
  return useQuery({
    queryKey: queryKeys.meta,
    queryFn: () => call(api.GET('/api/v1/meta')),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<User | null> => {
      try {
        return (await call(api.GET('/api/v1/auth/me'))).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useDemoAccounts(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.demoAccounts,
    queryFn: async () => (await call(api.GET('/api/v1/auth/demo-accounts'))).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) =>
      (await call(api.POST('/api/v1/auth/login', { body }))).user,
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      queryClient.setQueryData(queryKeys.me, null);
      queryClient.removeQueries({
        predicate: (query) => !['meta', 'me'].includes(String(query.queryKey[0])),
      });
    },
  });
}

export function useAuditPage(district: string, before: number | undefined) {
  return useQuery({
    queryKey: queryKeys.audit(district, before),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/audit', {
          params: { path: { district }, query: before === undefined ? { limit: 50 } : { limit: 50, before } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useVerifyAudit(district: string) {
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/d/{district}/audit/verify', { params: { path: { district } } })),
  });
}

/** A page of the district's policies for a search and filters (public). */
export function usePolicies(district: string, filters: PolicyFilters) {
  return useQuery({
    queryKey: queryKeys.policies(district, filters),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/policies', { params: { path: { district }, query: filters } })),
    placeholderData: (previous) => previous,
  });
}

/** One policy in plain words (public). */
export function usePolicy(district: string, policyId: string) {
  return useQuery({
    queryKey: queryKeys.policy(district, policyId),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/policies/{policyId}', { params: { path: { district, policyId } } })),
  });
}

/** The calculator's questions for an audience, a chosen policy's first. */
export function usePolicyQuestions(
  district: string,
  audience: Audience,
  policyId: string | undefined,
  limit: number,
) {
  return useQuery({
    queryKey: queryKeys.questions(district, audience, policyId, limit),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/policies/questions', {
          params: {
            path: { district },
            query: policyId ? { audience, policyId, limit } : { audience, limit },
          },
        }),
      ),
    placeholderData: (previous) => previous,
    staleTime: 5 * 60_000,
  });
}

/** Runs the what-if calculator. */
export function useCalculate(district: string) {
  return useMutation({
    mutationFn: (body: { audience: Audience; facts: Facts }) =>
      call(api.POST('/api/v1/d/{district}/policies/calculate', { params: { path: { district } }, body })),
  });
}
