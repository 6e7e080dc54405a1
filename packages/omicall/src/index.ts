export { createOmicallClient, buildExecuteBody } from './client.ts';
export type { DispatchResult, ExecuteByPhoneRequest, OmicallClient, OmicallClientOptions, OmicallLogger } from './types.ts';
export { classifyExecuteReply, parseEnvelope, parseRetryAfter, sessionIdOf, type Envelope } from './envelope.ts';
export { classifyNetworkError, type NetworkFailure } from './network.ts';
export { maskPhone, redactDigits, phoneSample } from './redact.ts';
export { tokenExpiresAt } from './token.ts';
export * from './assumptions.ts';
export {
  classifyCdr,
  omicallWebhookSchema,
  parseOmicallWebhook,
  webhookDedupeKey,
  type CallOutcomeClass,
  type OmicallWebhook,
} from './webhook.ts';
