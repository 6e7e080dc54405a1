import { WEBHOOK_EVENTS } from '@autocall/domain/schemas';
import { z } from 'zod';

// The API's rules for an endpoint (apps/api/src/routes/webhook-endpoints): an http(s) URL of at most
// 2000 characters and at least one known event. The API also refuses private addresses; that
// answer comes back as a field error on `url`. Messages are translation keys of `webhooks`.
export const URL_MAX = 2000;
export const webhookSchema = z.object({
  url: z.string().trim().max(URL_MAX, 'register.urlTooLong').pipe(z.url({ protocol: /^https?$/, error: 'register.urlInvalid' })),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'register.eventsRequired'),
});
export type WebhookValues = z.infer<typeof webhookSchema>;
export type WebhookFormInput = z.input<typeof webhookSchema>;
