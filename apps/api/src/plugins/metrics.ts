import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { PrismaClient } from '@autocall/db';
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
export function createApiMetrics(deps: { prisma: PrismaClient; queues: Queues; registry?: Registry }): ApiMetrics {
  const registry = deps.registry ?? new Registry();
  if (!deps.registry) collectDefaultMetrics({ register: registry });
  const outcomes = once(registry, 'autocall_call_outcomes_total', () =>
    new Counter({ name: 'autocall_call_outcomes_total', help: 'Call outcomes recorded (answered, not_answered, no_result, unknown)', labelNames: ['outcome'], registers: [registry] }),
  );
  once(registry, 'autocall_queue_jobs', () => queueGauge(registry, deps.queues));
  once(registry, 'autocall_webhook_outbox_pending', () =>
    new Gauge({
      name: 'autocall_webhook_outbox_pending',
      help: 'Outbound webhook deliveries waiting to be delivered',
      registers: [registry],
      async collect() {
        const [row] = await deps.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`;
        this.set(row?.n ?? 0);
      },
    }),
  );
  return {
    registry,
    callOutcomes(list) {
      for (const o of list) outcomes.inc({ outcome: o.outcome === 'answered' ? 'answered' : 'not_answered' });
    },
  };
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
