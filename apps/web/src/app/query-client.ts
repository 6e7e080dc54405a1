import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/lib/api-error.ts';

// Server state lives here, not in a global store. `onUnauthorized` runs when the key stops working
// mid-session (revoked), so the user lands on sign-in instead of a page of errors.
export function createQueryClient(onUnauthorized: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error) && error.statusCode === 401) onUnauthorized();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // 4xx are answers, not outages: retrying them only delays the message.
        retry: (failures, error) => !(isApiError(error) && error.statusCode >= 400 && error.statusCode < 500) && failures < 2,
      },
    },
  });
}
