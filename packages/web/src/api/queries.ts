/** TanStack Query hooks over the typed client; one per endpoint the shell uses. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, call } from './client';
import type { User } from './types';

export const queryKeys = {
  meta: ['meta'] as const,
  me: ['me'] as const,
  demoAccounts: ['demo-accounts'] as const,
  audit: (district: string, before: number | undefined) => ['audit', district, before ?? null] as const,
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
