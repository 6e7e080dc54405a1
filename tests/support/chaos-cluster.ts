// A whole deployment as separate processes (simulator, API, N workers) on a private database and
// Redis prefix, for the chaos suite. Everything started here is killed by close().
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createAutocallClient } from '@autocall/sdk';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix, waitFor, type TestDatabase } from '@autocall/testing';
import {
  freePort,
  killAllChildren,
  serviceEnv,
  startApiProcess,
  startSimProcess,
  startWorkerProcess,
  webhookUrl,
  type ChildHandle,
} from './processes.ts';
import { chaos, replayHint } from './chaos-seed.ts';
import { campaignBody, type CampaignShape } from './campaign-spec.ts';

export const CHAOS_ADMIN_KEY = 'chaos-admin-key-0123456789abcdef';

// CHAOS_SCALE=large multiplies campaigns and numbers for benchmark runs; the default keeps
// `npm test` to a few minutes on two cores.
export const LARGE = process.env.CHAOS_SCALE === 'large';
export const scale = (small: number, large: number): number => (LARGE ? large : small);

export type ClusterOptions = {
  workers?: number;
  redisUrl?: string;
  // QUEUE_PREFIX; a fresh `t<hex>` by default (a Redis Cluster needs a hash-tagged one, `{...}`).
  prefix?: string;
  // Added to every service's environment (API and workers).
  env?: Record<string, string>;
  workerEnv?: Record<string, string>;
  simEnv?: Record<string, string>;
};

export type CampaignSpec = CampaignShape & { numbers: number };

