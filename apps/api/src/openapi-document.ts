// The OpenAPI document this API serves at /docs/json, built without Postgres or Redis: the SDK's
// types are generated from it (`npm run sdk:generate`) and checked against it in CI.
import { loadConfig } from '@autocall/config';
import { createDatabase } from '@autocall/db';
import { createQueues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { Redis } from 'ioredis';
import { buildApp } from './app.ts';

// A socket path nothing listens on: BullMQ insists on connecting when a queue is created, and
// this makes that one attempt fail at once, without the network and without retries.
const NO_REDIS_SOCKET = '/nonexistent/autocall-openapi-document.sock';

// The document of an API started with default settings (limits such as MAX_CALLS_PER_BATCH show in
// it), whatever this shell exports, so two machines generate the same SDK.
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ DATABASE_URL: 'postgresql://offline.invalid/openapi', REDIS_URL: 'redis://offline.invalid' });
  // pg connects on the first query, and building the app runs none.
  const db = createDatabase(config.databaseUrl);
  const connection = new Redis({ path: NO_REDIS_SOCKET, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  connection.on('error', () => undefined);
  const queues = createQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, connection });
  queues.campaignWake.on('error', () => undefined);
  // As server.ts builds it, so every plugin that could add to the document is there.
  const app = await buildApp({
    prisma: db.prisma,
    pool: db.pool,
    queues,
    logger: createLogger({ level: 'silent' }),
    maxCallsPerBatch: config.maxCallsPerBatch,
    defaultCountry: config.defaultCountry,
    webhookSecret: undefined,
    allowPrivateWebhookTargets: config.webhooks.allowPrivateTargets,
    rateLimit: { perMinute: config.rateLimitPerMinute, redis: connection, prefix: config.queuePrefix },
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await queues.close();
    connection.disconnect();
    await db.close();
  }
}
