import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { ClaimedBatch } from '@autocall/db';
import type { Queues } from '@autocall/jobs';
import type { DispatchMetrics } from './advance-campaign.ts';

export type DeliveryMetrics = {
  delivery(result: 'delivered' | 'retry' | 'failed', seconds: number): void;
};

export type WorkerMetrics = { registry: Registry; dispatch: DispatchMetrics; deliveries: DeliveryMetrics };

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

// A metric the API also defines (`npm start` runs both on one registry) is created once.
function once<T extends Metric>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

// The worker's metrics on a registry of its own (never the global one), so tests can run several
// workers in one process, or on the API's registry when both share a process.
export function createWorkerMetrics(options: { queues?: Queues; registry?: Registry } = {}): WorkerMetrics {
  const registry = options.registry ?? new Registry();
  if (!options.registry) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const batches = new Counter({ name: 'autocall_batches_dispatched_total', help: 'Batches accepted by the provider', registers });
  const numbers = new Counter({ name: 'autocall_numbers_dispatched_total', help: 'Numbers handed to the provider in accepted batches', registers });
  const slotLag = new Histogram({
    name: 'autocall_slot_lag_seconds',
    help: 'Actual dispatch time minus the planned slot time',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });
  const latency = new Histogram({
    name: 'autocall_provider_request_duration_seconds',
    help: 'OMICALL executeByPhone request duration by result kind',
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const errors = new Counter({
    name: 'autocall_provider_errors_total',
    help: 'OMICALL executeByPhone failures by kind (retryable, fatal, ambiguous) and code',
    labelNames: ['kind', 'code'],
    registers,
  });
  const outcomes = once(registry, 'autocall_call_outcomes_total', () =>
    new Counter({ name: 'autocall_call_outcomes_total', help: 'Call outcomes recorded (answered, not_answered, no_result, unknown)', labelNames: ['outcome'], registers }),
  );
  const deliveries = new Counter({
    name: 'autocall_webhook_deliveries_total',
    help: 'Outbound webhook delivery attempts by result (delivered, retry, failed)',
    labelNames: ['result'],
    registers,
  });
  const deliveryLatency = new Histogram({
    name: 'autocall_webhook_delivery_duration_seconds',
    help: 'Outbound webhook request duration',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers,
  });
  const queues = options.queues;
  if (queues) {
    once(registry, 'autocall_queue_jobs', () =>
      new Gauge({
        name: 'autocall_queue_jobs',
        help: 'Jobs in the campaign-wake queue by state (delayed = wakes waiting for their time)',
        labelNames: ['queue', 'state'],
        registers,
        async collect() {
          const counts = await queues.campaignWake.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: queues.campaignWake.name, state }, counts[state] ?? 0);
        },
      }),
    );
  }
  return {
    registry,
    dispatch: {
      batchSent(batch: ClaimedBatch, lagMs: number) {
        batches.inc();
        numbers.inc(batch.phones.length);
        slotLag.observe(Math.max(0, lagMs) / 1000);
      },
      providerResult(kind, code, seconds) {
        latency.observe({ kind }, seconds);
        if (kind !== 'accepted') errors.inc({ kind, code: code ?? 'none' });
      },
      callOutcomes(outcome, count) {
        outcomes.inc({ outcome }, count);
      },
    },
    deliveries: {
      delivery(result, seconds) {
        deliveries.inc({ result });
        deliveryLatency.observe(seconds);
      },
    },
  };
}

// Serves GET /metrics for a worker process (METRICS_PORT); the API serves its own on its port.
export async function startMetricsServer(registry: Registry, port: number, host = '0.0.0.0'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
