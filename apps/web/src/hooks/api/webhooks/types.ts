import type { QueryParams, RequestBody, ResponseBody } from '../types.ts';

export type WebhookEndpointList = ResponseBody<'/v1/webhooks', 'get'>;
export type WebhookEndpoint = WebhookEndpointList['items'][number];
// The new endpoint with its signing secret, shown once.
export type CreatedWebhookEndpoint = ResponseBody<'/v1/webhooks', 'post'>;
export type CreateWebhookBody = RequestBody<'/v1/webhooks', 'post'>;
export type DeliveryPage = ResponseBody<'/v1/webhooks/{id}/deliveries', 'get'>;
export type WebhookDelivery = DeliveryPage['items'][number];
export type DeliveryStatus = WebhookDelivery['status'];
export type DeliveryQuery = QueryParams<'/v1/webhooks/{id}/deliveries', 'get'>;
