import type { RequestBody, ResponseBody } from '../types.ts';

// { phones: { accepted, duplicated, invalid, suppressed, invalidExamples }, plan: { batches, firstBatchAt, ... } }
export type CampaignCheck = ResponseBody<'/v1/campaigns/validate', 'post'>;
export type CampaignCheckPlan = CampaignCheck['plan'];
export type CreatedCampaign = ResponseBody<'/v1/campaigns', 'post'>;
export type CallAgainBody = RequestBody<'/v1/campaigns/{id}/call-again', 'post'>;
export type SourceCampaign = ResponseBody<'/v1/campaigns/{id}', 'get'>;
