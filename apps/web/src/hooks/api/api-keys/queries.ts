import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import type { ApiKeyListQuery } from './types.ts';

export const apiKeyKeys = {
  all: ['api-keys'] as const,
  list: (query: ApiKeyListQuery) => [...apiKeyKeys.all, 'list', query] as const,
};

export const apiKeysQuery = (query: ApiKeyListQuery) =>
  queryOptions({
    queryKey: apiKeyKeys.list(query),
    queryFn: () => unwrap(api.GET('/v1/admin/api-keys', { params: { query } })),
  });

export const useApiKeys = (query: ApiKeyListQuery) => useQuery(apiKeysQuery(query));
