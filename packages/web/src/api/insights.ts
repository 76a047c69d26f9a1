/** Queries of 一图感知: the dashboard, the indicators, entered actuals and the refresh (typed by the contract). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { paths } from './schema';

type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Dashboard = Ok<'/api/v1/d/{district}/insights/dashboard', 'get'>;
export type IndicatorItem = Dashboard['indicators'][number];
export type DatasetName =
  paths['/api/v1/d/{district}/insights/export/{dataset}']['get']['parameters']['path']['dataset'];

export const insightsKeys = {
  dashboard: (district: string) => ['insights', 'dashboard', district] as const,
  history: (district: string, code: string) => ['insights', 'history', district, code] as const,
};

/** The whole dashboard; `refreshMs` re-reads it on an interval (the big screen). */
export function useDashboard(district: string, refetchMs?: number) {
  return useQuery({
    queryKey: insightsKeys.dashboard(district),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/insights/dashboard', { params: { path: { district } } })),
    refetchInterval: refetchMs,
    placeholderData: (previous) => previous,
  });
}

export function useActualHistory(district: string, code: string | undefined) {
  return useQuery({
    queryKey: insightsKeys.history(district, code ?? ''),
    enabled: Boolean(code),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/indicators/{code}/actuals', {
          params: { path: { district, code: code ?? '' } },
        }),
      ),
  });
}

export type ActualInput = { value: number; asOf: string; source: string; note?: string };

export function useEnterActual(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: ActualInput }) =>
      call(
        api.POST('/api/v1/d/{district}/indicators/{code}/actuals', {
          params: { path: { district, code } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['insights'] }),
  });
}

export function useRefreshInsights(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/d/{district}/insights/refresh', { params: { path: { district } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['insights'] }),
  });
}

/** The .xlsx export of one chart's figures (a plain link: the browser downloads it with the session cookie). */
export function exportUrl(district: string, dataset: DatasetName): string {
  return `/api/v1/d/${encodeURIComponent(district)}/insights/export/${dataset}`;
}
