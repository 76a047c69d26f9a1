/** Hooks of the talent code (人才码): the talent's code and token, public verification, provider scans and uses, the district's codes, providers and usage. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { paths } from './schema';

type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type MyCode = Ok<'/api/v1/talent-code/me', 'get'>;
export type MyToken = Ok<'/api/v1/talent-code/me/token', 'get'>;
export type UseList = Ok<'/api/v1/talent-code/me/uses', 'get'>;
export type Verification = Ok<'/api/v1/talent-code/verify', 'post'>;
export type ScanResult = Ok<'/api/v1/talent-code/scan', 'post'>;
export type RecordedUse = Ok<'/api/v1/talent-code/uses', 'post'>;
export type CodeList = Ok<'/api/v1/d/{district}/talent-codes', 'get'>;
export type UsageReport = Ok<'/api/v1/d/{district}/talent-code/usage', 'get'>;
export type ProviderList = Ok<'/api/v1/d/{district}/providers', 'get'>;
export type Provider = ProviderList['items'][number];
export type CreateProvider = NonNullable<
  paths['/api/v1/d/{district}/providers']['post']['requestBody']
>['content']['application/json'];

export const talentCodeKeys = {
  me: ['talent-code', 'me'] as const,
  token: ['talent-code', 'token'] as const,
  myUses: ['talent-code', 'my-uses'] as const,
  providerUses: ['talent-code', 'provider-uses'] as const,
  myProvider: ['talent-code', 'my-provider'] as const,
  codes: (district: string) => ['talent-code', 'codes', district] as const,
  usage: (district: string) => ['talent-code', 'usage', district] as const,
  providers: (district: string) => ['talent-code', 'providers', district] as const,
  verify: (token: string) => ['talent-code', 'verify', token] as const,
};

export function useMyCode() {
  return useQuery({ queryKey: talentCodeKeys.me, queryFn: () => call(api.GET('/api/v1/talent-code/me')) });
}

/** This minute's token; the caller schedules the next fetch at `refreshAt`. */
export function useMyToken(enabled: boolean) {
  return useQuery({
    queryKey: talentCodeKeys.token,
    queryFn: () => call(api.GET('/api/v1/talent-code/me/token')),
    enabled,
    staleTime: 0,
    retry: 2,
  });
}

export function useMyUses(enabled = true) {
  return useQuery({
    queryKey: talentCodeKeys.myUses,
    queryFn: () => call(api.GET('/api/v1/talent-code/me/uses')),
    enabled,
  });
}

/** Public verification of a scanned token (the `/v/<token>` page). */
export function useVerification(token: string) {
  return useQuery({
    queryKey: talentCodeKeys.verify(token),
    queryFn: () => call(api.POST('/api/v1/talent-code/verify', { body: { token } })),
    retry: 1,
    staleTime: 0,
  });
}

export function useMyProvider() {
  return useQuery({
    queryKey: talentCodeKeys.myProvider,
    queryFn: () => call(api.GET('/api/v1/providers/me')),
    retry: false,
  });
}

export function useScan() {
  return useMutation({
    mutationFn: (token: string) => call(api.POST('/api/v1/talent-code/scan', { body: { token } })),
  });
}

export function useRecordUse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; service: string }) =>
      call(api.POST('/api/v1/talent-code/uses', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: talentCodeKeys.providerUses }),
  });
}

export function useProviderUses() {
  return useQuery({
    queryKey: talentCodeKeys.providerUses,
    queryFn: () => call(api.GET('/api/v1/talent-code/provider/uses')),
  });
}

export function useCodes(district: string) {
  return useQuery({
    queryKey: talentCodeKeys.codes(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/talent-codes', { params: { path: { district } } })),
  });
}

export function useRevokeCode(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      call(
        api.POST('/api/v1/d/{district}/talent-codes/{codeId}/revoke', {
          params: { path: { district, codeId: id } },
          body: { reason },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: talentCodeKeys.codes(district) }),
  });
}

export function useUsage(district: string) {
  return useQuery({
    queryKey: talentCodeKeys.usage(district),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/talent-code/usage', { params: { path: { district }, query: {} } })),
  });
}

export function useProviders(district: string) {
  return useQuery({
    queryKey: talentCodeKeys.providers(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/providers', { params: { path: { district } } })),
  });
}

export function useCreateProvider(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProvider) =>
      call(api.POST('/api/v1/d/{district}/providers', { params: { path: { district } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: talentCodeKeys.providers(district) }),
  });
}

export function useAddStaff(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, username }: { id: number; username: string }) =>
      call(
        api.POST('/api/v1/d/{district}/providers/{providerId}/staff', {
          params: { path: { district, providerId: id } },
          body: { username },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: talentCodeKeys.providers(district) }),
  });
}
