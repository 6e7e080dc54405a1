import type { WebhookEvent } from '@autocall/domain/schemas';
import type { Documented } from '../documented.ts';
import type { QueryParams, RequestBody, ResponseBody } from '../types.ts';

// Fallbacks mirror the API's replies (apps/api/src/routes/webhook-endpoints) until they are documented.
type EndpointReply = { id: string; url: string; events: WebhookEvent[]; createdAt: number };
type DeliveryReply = {
  id: string;
  event: WebhookEvent;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
};

export type WebhookEndpointList = Documented<ResponseBody<'/v1/webhooks', 'get'>, { items: EndpointReply[] }>;
export type WebhookEndpoint = WebhookEndpointList['items'][number];
// The new endpoint with its signing secret, shown once.
export type CreatedWebhookEndpoint = Documented<ResponseBody<'/v1/webhooks', 'post'>, EndpointReply & { secret: string }>;
export type CreateWebhookBody = RequestBody<'/v1/webhooks', 'post'>;
export type DeliveryPage = Documented<ResponseBody<'/v1/webhooks/{id}/deliveries', 'get'>, { items: DeliveryReply[]; nextCursor: string | null }>;
export type WebhookDelivery = DeliveryPage['items'][number];
export type DeliveryStatus = WebhookDelivery['status'];
export type DeliveryQuery = QueryParams<'/v1/webhooks/{id}/deliveries', 'get'>;