export type Cluster = {
  db: TestDatabase;
  pool: pg.Pool;
  redisUrl: string;
  prefix: string;
  apiUrl: string;
  simUrl: string;
  api: ChildHandle;
  sim: ChildHandle;
  workers: ChildHandle[];
  env: Record<string, string>;
  startWorker(extra?: Record<string, string>): Promise<ChildHandle>;
  startApi(): Promise<ChildHandle>;
  request(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any; headers: Headers }>;
  createCampaign(spec: CampaignSpec): Promise<{ id: string; phones: string[] }>;
  setFaults(patch: Record<string, unknown>): Promise<void>;
  simJson<T>(path: string): Promise<T>;
  waitCompleted(ids: string[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
};

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 3 });
  pool.on('error', () => undefined); // pg_terminate_backend in the suite also hits our own idle clients
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const prefix = options.prefix ?? uniqueQueuePrefix();
  const [apiPort, simPort] = [await freePort(), await freePort()];
  const secrets = { webhookSecret: `wh-${randomBytes(8).toString('hex')}`, apiPort };
  const env = {
    ...serviceEnv({ databaseUrl: db.url, redisUrl, queuePrefix: prefix, simPort, bootstrapKey: CHAOS_ADMIN_KEY, ...secrets }),
    ...options.env,
  };
  const simEnv = {
    SIM_PORT: String(simPort),
    SIM_WEBHOOK_URL: webhookUrl(secrets),
    SIM_RING_MIN_MS: '200',
    SIM_RING_MAX_MS: '900',
    SIM_ANSWER_RATE: '0.5',
    // Call outcomes, ring times and the simulator's fault and webhook draws follow CHAOS_SEED.
    SIM_SEED: String(chaos.seedFor('sim')),
    ...options.simEnv,
  };

  const [sim, api] = await Promise.all([startSimProcess(simEnv), startApiProcess(env)]);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  let workerCount = 0;
  // Campaigns are created through @autocall/sdk, as an integrating backend would.
  const client = createAutocallClient({ baseUrl: apiUrl, apiKey: CHAOS_ADMIN_KEY });
  const cluster: Cluster = {
    db,
    pool,
    redisUrl,
    prefix,
    apiUrl,
    simUrl,
    sim,
    api,
    workers: [],
    env,
    async startWorker(extra = {}) {
      const worker = await startWorkerProcess({ ...env, ...options.workerEnv, ...extra }, `worker-${++workerCount}`);
      cluster.workers.push(worker);
      return worker;
    },
    async startApi() {
      cluster.api = await startApiProcess(env);
      return cluster.api;
    },
    async request(method, path, body, key = CHAOS_ADMIN_KEY) {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async createCampaign(spec) {
      // Distinct across every campaign of a test file, so per-phone checks against the simulator
      // never mix two campaigns; chosen by CHAOS_SEED.
      const phones = chaos.phones(spec.numbers);
      const post = () =>
        client.POST('/v1/campaigns', {
          body: campaignBody(spec, phones, 'chaos'),
        });
      // As a real client does: 503 busy (no connection free in time on a loaded machine) changed
      // nothing and says when to come back, so the same request goes again, up to five times.
      let created = await post();
      for (let attempt = 1; created.response.status === 503 && attempt < 5; attempt++) {
        await delay(Number(created.response.headers.get('retry-after') ?? 1) * 1000);
        created = await post();
      }
      if (created.response.status !== 201) throw new Error(`campaign not created: ${created.response.status} ${JSON.stringify(created.error)}`);
      return { id: created.data!.id, phones };
    },
    async setFaults(patch) {
      const response = await fetch(`${simUrl}/_sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (!response.ok) throw new Error(`PUT /_sim/faults: ${response.status} ${await response.text()}`);
    },
    async simJson<T>(path: string) {
      const response = await fetch(`${simUrl}${path}`);
      return (await response.json()) as T;
    },
    async waitCompleted(ids, timeoutMs) {
      await waitFor(
        async () => {
          const { rows } = await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM campaigns WHERE id = ANY($1::uuid[]) AND status <> 'completed'`,
            [ids],
          );
          return rows[0]!.n === 0;
        },
        { timeoutMs, intervalMs: 250, message: `campaigns not completed: ${ids.join(', ')}` },
      ).catch(async (error: Error) => {
        throw new Error(`${error.message} (${replayHint()})\n${await diagnose(pool, ids)}\n--- last worker ---\n${cluster.workers.at(-1)?.output().slice(-2_000)}`);
      });
    },
    async close() {
      await Promise.all([...cluster.workers, cluster.api].map((p) => p.stop('SIGTERM', 5_000)));
      await sim.stop('SIGTERM', 3_000);
      await killAllChildren();
      await pool.end().catch(() => undefined);
      await cleanupRedisPrefix(redisUrl, prefix).catch(() => undefined);
      await db.drop();
    },
  };
  await Promise.all(Array.from({ length: options.workers ?? 1 }, () => cluster.startWorker()));
  return cluster;
}

// What a stuck campaign looks like, for the failure message.
async function diagnose(pool: pg.Pool, ids: string[]): Promise<string> {
  const campaigns = await pool.query(
    `SELECT id, status, last_slot_index, next_wake_at, lease_owner, lease_until, pause_reason FROM campaigns WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const numbers = await pool.query(
    `SELECT campaign_id, status, count(*)::int FROM campaign_numbers WHERE campaign_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
    [ids],
  );
  const batches = await pool.query(
    `SELECT campaign_id, status, count(*)::int FROM batches WHERE campaign_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
    [ids],
  );
  const open = await pool.query(
    `SELECT n.phone, n.status, n.attempts, a.attempt_no, a.outcome, a.dialed_at, b.slot_index, b.status AS batch, b.provider_session_id
     FROM campaign_numbers n LEFT JOIN call_history($1::uuid[]) a ON a.campaign_id = n.campaign_id AND a.number_id = n.id LEFT JOIN batches b ON b.id = a.batch_id
     WHERE n.campaign_id = ANY($1::uuid[]) AND n.status IN ('dialing', 'calling') ORDER BY n.phone, a.attempt_no LIMIT 20`,
    [ids],
  );
  return JSON.stringify({ now: new Date().toISOString(), campaigns: campaigns.rows, numbers: numbers.rows, batches: batches.rows, open: open.rows });
}
