// `npm start`: applies pending migrations, builds the console when its build is missing or stale,
// then runs the API and a worker in this process, plus
// the OMICALL simulator when no real provider is configured. Stops cleanly on SIGTERM/SIGINT.
import { randomBytes } from 'node:crypto';
import { loadConfig, runMain } from '@autocall/config';
import { applyMigrations } from '@autocall/db/migrate';
import { createLogger } from '@autocall/logger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { runApi } from '../apps/api/src/server.ts';
import { buildSimulator, loadSimConfig } from '../apps/omicall-sim/src/index.ts';
import { runWorker } from '../apps/worker/src/main.ts';
import { ensureConsoleBuilt } from './console-build.ts';

async function startAll() {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, name: 'start' });
  const { applied } = await applyMigrations(config.databaseUrl, { logger });
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema is up to date');
  // Before the API starts: it serves the console at / only if the build exists when it starts.
  // A failed build leaves the API running (/ then redirects to /docs); the error says why.
  await ensureConsoleBuilt((fields, message) => logger.info(fields, message)).catch((err: unknown) =>
    logger.error({ err }, 'the console could not be built; the API runs without it'),
  );

  const env: Record<string, string | undefined> = { ...process.env };
  let sim: Awaited<ReturnType<typeof buildSimulator>> | undefined;
  if (!config.omicall.baseUrl) {
    const secret = config.omicall.webhookSecret ?? randomBytes(18).toString('base64url');
    const simConfig = loadSimConfig(process.env);
    const apiBase = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;
    sim = await buildSimulator({
      ...simConfig.options,
      faults: { ...simConfig.options.faults, webhookUrl: `${apiBase}/v1/providers/omicall/webhook?token=${secret}` },
    });
    const simUrl = await sim.listen(config.simPort, '127.0.0.1');
    logger.warn({ simulator: simUrl }, 'OMICALL_BASE_URL is not set: calls go to the built-in OMICALL simulator, not to OMICALL');
    Object.assign(env, { OMICALL_BASE_URL: simUrl, OMICALL_API_KEY: simConfig.options.apiKey, OMICALL_WEBHOOK_SECRET: secret });
  }
  // One registry: the API's /metrics shows the worker's dispatch metrics too.
  const metricsRegistry = new Registry();
  collectDefaultMetrics({ register: metricsRegistry });
  const api = await runApi(env, { metricsRegistry });
  const worker = await runWorker(env, { metricsRegistry });
  logger.info({ port: config.port }, 'autocall-scheduler is running');
  return {
    async close() {
      await api.close();
      await worker.close();
      await sim?.close();
    },
  };
}

await runMain('autocall-scheduler', startAll);
