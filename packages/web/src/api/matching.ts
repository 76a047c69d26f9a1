/** Hooks of 政策找人, the inbox and pack publishing, over the typed client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components, paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type MyPolicies = components['schemas']['MyPolicies'];
export type MyPolicy = MyPolicies['items'][number];
export type MyPolicyGroup = MyPolicies['groups'][number];
export type Inbox = components['schemas']['Inbox'];
export type Notification = components['schemas']['Notification'];
export type PackVersions = components['schemas']['PackVersions'];
export type PackPreview = components['schemas']['PackPreview'];
export type PackPublished = components['schemas']['PackPublished'];
export type PackInput = components['schemas']['PackInput'];
export type MatchingRun = components['schemas']['MatchingRun'];
export type PolicyCounts = components['schemas']['PolicyCounts'];
export type PreviewError = Json<paths['/api/v1/d/{district}/packs/preview']['post']['responses'][400]>;

export const matchingKeys = {
  myPolicies: (district: string) => ['my-policies', district] as const,
  inbox: (district: string, unread: boolean) => ['inbox', district, unread] as const,
  unread: (district: string) => ['inbox-unread', district] as const,
  packs: (district: string) => ['packs', district] as const,
  runs: (district: string) => ['matching-runs', district] as const,
  counts: (district: string) => ['policy-counts', district] as const,
};

export function useMyPolicies(district: string) {
  return useQuery({
    queryKey: matchingKeys.myPolicies(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/me/policies', { params: { path: { district } } })),
  });
}

export function useInbox(district: string, unread: boolean) {
  return useQuery({
    queryKey: matchingKeys.inbox(district, unread),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/me/notifications', {
          params: { path: { district }, query: { unread: unread ? 'true' : 'false', limit: 50 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The unread count for the shell's badge, refreshed every minute and on focus. */
export function useUnreadCount(district: string, enabled = true) {
  return useQuery({
    queryKey: matchingKeys.unread(district),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/me/notifications/unread-count', { params: { path: { district } } })),
    refetchInterval: 60_000,
    enabled,
  });
}

function useInvalidateInbox(district: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['inbox', district] });
    void queryClient.invalidateQueries({ queryKey: matchingKeys.unread(district) });
  };
}

export function useMarkRead(district: string) {
  const invalidate = useInvalidateInbox(district);
  return useMutation({
    mutationFn: (notificationId: number) =>
      call(
        api.POST('/api/v1/d/{district}/me/notifications/{notificationId}/read', {
          params: { path: { district, notificationId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead(district: string) {
  const invalidate = useInvalidateInbox(district);
  return useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/d/{district}/me/notifications/read-all', { params: { path: { district } } })),
    onSuccess: invalidate,
  });
}

export function usePackVersions(district: string) {
  return useQuery({
    queryKey: matchingKeys.packs(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/packs', { params: { path: { district } } })),
  });
}

export function usePreviewPack(district: string) {
  return useMutation({
    mutationFn: (body: PackInput) =>
      call(api.POST('/api/v1/d/{district}/packs/preview', { params: { path: { district } }, body })),
  });
}

export function usePublishPack(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PackInput) =>
      call(api.POST('/api/v1/d/{district}/packs', { params: { path: { district } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: matchingKeys.packs(district) });
      void queryClient.invalidateQueries({ queryKey: matchingKeys.runs(district) });
      void queryClient.invalidateQueries({ queryKey: matchingKeys.counts(district) });
    },
  });
}

/** The runs, polled every second while one is queued or running. */
export function useRuns(district: string) {
  return useQuery({
    queryKey: matchingKeys.runs(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/matching/runs', { params: { path: { district } } })),
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false,
  });
}

export function useStartRun(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/d/{district}/matching/runs', { params: { path: { district } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: matchingKeys.runs(district) }),
  });
}

export function usePolicyCounts(district: string) {
  return useQuery({
    queryKey: matchingKeys.counts(district),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/matching/policy-counts', { params: { path: { district } } })),
  });
}
