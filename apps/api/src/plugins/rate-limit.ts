import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { Queues } from '@autocall/jobs';
import { ApiError } from '../errors.ts';
import { secretFrom } from './auth.ts';

export type RateLimitOptions = {
  // Requests per minute per API key (per client address for requests without a key).
  perMinute: number;
  // Shared counters for every API process; without it each process counts on its own.
  redis?: Queues['connection'];
  // Key namespace in Redis, e.g. the deployment's queue prefix.
  prefix: string;
  // Requests never counted (app.ts: the provider's webhook deliveries that carry the right token).
  exempt?: (request: FastifyRequest) => boolean;
};

// The provider's webhooks come in bursts (a whole batch hangs up at once) from few addresses.
const WEBHOOK_FACTOR = 20;

// The key's hash, never the key itself, names the counter in Redis.
function limitKey(request: FastifyRequest): string {
  const secret = secretFrom(request);
  if (secret) return `key:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`;
  return `ip:${request.ip}`;
}

// Runs as the first onRequest hook, before authentication, so floods never reach Postgres.
// Health checks are exempt, and so are the provider's own webhook deliveries: refusing them would
// only make OMICALL send the outcomes again (or give up on them), and counting them cost a Redis
// round trip per cdr, ~13 % of the API's busy time under webhook load (`BENCH_PROFILE=1`). Requests
// to the webhook endpoint with a wrong token have their own, higher budget per address. When Redis
// is away requests are let through (skipOnError): Redis is a cache here, not a gate.
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    await app.register(rateLimit, {
      global: false,
      redis: options.redis,
      nameSpace: `${options.prefix}:ratelimit:`,
      skipOnError: true,
      timeWindow: 60_000,
      max: options.perMinute,
      keyGenerator: limitKey,
      errorResponseBuilder: (_request, context) =>
        new ApiError(429, 'rate_limited', `Too many requests: at most ${context.max} a minute; retry after ${context.after}.`),
    });
    const perKey = app.rateLimit();
    const webhooks = app.rateLimit({ max: options.perMinute * WEBHOOK_FACTOR, keyGenerator: (request) => `webhook:${request.ip}` });
    app.addHook('onRequest', async (request, reply) => {
      const route = request.routeOptions.url;
      if (route === '/healthz' || route === '/readyz' || options.exempt?.(request)) return;
      const limit = route?.startsWith('/v1/providers/') ? webhooks : perKey;
      return limit.call(app, request, reply);
    });
  },
  { name: 'rate-limit' },
);
