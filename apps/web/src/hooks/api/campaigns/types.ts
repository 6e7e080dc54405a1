import type { QueryParams, RequestBody, ResponseBody } from '../types.ts';

// Typed from the OpenAPI document by path (never written by hand).
export type CampaignPage = ResponseBody<'/v1/campaigns', 'get'>;
export type CampaignListItem = CampaignPage['items'][number];
export type CampaignListQuery = QueryParams<'/v1/campaigns', 'get'>;
export type CampaignDetail = ResponseBody<'/v1/campaigns/{id}', 'get'>;
export type CampaignTimeline = ResponseBody<'/v1/campaigns/{id}/timeline', 'get'>;
export type CampaignEventPage = ResponseBody<'/v1/campaigns/{id}/events', 'get'>;
export type CampaignEvent = CampaignEventPage['items'][number];
export type CampaignPatchBody = RequestBody<'/v1/campaigns/{id}', 'patch'>;
export type CampaignStatus = CampaignDetail['status'];
