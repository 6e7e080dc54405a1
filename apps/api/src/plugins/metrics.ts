import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import { LIVE_CAMPAIGN_STATUSES, readOpsStats, type OpsStats, type PrismaClient } from '@autocall/db';
import type { Queues } from '@autocall/jobs';

export type ApiMetrics = {
  registry: Registry;
  // Outcomes recorded from provider webhooks: answered, or not_answered (retried or failed).
  callOutcomes(outcomes: { outcome: 'answered' | 'retry' | 'failed' }[]): void;
};

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

// A metric shared with the worker (`npm start` runs both on one registry) is defined once.
function once<T extends Metric>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

// Per-app registry (never the global one), so tests can build several apps in one process.
// `registry` is passed in when the worker shares this process and its /metrics.
export function createApiMetrics(deps: { prisma: PrismaClient; queues: Queues; registry?: Registry; now?: () => number }): ApiMetrics {
  const registry = deps.registry ?? new Registry();
  if (!deps.registry) collectDefaultMetrics({ register: registry });
  const outcomes = once(registry, 'autocall_call_outcomes_total', () =>
    new Counter({ name: 'autocall_call_outcomes_total', help: 'Call outcomes recorded (answered, not_answered, no_result, unknown)', labelNames: ['outcome'], registers: [registry] }),
  );
  once(registry, 'autocall_queue_jobs', () => queueGauge(registry, deps.queues));
  databaseGauges(registry, deps.prisma, deps.now ?? Date.now);
  return {
    registry,
    callOutcomes(list) {
      for (const o of list) outcomes.inc({ outcome: o.outcome === 'answered' ? 'answered' : 'not_answered' });
    },
  };
}

// How long a scrape reuses what it read from Postgres: several gauges share one read, and
// scrapers polling every few seconds (or several Prometheus replicas) cost one read per interval.
const DB_READ_TTL_MS = 5_000;

// Gauges over what Postgres holds for the whole deployment (every API process shows the same
// values; panels and rules take max() across instances), read when scraped, never per request.
function databaseGauges(registry: Registry, prisma: PrismaClient, now: () => number): void {
  // The cache runs on the process's monotonic clock; `now` (the domain clock, fixed in tests)
  // only dates the deliveries.
  let cached: { atMs: number; stats: Promise<OpsStats> } | null = null;
  const read = (): Promise<OpsStats> => {
    const atMs = performance.now();
    if (!cached || atMs - cached.atMs >= DB_READ_TTL_MS) {
      const stats = readOpsStats(prisma, now());
      cached = { atMs, stats };
      // A failed read is not reused: the next scrape tries again.
      stats.catch(() => {
        if (cached?.stats === stats) cached = null;
      });
    }
    return cached.stats;
  };
  once(registry, 'autocall_campaigns', () =>
    new Gauge({
      name: 'autocall_campaigns',
      help: 'Campaigns not yet finished by status (scheduled, running, paused); finished ones are not counted',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const { campaignsByStatus } = await read();
        for (const status of LIVE_CAMPAIGN_STATUSES) this.set({ status }, campaignsByStatus.find((c) => c.status === status)?.campaigns ?? 0);
      },
    }),
  );
  once(registry, 'autocall_campaigns_paused_by_provider', () =>
    new Gauge({
      name: 'autocall_campaigns_paused_by_provider',
      help: 'Campaigns paused by the provider (a refusal, or provider_unavailable after repeated failures) by pause reason; they wait for a resume',
      labelNames: ['reason'],
      registers: [registry],
      async collect() {
        const { pausedByProvider } = await read();
        // A reason no campaign carries any more leaves the exposition instead of lingering.
        this.reset();
        for (const { reason, campaigns } of pausedByProvider) this.set({ reason }, campaigns);
      },
    }),
  );
  once(registry, 'autocall_webhook_outbox_pending', () =>
    new Gauge({
      name: 'autocall_webhook_outbox_pending',
      help: 'Outbound webhook deliveries waiting to be delivered',
      registers: [registry],
      async collect() {
        this.set((await read()).outboxPending);
      },
    }),
  );
  once(registry, 'autocall_webhook_outbox_oldest_due_age_seconds', () =>
    new Gauge({
      name: 'autocall_webhook_outbox_oldest_due_age_seconds',
      help: 'How long the oldest due outbound webhook delivery has waited for a worker to send it (0 when none is due)',
      registers: [registry],
      async collect() {
        const { outboxOldestDueAtMs } = await read();
        this.set(outboxOldestDueAtMs === null ? 0 : Math.max(0, now() - outboxOldestDueAtMs) / 1000);
      },
    }),
  );
}

export function queueGauge(registry: Registry, queues: Queues): Gauge {
  return new Gauge({
    name: 'autocall_queue_jobs',
    help: 'Jobs in the campaign-wake queue by state (delayed = wakes waiting for their time)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const counts = await queues.campaignWake.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) this.set({ queue: queues.campaignWake.name, state }, counts[state] ?? 0);
    },
  });
}

// GET /metrics (Prometheus text) plus a request duration histogram for every route.
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { metrics: ApiMetrics }) => {
    const { registry } = options.metrics;
    const duration = once(registry, 'autocall_http_request_duration_seconds', () =>
      new Histogram({
        name: 'autocall_http_request_duration_seconds',
        help: 'API request duration by route and status',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
    );
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url;
      if (!route || route === '/metrics') return;
      duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    const schema = {
      tags: ['operations'],
      operationId: 'getMetrics',
      summary: 'Prometheus metrics (text exposition format)',
      // Scraped by Prometheus, which sends no API key.
      security: [],
      response: { 200: { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: z.string() } } } },
    };
    app.get('/metrics', { schema }, async (_request, reply) => {
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics' },
);
