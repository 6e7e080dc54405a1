import type { QueryParams, ResponseBody } from '../types.ts';

// Typed from the OpenAPI document: `{ items, nextCursor }` once the list's response is documented.
export type CampaignPage = ResponseBody<'/v1/campaigns', 'get'>;
export type CampaignListQuery = QueryParams<'/v1/campaigns', 'get'>;
