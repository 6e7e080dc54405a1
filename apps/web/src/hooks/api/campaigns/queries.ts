import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import type { CampaignListQuery, CampaignPage } from './types.ts';

// One key factory per resource: mutations invalidate `campaignKeys.all` (or narrower) after a change.
export const campaignKeys = {
  all: ['campaigns'] as const,
  lists: () => [...campaignKeys.all, 'list'] as const,
  list: (query: CampaignListQuery) => [...campaignKeys.lists(), query] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
};

export const campaignsQuery = (query: CampaignListQuery = {}) =>
  queryOptions({
    queryKey: campaignKeys.list(query),
    queryFn: (): Promise<CampaignPage> => unwrap(api.GET('/v1/campaigns', { params: { query } })),
    // The next page keeps the previous one on screen until it arrives.
    placeholderData: keepPreviousData,
  });

export const useCampaigns = (query: CampaignListQuery = {}) => useQuery(campaignsQuery(query));
