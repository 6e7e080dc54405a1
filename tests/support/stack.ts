// An in-process stack for cross-component tests: the real API (listening on a port), a real
// worker, the OMICALL simulator as a real HTTP server, a private Postgres database and a private
// Redis key prefix.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/api/src/app.ts';
import { buildSimulator, simOptions, type SimFaultsPatch, type Simulator } from '../../apps/omicall-sim/src/index.ts';
import { startWorker, type RunningWorker } from '../../apps/worker/src/worker.ts';
import { createDatabase, ensureBootstrapKey, type Database } from '@autocall/db';
import { createQueues, type Queues } from '@autocall/jobs';
import { createLogger, type Logger } from '@autocall/logger';
import { createOmicallClient } from '@autocall/omicall';
import { createAutocallClient, type AutocallClient } from '@autocall/sdk';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix, type TestDatabase } from '@autocall/testing';

export const ADMIN_KEY = 'test-admin-key-0123456789';
export const WEBHOOK_SECRET = 'test-webhook-secret';

export type Stack = {
  apiUrl: string;
  simUrl: string;
  db: Database;
  queues: Queues;
  sim: Simulator;
  api: FastifyInstance;
  worker: RunningWorker;
  // The API through @autocall/sdk with the admin key, as an integrating backend drives it: a
  // contract change the SDK does not follow fails the tests that use it.
  client: AutocallClient;
  close(): Promise<void>;
};

export async function startStack(
  options: { faults?: SimFaultsPatch; seed?: number; outcomeTimeoutMs?: number; providerTimeoutMs?: number; logger?: Logger } = {},
): Promise<Stack> {
  const testDb: TestDatabase = await createTestDatabase();
  const db = createDatabase(testDb.url);
  const prefix = uniqueQueuePrefix();
  const redisUrl = testRedisUrl();
  const queues = createQueues({ redisUrl, prefix });
  const logger = options.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  await ensureBootstrapKey(db.prisma, ADMIN_KEY);

  const api = await buildApp({ prisma: db.prisma, pool: db.pool, queues, logger, maxCallsPerBatch: 50, defaultCountry: 'VN', webhookSecret: WEBHOOK_SECRET, allowPrivateWebhookTargets: true });
  const apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  const sim = await buildSimulator(
    simOptions({
      seed: options.seed ?? 7,
      faults: { webhookUrl: `${apiUrl}/v1/providers/omicall/webhook?token=${WEBHOOK_SECRET}`, ...options.faults },
    }),
  );
  const simUrl = await sim.listen(0, '127.0.0.1');
  const providerTimeoutMs = options.providerTimeoutMs ?? 5_000;
  const provider = createOmicallClient({ baseUrl: simUrl, apiKey: 'sim-api-key', timeoutMs: providerTimeoutMs, logger });
  const worker = startWorker({
    prisma: db.prisma,
    queues,
    redisUrl,
    provider,
    logger,
    concurrency: 4,
    providerTimeoutMs,
    outcomeTimeoutMs: options.outcomeTimeoutMs ?? 60_000,
    sweepIntervalMs: 1_000,
    // Test receivers listen on 127.0.0.1.
    webhooks: { allowPrivateTargets: true },
  });

  return {
    apiUrl,
    simUrl,
    db,
    queues,
    sim,
    api,
    worker,
    client: createAutocallClient({ baseUrl: apiUrl, apiKey: ADMIN_KEY }),
    async close() {
      await worker.close();
      await provider.close();
      await sim.close();
      await api.close();
      await queues.close();
      await db.close();
      await cleanupRedisPrefix(redisUrl, prefix);
      await testDb.drop();
    },
  };
}

export async function simJson<T>(stack: Stack, path: string): Promise<T> {
  const response = await fetch(`${stack.simUrl}${path}`);
  return (await response.json()) as T;
}
