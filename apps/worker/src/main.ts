import { loadConfig, runMain } from '@autocall/config';
import { createDatabase } from '@autocall/db';
import { createQueues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { createOmicallClient } from '@autocall/omicall';
import type { Registry } from 'prom-client';
import { crashHookFromEnv } from './fault-injection.ts';
import { createWorkerMetrics, startMetricsServer } from './metrics.ts';
import { startWorker } from './worker.ts';

// Runs one worker process: `npm run start:worker`. Any number of them may share one Redis and
// one Postgres.
// `metricsRegistry`: the API's registry when both run in one process (`npm start`).
export async function runWorker(env: Record<string, string | undefined> = process.env, overrides: { metricsRegistry?: Registry } = {}) {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel, name: 'worker', format: config.logFormat });
  const baseUrl = config.omicall.baseUrl ?? `http://127.0.0.1:${config.simPort}`;
  const db = createDatabase(config.databaseUrl, { onError: (err) => logger.warn({ err }, 'postgres connection lost') });
  const queues = createQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
  const provider = createOmicallClient({ baseUrl, apiKey: config.omicall.apiKey, timeoutMs: config.omicall.timeoutMs, logger });
  const metrics = createWorkerMetrics({ queues, registry: overrides.metricsRegistry });
  const metricsServer = config.metricsPort ? await startMetricsServer(metrics.registry, config.metricsPort) : null;
  if (metricsServer) logger.info({ url: `${metricsServer.url}/metrics` }, 'worker metrics are served');
  const worker = startWorker({
    prisma: db.prisma,
    queues,
    redisUrl: config.redisUrl,
    provider,
    logger,
    concurrency: config.workerConcurrency,
    providerTimeoutMs: config.omicall.timeoutMs,
    outcomeTimeoutMs: config.outcomeTimeoutSeconds * 1000,
    sweepIntervalMs: config.sweepIntervalMs,
    lockDurationMs: config.workerLockMs,
    crashHook: crashHookFromEnv(env),
    metrics: metrics.dispatch,
    deliveryMetrics: metrics.deliveries,
    webhooks: config.webhooks,
  });
  return {
    async close() {
      await worker.close();
      await metricsServer?.close();
      await provider.close();
      await queues.close();
      await db.close();
    },
  };
}

if (import.meta.main) await runMain('worker', () => runWorker());
