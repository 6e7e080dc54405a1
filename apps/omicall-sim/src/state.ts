import type { FastifyBaseLogger } from 'fastify';
import type { SimFaults, SimOptions } from './options.ts';
import { createRng } from './prng.ts';
import { createRecords, type Records } from './records.ts';
import { createTokenStore } from './tokens.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks.ts';

export type SimState = {
  options: SimOptions;
  faults: SimFaults;
  now: () => number;
  records: Records;
  tokens: ReturnType<typeof createTokenStore>;
  webhooks: WebhookDispatcher;
  /** Seeded stream for fault decisions, drawn in request order. */
  faultRng: () => number;
  /** Aborted on close so delayed replies (latency / timeout faults) do not hold the server open. */
  closing: AbortController;
};

export function createSimState(options: SimOptions, logger: FastifyBaseLogger): SimState {
  const now = options.now ?? Date.now;
  const state: SimState = {
    options,
    faults: { ...options.faults },
    now,
    records: createRecords(),
    tokens: createTokenStore(now),
    webhooks: createWebhookDispatcher({
      now,
      seed: options.seed,
      settings: () => state.faults,
      logger,
      ...(options.webhookConcurrency === undefined ? {} : { concurrency: options.webhookConcurrency }),
    }),
    faultRng: createRng(options.seed),
    closing: new AbortController(),
  };
  return state;
}

export function resetSimState(state: SimState) {
  state.records.reset();
  state.webhooks.reset();
  state.faultRng = createRng(state.options.seed);
}
