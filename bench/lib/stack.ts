// The services under test, as production runs them: the API, workers and the OMICALL simulator as
// child processes against a fresh Postgres database and a private Redis key prefix, all removed at
// the end.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { applyMigrations } from '@autocall/db/migrate';
import { freePort, getJson, spawnNode, waitForHttp, waitForOutput, type Child } from './processes.ts';

export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const WEBHOOK_SECRET = 'bench-webhook-secret';

export type Stack = {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  apiUrl: string;
  simUrl: string;
  webhookUrl: string;
  pool: pg.Pool;
  redis: Redis;
  workers: Child[];
  api: Child;
  sim: Child;
  // Workers (re)started with optional node flags (profiling, query counting).
  restartWorkers(options?: { count?: number; nodeArgs?: string[]; env?: Record<string, string> }): Promise<void>;
  restartApi(options?: { nodeArgs?: string[] }): Promise<void>;
  // Statement counts written by bench/lib/count-queries.ts in each worker.
  workerQueryCounts(): Record<string, number>;
  simStats(): Promise<SimStats>;
  // Switches the simulator's cdr webhooks to the API on or off (off: events are dropped).
  setSimWebhooks(on: boolean): Promise<void>;
  api$(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
};

export type SimStats = {
  requests: number;
  sessions: number;
  numbersDialled: number;
  webhooks: { sent: number; failed: number; retried: number; dropped: number; pending: number; inFlight: number };
};

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startStack(options: { adminUrl: string; redisUrl: string; workers: number; workerConcurrency: number; workerEnv?: Record<string, string> }): Promise<Stack> {
  const name = `autocall_bench_${randomBytes(5).toString('hex')}`;
  const databaseUrl = withDatabase(options.adminUrl, name);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await applyMigrations(databaseUrl, { createDatabase: false });

  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const [apiPort, simPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const webhookUrl = `${apiUrl}/v1/providers/omicall/webhook?token=${WEBHOOK_SECRET}`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    SIM_PORT: String(simPort),
    OMICALL_BASE_URL: simUrl,
    OMICALL_API_KEY: 'sim-api-key',
    OMICALL_WEBHOOK_SECRET: WEBHOOK_SECRET,
    OMICALL_TIMEOUT_MS: '30000',
    BOOTSTRAP_API_KEY: ADMIN_KEY,
    MAX_CALLS_PER_BATCH: '1000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    SWEEP_INTERVAL_MS: '2000',
    OUTCOME_TIMEOUT_SECONDS: '3600',
    LOG_LEVEL: 'warn',
  };

  const sim = spawnNode('sim', 'apps/omicall-sim/src/main.ts', {
    ...env,
    SIM_HOST: '127.0.0.1',
    SIM_WEBHOOK_URL: webhookUrl,
    SIM_RING_MIN_MS: '0',
    SIM_RING_MAX_MS: '0',
    SIM_CCU: '1000',
    SIM_LOG_LEVEL: 'warn',
  });
  await waitForHttp(sim, `${simUrl}/_sim/stats`);
  let api = spawnNode('api', 'apps/api/src/server.ts', env);
  await waitForHttp(api, `${apiUrl}/readyz`);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  let workers: Child[] = [];

  const stack: Stack = {
    databaseUrl,
    redisUrl: options.redisUrl,
    prefix,
    apiUrl,
    simUrl,
    webhookUrl,
    pool,
    redis,
    get workers() {
      return workers;
    },
    get api() {
      return api;
    },
    sim,
    async restartWorkers(o = {}) {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      for (let i = 0; i < (o.count ?? options.workers); i++) {
        const countFile = path.join(tmpdir(), `${prefix}-worker-${i}-${Date.now()}.json`);
        const args = ['--import', path.resolve('bench/lib/count-queries.ts'), ...(o.nodeArgs ?? [])];
        // Info level only for the "worker started" line (and one line per batch, which is cheap).
        const worker = spawnNode(`worker-${i}`, 'apps/worker/src/main.ts', { ...env, LOG_LEVEL: 'info', BENCH_QUERY_COUNT_FILE: countFile, ...options.workerEnv, ...o.env }, args);
        (worker as Child & { countFile?: string }).countFile = countFile;
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => waitForOutput(w, '"worker started"')));
    },
    async restartApi(o = {}) {
      await api.stop();
      api = spawnNode('api', 'apps/api/src/server.ts', env, o.nodeArgs ?? []);
      await waitForHttp(api, `${apiUrl}/readyz`);
    },
    workerQueryCounts() {
      const total: Record<string, number> = {};
      for (const w of workers) {
        const file = (w as Child & { countFile?: string }).countFile;
        if (!file) continue;
        try {
          // Written atomically (rename) by count-queries.ts.
          const counts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
          for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
        } catch {
          // Not written yet: that worker sent no query.
        }
      }
      return total;
    },
    simStats: () => getJson<SimStats>(`${simUrl}/_sim/stats`),
    async setSimWebhooks(on) {
      const response = await fetch(`${simUrl}/_sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ webhookUrl: on ? webhookUrl : null }),
      });
      if (!response.ok) throw new Error(`could not switch the simulator's webhooks: HTTP ${response.status}`);
    },
    async api$(method, route, body) {
      // A well-behaved client: 503 busy changed nothing and says when to come back (Retry-After),
      // so it is sent again, up to five times; a bench reads throughput, not one request's luck.
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${apiUrl}${route}`, {
          method,
          headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 503 && attempt < 5) {
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        return { status: response.status, body: text ? JSON.parse(text) : null };
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await api.stop();
      await sim.stop();
      await pool.end();
      await deletePrefix(redis, prefix);
      redis.disconnect();
      const cleanup = new pg.Client({ connectionString: options.adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
  await stack.restartWorkers();
  return stack;
}

// Deletes every key under `<prefix>:` and nothing else.
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export function webhookSecret(): string {
  return WEBHOOK_SECRET;
}
