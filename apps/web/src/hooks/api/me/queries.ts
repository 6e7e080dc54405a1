import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, bearer } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import type { Me } from './types.ts';

export const meKeys = { all: ['me'] as const };

// Options, not only a hook: route guards use them with queryClient.ensureQueryData.
export const meQuery = () => queryOptions({ queryKey: meKeys.all, queryFn: () => fetchMe(), staleTime: 5 * 60_000 });

// With `apiKey`, checks a key that is not kept yet (sign-in); else the session's key.
export function fetchMe(apiKey?: string): Promise<Me> {
  return unwrap(api.GET('/v1/me', apiKey ? { headers: bearer(apiKey) } : {}));
}

export const useMe = () => useQuery(meQuery());
