import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import { campaignKeys, LIVE_REFRESH_MS } from '../campaigns/queries.ts';
import type { CallFilter, CallPage, CallsQuery } from './types.ts';

export const CALLS_PAGE_SIZE = 50;

// Under the campaign's key: an action on the campaign refreshes its numbers too.
export const callKeys = {
  all: (campaignId: string) => [...campaignKeys.detail(campaignId), 'calls'] as const,
  page: (campaignId: string, query: CallsQuery) => [...callKeys.all(campaignId), query] as const,
};

// The API's query for a filter: statuses comma-separated, the number as typed (the API accepts a
// whole number in any form or its last digits).
export function callsQueryParams(filter: CallFilter): Pick<CallsQuery, 'status' | 'phone'> {
  const phone = filter.phone.trim();
  return {
    ...(filter.statuses.length > 0 ? { status: filter.statuses.join(',') } : {}),
    ...(phone ? { phone } : {}),
  };
}

// One page of numbers (never the whole list: a campaign may hold a million).
export function useCalls(campaignId: string, filter: CallFilter, cursor: string | undefined, live: boolean) {
  const query: CallsQuery = { ...callsQueryParams(filter), limit: CALLS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  return useQuery({
    queryKey: callKeys.page(campaignId, query),
    queryFn: (): Promise<CallPage> => unwrap(api.GET('/v1/campaigns/{id}/calls', { params: { path: { id: campaignId }, query } })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_REFRESH_MS * 2 : false,
    refetchIntervalInBackground: false,
  });
}
