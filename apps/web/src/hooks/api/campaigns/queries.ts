import { useEffect, useRef } from 'react';
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import type { CampaignDetail, CampaignEventPage, CampaignListQuery, CampaignPage, CampaignStatus, CampaignTimeline } from './types.ts';

// One key factory per resource: a campaign's timeline, events and numbers sit under its detail
// key, so invalidating `detail(id)` after an action refreshes the whole page.
export const campaignKeys = {
  all: ['campaigns'] as const,
  lists: () => [...campaignKeys.all, 'list'] as const,
  list: (query: CampaignListQuery) => [...campaignKeys.lists(), query] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...campaignKeys.detail(id), 'timeline'] as const,
  events: (id: string) => [...campaignKeys.detail(id), 'events'] as const,
};

// How often a page that shows something live asks again. TanStack Query stops interval refetches
// while the tab is hidden (refetchIntervalInBackground: false) and refetches on focus.
export const LIVE_REFRESH_MS = 3_000;
const LIVE: ReadonlySet<CampaignStatus> = new Set(['scheduled', 'running']);

// Live: the worker may still change it (calls in flight of a paused campaign still settle).
export const isLive = (campaign: Pick<CampaignDetail, 'status'> & { progress?: { inFlight: number } }) =>
  LIVE.has(campaign.status) || (campaign.progress?.inFlight ?? 0) > 0;

export const campaignsQuery = (query: CampaignListQuery = {}) =>
  queryOptions({
    queryKey: campaignKeys.list(query),
    queryFn: (): Promise<CampaignPage> => unwrap(api.GET('/v1/campaigns', { params: { query } })),
    // The next page keeps the previous one on screen until it arrives.
    placeholderData: keepPreviousData,
    // Only while a campaign on this page is scheduled or running: a list of finished ones is still.
    refetchInterval: (query) => (query.state.data?.items.some((c) => LIVE.has(c.status)) ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });

export const useCampaigns = (query: CampaignListQuery = {}) => useQuery(campaignsQuery(query));

export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: (): Promise<CampaignDetail> => unwrap(api.GET('/v1/campaigns/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data && isLive(query.state.data) ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });

export const useCampaign = (id: string) => useQuery(campaignQuery(id));

// A campaign that stops being live (completed, or its last call settled) stops the polling of
// everything under it: its numbers, chart and history are asked once more then, or they would
// keep showing what they last saw while it ran (numbers "ringing", batches "planned").
export function useRefreshWhenSettled(id: string, live: boolean) {
  const queryClient = useQueryClient();
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) {
      const detail = campaignKeys.detail(id);
      void queryClient.invalidateQueries({ queryKey: detail, predicate: (query) => query.queryKey.length > detail.length });
    }
    wasLive.current = live;
  }, [id, live, queryClient]);
}

// The chart data follows the campaign: refreshed while it is live, still otherwise.
export const useCampaignTimeline = (id: string, live: boolean) =>
  useQuery({
    queryKey: campaignKeys.timeline(id),
    queryFn: (): Promise<CampaignTimeline> => unwrap(api.GET('/v1/campaigns/{id}/timeline', { params: { path: { id } } })),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });

// The audit trail, oldest first (a campaign has a handful of events; the first page of 100 holds them).
export const useCampaignEvents = (id: string, live: boolean) =>
  useQuery({
    queryKey: campaignKeys.events(id),
    queryFn: (): Promise<CampaignEventPage> => unwrap(api.GET('/v1/campaigns/{id}/events', { params: { path: { id }, query: { limit: 100 } } })),
    refetchInterval: live ? LIVE_REFRESH_MS * 2 : false,
    refetchIntervalInBackground: false,
  });
