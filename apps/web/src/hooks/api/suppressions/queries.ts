import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import type { SuppressionCount, SuppressionListQuery, SuppressionPage } from './types.ts';

export const suppressionKeys = {
  all: ['suppressions'] as const,
  lists: () => [...suppressionKeys.all, 'list'] as const,
  list: (query: SuppressionListQuery) => [...suppressionKeys.lists(), query] as const,
  count: () => [...suppressionKeys.all, 'count'] as const,
};

const fetchPage = (query: SuppressionListQuery): Promise<SuppressionPage> => unwrap(api.GET('/v1/suppressions', { params: { query } }));

export const suppressionsQuery = (query: SuppressionListQuery) =>
  queryOptions({ queryKey: suppressionKeys.list(query), queryFn: () => fetchPage(query), placeholderData: keepPreviousData });

// The list's size, whatever the search: one row asked for, `total` read. An API without `total`
// (before the console-api branch) is counted from one large page instead, as a lower bound past it.
const FALLBACK_PAGE = 1000;
export const suppressionCountQuery = () =>
  queryOptions({
    queryKey: suppressionKeys.count(),
    queryFn: async (): Promise<SuppressionCount> => {
      const first = await fetchPage({ limit: 1 });
      if (typeof first.total === 'number') return { count: first.total, atLeast: false };
      const page = await fetchPage({ limit: FALLBACK_PAGE });
      return { count: page.items.length, atLeast: page.nextCursor !== null };
    },
  });

export const useSuppressions = (query: SuppressionListQuery) => useQuery(suppressionsQuery(query));
export const useSuppressionCount = () => useQuery(suppressionCountQuery());
