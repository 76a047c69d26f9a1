import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';
import { queryKeys } from './api/queries';

/** One client for the app: 4xx never retried, and a 401 anywhere means the session has ended. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
      },
    },
    queryCache: new QueryCache({ onError: (error) => sessionEnded(error) }),
    mutationCache: new MutationCache({ onError: (error) => sessionEnded(error) }),
  });
  function sessionEnded(error: unknown) {
    if (error instanceof ApiError && error.status === 401 && client.getQueryData(queryKeys.me)) {
      client.setQueryData(queryKeys.me, null);
    }
  }
  return client;
}
