// @autocall/sdk: a typed client for the autocall-scheduler API and outbound webhook verification.
// Browser-safe: nothing here imports a `node:` module (src/browser-safe.test.ts checks it).
export { createAutocallClient, type ApiKeySource, type AutocallClient, type AutocallClientOptions } from './client.ts';
export {
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TOLERANCE_SECONDS,
  type VerifyWebhookOptions,
  type WebhookHeaders,
} from './webhooks.ts';
export type * from './types.ts';
export type { components, operations, paths } from './generated/openapi.ts';
