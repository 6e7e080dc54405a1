import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch as undiciFetch } from 'undici';
import { claimDueDeliveries, recordDeliveryOutcome, type DeliveryOutcome, type DueDelivery, type PrismaClient } from '@autocall/db';
import { isPublicAddress, literalAddressOf, signWebhook, webhookBackoffMs } from '@autocall/domain';
import type { Logger } from '@autocall/logger';
import type { DeliveryMetrics } from './metrics.ts';

export type DelivererOptions = {
  prisma: PrismaClient;
  logger: Logger;
  now?: () => number;
  pollIntervalMs?: number;
  batchSize?: number;
  // Requests in flight at once, whatever the number of endpoints.
  concurrency?: number;
  timeoutMs?: number;
  // After this many failed attempts a delivery is given up (`failed`).
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  metrics?: DeliveryMetrics;
  // Receivers on loopback, private or link-local addresses are refused unless this is true
  // (WEBHOOK_ALLOW_PRIVATE_TARGETS): a tenant's URL must not reach into the deployment's network.
  allowPrivateTargets?: boolean;
};

// A refused target never becomes deliverable by retrying: the delivery fails at once.
const BLOCKED = 'blocked_address';

// Resolves names as usual, then refuses the connection if any address is not public. Checking
// at connect time (not at registration) also covers a name re-pointed to an internal address later.
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    const list = (addresses ?? []) as LookupAddress[];
    if (!error && list.some((a) => !isPublicAddress(a.address))) {
      error = Object.assign(new Error(`${hostname} resolves to a non-public address`), { code: BLOCKED }) as NodeJS.ErrnoException;
    }
    if (error) return callback(error, '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

export type WebhookDeliverer = {
  // One pass: claims due deliveries and sends them. Returns how many were attempted.
  deliverDue(): Promise<number>;
  stop(): Promise<void>;
};

// The outbox consumer. A loop of its own with its own concurrency, so a slow or dead receiver
// delays only other deliveries, never dispatching. Deliveries are at-least-once: a receiver
// de-duplicates with X-Autocall-Delivery.
export function startWebhookDeliverer(options: DelivererOptions, run = true): WebhookDeliverer {
  const now = options.now ?? Date.now;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 16;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const backoff = options.backoff ?? { baseMs: 10_000, maxMs: 3_600_000 };
  const dispatcher = options.allowPrivateTargets ? undefined : new Agent({ connect: { lookup: publicOnlyLookup } });
  const log = options.logger.child({ component: 'webhook-deliverer' });
  const stopping = new AbortController();

  async function deliverOne(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify({ id: String(delivery.id), type: delivery.eventType, createdAt: delivery.createdAt.getTime(), data: delivery.payload });
    const startedMs = now();
    let outcome: DeliveryOutcome;
    try {
      // An IP literal is never looked up, so it is checked here.
      const literal = literalAddressOf(new URL(delivery.url).hostname);
      if (dispatcher && literal !== null && !isPublicAddress(literal)) {
        throw Object.assign(new Error('webhook URL names a non-public address'), { cause: { code: BLOCKED } });
      }
      const response = await undiciFetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'autocall-scheduler-webhooks/1',
          'x-autocall-event': delivery.eventType,
          'x-autocall-delivery': String(delivery.id),
          'x-autocall-signature': signWebhook(delivery.secret, Math.floor(now() / 1000), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
      await response.body?.cancel();
      outcome = response.ok ? { kind: 'delivered', status: response.status } : failure(delivery, response.status, `http_${response.status}`);
    } catch (error) {
      const code = errorCode(error);
      outcome = code === BLOCKED ? { kind: 'failed', status: null, error: code } : failure(delivery, null, code);
    }
    const seconds = (now() - startedMs) / 1000;
    await recordDeliveryOutcome(options.prisma, delivery.id, outcome, now());
    options.metrics?.delivery(outcome.kind, seconds);
    // The URL may carry the receiver's own token: only its host is logged.
    const context = { deliveryId: String(delivery.id), event: delivery.eventType, attempt: delivery.attempts, host: hostOf(delivery.url) };
    if (outcome.kind === 'delivered') log.debug({ ...context, status: outcome.status }, 'webhook delivered');
    else log.warn({ ...context, status: outcome.status, error: outcome.error, final: outcome.kind === 'failed' }, 'webhook delivery failed');
  }

  function failure(delivery: DueDelivery, status: number | null, error: string): DeliveryOutcome {
    if (delivery.attempts >= maxAttempts) return { kind: 'failed', status, error };
    return { kind: 'retry', status, error, nextAttemptAtMs: now() + webhookBackoffMs(delivery.attempts, backoff) };
  }

  async function deliverDue(): Promise<number> {
    const due = await claimDueDeliveries(options.prisma, { nowMs: now(), limit: batchSize, leaseMs: timeoutMs + 30_000 });
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, due.length) }, async () => {
      while (next < due.length) {
        const delivery = due[next++]!;
        await deliverOne(delivery).catch((error: unknown) => log.error({ err: error, deliveryId: String(delivery.id) }, 'webhook delivery not recorded; it is retried after its lease'));
      }
    });
    await Promise.all(lanes);
    return due.length;
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let attempted = 0;
      try {
        attempted = await deliverDue();
      } catch (error) {
        log.warn({ err: error }, 'webhook outbox unavailable; trying again');
      }
      // A full batch means more may be due: go again at once.
      if (attempted < batchSize) await sleep(pollIntervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  }

  const running = run ? loop() : Promise.resolve();
  return {
    deliverDue,
    async stop() {
      stopping.abort();
      await running;
      await dispatcher?.close();
    },
  };
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    return error.name;
  }
  return 'error';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}
