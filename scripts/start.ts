// `npm start`: applies pending migrations, builds the console when its build is missing or stale,
// then runs the API and a worker in this process, plus
// the OMICALL simulator when no real provider is configured. Stops cleanly on SIGTERM/SIGINT.
// The one-command local set-up: Postgres and Redis default to the local services, a fresh
// database gets an admin key shown once, and a terminal gets readable logs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describeServiceUrl, loadConfig, runMain, withLocalServiceDefaults, type Config } from '@autocall/config';
import { createDatabase, createFirstAdminKey } from '@autocall/db';
import { applyMigrations } from '@autocall/db/migrate';
import { chooseLogFormat, createLogger, type Logger } from '@autocall/logger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { runApi } from '../apps/api/src/server.ts';
import { buildSimulator, loadSimConfig } from '../apps/omicall-sim/src/index.ts';
import { runWorker } from '../apps/worker/src/main.ts';
import { ensureConsoleBuilt } from './console-build.ts';

const addKeyHint = (config: Config) => `DATABASE_URL=${describeServiceUrl(config.databaseUrl)} npm run keys -- create --tenant default --admin`;

function logServices(logger: Logger, config: Config, defaulted: string[]) {
  const services = { DATABASE_URL: describeServiceUrl(config.databaseUrl), REDIS_URL: describeServiceUrl(config.redisUrl) };
  const envFile = existsSync('.env') ? { envFile: '.env' } : {};
  if (defaulted.length === 0) logger.info({ ...services, ...envFile }, 'Postgres and Redis as configured');
  else logger.info({ ...services, ...envFile, defaults: defaulted }, `${defaulted.join(' and ')} not set: using the npm start default (local services)`);
}

// A fresh database has no key, so nobody could sign in: make one and hand it to whoever started
// the process. Never in production, where logs are kept and shipped; a key is made there on purpose.
async function firstAdminKey(config: Config, production: boolean, logger: Logger): Promise<string | null> {
  if (config.bootstrapApiKey) return null;
  const db = createDatabase(config.databaseUrl, { max: 1 });
  try {
    if (production) {
      if ((await db.prisma.apiKey.count()) === 0) logger.warn(`no API key exists yet: set BOOTSTRAP_API_KEY or run \`${addKeyHint(config)}\``);
      return null;
    }
    const created = await db.prisma.$transaction((tx) => createFirstAdminKey(tx));
    if (!created) logger.info(`sign in with your API key (a new one: \`${addKeyHint(config)}\`)`);
    return created?.secret ?? null;
  } finally {
    await db.close();
  }
}

async function startAll() {
  const { env, defaulted } = withLocalServiceDefaults(process.env);
  const config = loadConfig(env);
  const production = env.NODE_ENV === 'production';
  const format = chooseLogFormat({ override: config.logFormat, nodeEnv: env.NODE_ENV, isTTY: Boolean(process.stdout.isTTY) });
  // The API and the worker build their own loggers from the environment: same format as this one.
  env.LOG_FORMAT = format;
  const logger = createLogger({ level: config.logLevel, name: 'start', format });
  logServices(logger, config, defaulted);
  const { applied } = await applyMigrations(config.databaseUrl, { logger });
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema is up to date');
  const newKey = await firstAdminKey(config, production, logger);
  // Before the API starts: it serves the console at / only if the build exists when it starts.
  // A failed build leaves the API running (/ then redirects to /docs); the error says why.
  await ensureConsoleBuilt((fields, message) => logger.info(fields, message)).catch((err: unknown) =>
    logger.error({ err }, 'the console could not be built; the API runs without it'),
  );

  let sim: Awaited<ReturnType<typeof buildSimulator>> | undefined;
  if (!config.omicall.baseUrl) {
    const secret = config.omicall.webhookSecret ?? randomBytes(18).toString('base64url');
    const simConfig = loadSimConfig(env);
    const apiBase = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;
    sim = await buildSimulator({
      ...simConfig.options,
      // Its request lines would double every dial in the terminal; SIM_LOG_LEVEL=info shows them.
      loggerInstance: createLogger({ level: env.SIM_LOG_LEVEL ?? 'warn', name: 'omicall-sim', format }),
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
  const url = `http://127.0.0.1:${config.port}`;
  logger.info({ port: config.port, docs: `${url}/docs` }, `autocall-scheduler is running at ${url}`);
  // Shown this once, last, so it is not scrolled away; only its hash is stored.
  if (newKey) {
    logger.info(`first start: created an admin API key for tenant "default"; it is shown only this once, store it now: export KEY=${newKey}`);
  }
  return {
    async close() {
      await api.close();
      await worker.close();
      await sim?.close();
    },
  };
}

await runMain('autocall-scheduler', startAll);
