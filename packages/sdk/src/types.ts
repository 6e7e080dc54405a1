// Names for the bodies backend code handles most, derived from the generated `paths` by route
// (not by component name), so they follow the document as it grows.
import type { ErrorResponseJSON, HttpMethod, RequestBodyJSON, SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './generated/openapi.ts';

export type ApiPath = keyof paths;
export type ApiMethod<P extends ApiPath> = Extract<
  { [M in keyof paths[P]]: NonNullable<paths[P][M]> extends never ? never : M }[keyof paths[P]],
  HttpMethod
>;
type Operation<P extends ApiPath, M extends ApiMethod<P>> = NonNullable<paths[P][M]> & Record<string | number, any>;

// The JSON body of an operation's 2xx reply, of its JSON request, and of its 4xx/5xx replies.
export type ResponseBody<P extends ApiPath, M extends ApiMethod<P>> = SuccessResponseJSON<Operation<P, M>>;
export type RequestBody<P extends ApiPath, M extends ApiMethod<P>> = RequestBodyJSON<Operation<P, M>>;
export type ErrorBody<P extends ApiPath, M extends ApiMethod<P>> = ErrorResponseJSON<Operation<P, M>>;

// Every error body the API documents (one shared shape: code, message, details).
export type ApiError = { [P in ApiPath]: { [M in ApiMethod<P>]: ErrorBody<P, M> }[ApiMethod<P>] }[ApiPath];

export type CreateCampaignRequest = RequestBody<'/v1/campaigns', 'post'>;
export type CampaignCreated = ResponseBody<'/v1/campaigns', 'post'>;
export type Campaign = ResponseBody<'/v1/campaigns/{id}', 'get'>;
export type CampaignPage = ResponseBody<'/v1/campaigns', 'get'>;
export type CampaignPatch = RequestBody<'/v1/campaigns/{id}', 'patch'>;
export type CallPage = ResponseBody<'/v1/campaigns/{id}/calls', 'get'>;
export type CampaignCheck = ResponseBody<'/v1/campaigns/validate', 'post'>;
export type CallAgainRequest = RequestBody<'/v1/campaigns/{id}/call-again', 'post'>;
export type CampaignTimeline = ResponseBody<'/v1/campaigns/{id}/timeline', 'get'>;
export type SuppressionPage = ResponseBody<'/v1/suppressions', 'get'>;
export type BatchPage = ResponseBody<'/v1/campaigns/{id}/batches', 'get'>;
export type CampaignEventPage = ResponseBody<'/v1/campaigns/{id}/events', 'get'>;
export type WebhookEndpointRequest = RequestBody<'/v1/webhooks', 'post'>;
export type WebhookEndpointCreated = ResponseBody<'/v1/webhooks', 'post'>;
