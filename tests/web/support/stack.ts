// Vitest global setup of the browser project: ONE stack (simulator, API and worker as processes, on
// a private database and Redis prefix) and ONE Chromium for every journey file. Starting them per
// file cost each file ~15-30 s on two cores; files stay independent through a tenant and a browser
// context each (workspace.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import '../../../packages/testing/src/context.ts';
import { databaseUrl, testDatabasePrefix } from '../../../packages/testing/src/names.ts';
import { cleanupRedisPrefix } from '../../../packages/testing/src/redis.ts';
import { ensureConsoleBuilt } from '../../../scripts/console-build.ts';
import { freePort, serviceEnv, startApiProcess, startSimProcess, startWorkerProcess, webhookUrl, type ChildHandle } from '../../support/processes.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';
import type { WebStack } from './context.ts';

const BOOTSTRAP_KEY = `web-bootstrap-${randomBytes(12).toString('hex')}`;
// Fast outcomes: a call rings 100-400 ms, half are answered.
const SIM = { answerRate: 0.5, ringMinMs: 100, ringMaxMs: 400 };

async function createDatabase(adminUrl: string, template: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { adminDatabaseUrl, templateDatabase, redisUrl, runId } = project.getProvidedContext();
  const log = (message: string) => process.stdout.write(`[browser stack] ${message}\n`);
  const children: ChildHandle[] = [];
  let browser: BrowserServer | undefined;
  const prefix = `t${randomBytes(6).toString('hex')}`;
  // Named with the run's prefix: the testing global setup's teardown drops it (after this one).
  const database = `${testDatabasePrefix(runId)}web_${randomBytes(4).toString('hex')}`;
  const teardown = async () => {
    await browser?.close();
    for (const child of children.reverse()) await child.stop('SIGTERM', 5_000);
    await cleanupRedisPrefix(redisUrl, prefix).catch(() => undefined);
  };
  try {
    const started = Date.now();
    // The API serves apps/web/dist: build it (when missing or stale) before the API starts.
    const [, server] = await Promise.all([
      ensureConsoleBuilt((fields, message) => log(`${message} ${JSON.stringify(fields)}`)).then(() => createDatabase(adminDatabaseUrl, templateDatabase, database)),
      chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    ]);
    browser = server;
    const url = databaseUrl(adminDatabaseUrl, database);
    const [apiPort, simPort] = [await freePort(), await freePort()];
    const secrets = { webhookSecret: `wh-${randomBytes(8).toString('hex')}`, apiPort };
    // SWEEP_INTERVAL_MS: nothing here kills workers, and the stack idles while other projects run.
    const env = {
      ...serviceEnv({ databaseUrl: url, redisUrl, queuePrefix: prefix, simPort, bootstrapKey: BOOTSTRAP_KEY, ...secrets }),
      SWEEP_INTERVAL_MS: '2000',
    };
    const seed = 1 + Math.floor(Math.random() * 1e6);
    const simEnv = {
      SIM_PORT: String(simPort),
      SIM_WEBHOOK_URL: webhookUrl(secrets),
      SIM_RING_MIN_MS: String(SIM.ringMinMs),
      SIM_RING_MAX_MS: String(SIM.ringMaxMs),
      SIM_ANSWER_RATE: String(SIM.answerRate),
      SIM_SEED: String(seed),
    };
    const starts = await Promise.allSettled([startSimProcess(simEnv), startApiProcess(env), startWorkerProcess(env)]);
    // Whatever started is stopped by the teardown, even when another start failed.
    for (const start of starts) if (start.status === 'fulfilled') children.push(start.value);
    for (const start of starts) if (start.status === 'rejected') throw start.reason;
    log(`started in ${Date.now() - started} ms`);

    const stack: WebStack = {
      apiUrl: `http://127.0.0.1:${apiPort}`,
      databaseUrl: url,
      bootstrapKey: BOOTSTRAP_KEY,
      sim: { url: `http://127.0.0.1:${simPort}`, seed, ...SIM },
      browserWsEndpoint: server.wsEndpoint(),
    };
    project.provide('webStack', stack);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
