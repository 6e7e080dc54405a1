export { buildSimulator, type Simulator } from './app.ts';
export {
  defaultFaults,
  faultsPatchSchema,
  faultsSchema,
  loadSimConfig,
  simOptions,
  type SimEnvConfig,
  type SimFaults,
  type SimFaultsPatch,
  type SimOptions,
} from './options.ts';
export { decideOutcome, type CallOutcome } from './prng.ts';
export type { DialSummary, RequestRecord } from './records.ts';
export { AUTH_PATH, EXECUTE_PATH } from './routes/provider.ts';
export type { SimState } from './state.ts';
export type { WebhookStats } from './webhooks.ts';
