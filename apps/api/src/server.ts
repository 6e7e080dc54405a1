import { loadConfig, runMain, type Config } from '@autocall/config';
import { createDatabase, ensureBootstrapKey } from '@autocall/db';
import { createQueues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import type { Registry } from 'prom-client';
import { buildApp } from './app.ts';

const API_DB_ACQUIRE_TIMEOUT_MS = 10_000;

// Runs one API process: `npm run start:api`. Several may run behind a load balancer.
export async function runApi(env: Record<string, string | undefined> = process.env, overrides: { webhookSecret?: string; config?: Config; metricsRegistry?: Registry } = {}) {
  const config = overrides.config ?? loadConfig(env);
  const logger = createLogger({ level: config.logLevel, name: 'api', format: config.logFormat });
  // A request waits at most API_DB_ACQUIRE_TIMEOUT_MS for a database connection, then gets 503 busy
  // with Retry-After, rather than queueing behind a burst until the client gives up.
  const db = createDatabase(config.databaseUrl, {
    acquireTimeoutMs: API_DB_ACQUIRE_TIMEOUT_MS,
    onError: (err) => logger.warn({ err }, 'postgres connection lost'),
  });
  const queues = createQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
  // Without a listener these go to stderr unformatted. The API keeps taking campaigns while Redis is
  // away (the sweep queues them later) and /readyz reports it.
  queues.campaignWake.on('error', (error) => logger.warn({ err: error.message }, 'redis is unreachable for the queues'));
  if (config.bootstrapApiKey) {
    const { tenantId } = await ensureBootstrapKey(db.prisma, config.bootstrapApiKey);
    logger.info({ tenantId }, 'bootstrap admin key is ready');
  }
  const webhookSecret = overrides.webhookSecret ?? config.omicall.webhookSecret;
  if (!webhookSecret) logger.warn('OMICALL_WEBHOOK_SECRET is not set: call webhooks will be refused');
  const app = await buildApp({
    prisma: db.prisma,
    pool: db.pool,
    metricsRegistry: overrides.metricsRegistry,
    queues,
    logger,
    maxCallsPerBatch: config.maxCallsPerBatch,
    defaultCountry: config.defaultCountry,
    webhookSecret,
    allowPrivateWebhookTargets: config.webhooks.allowPrivateTargets,
    rateLimit: { perMinute: config.rateLimitPerMinute, redis: queues.connection, prefix: config.queuePrefix },
  });
  await app.listen({ port: config.port, host: config.host });
  // The database and Redis close after the app, whose own close hooks (the outcome applier, the
  // statistics refresh) still use them: Fastify runs close hooks last-registered first, so a hook
  // added here would have closed them before those ran.
  return {
    app,
    async close() {
      await app.close();
      await queues.close();
      await db.close();
    },
  };
}

if (import.meta.main) await runMain('api', () => runApi());
