// `node bench/console-reads.ts`: how the console's reads hold up at scale. On a fresh database it
// builds a running campaign of 1,000,000 numbers with ~1,000,000 call attempts (770,000 numbers
// dialled, the failed ones twice) and a list of 10,000 campaigns (the newest 1,000 with 1,000
// numbers each), then prints EXPLAIN ANALYZE of the queries behind the calls page, the timeline and
// the list's progress, and the latency of the routes themselves (in-process app.inject, so HTTP
// parsing is left out). Set-up is server-side SQL (generate_series); the database is dropped at the
// end. BENCH_ADMIN_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), REDIS_URL.
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createDatabase, ensureBootstrapKey } from '@autocall/db';
import { applyMigrations } from '@autocall/db/migrate';
import { createQueues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { buildApp } from '../apps/api/src/app.ts';
import { SCRIPTS } from './lib/campaigns.ts';
import { benchPhoneSql } from './lib/sizes.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'bench-console-key-0123456789abcdef';
const BIG = 1_000_000;
const DIALLED = 770_000;
const PER_BATCH = 15;
const STEP_SEC = 30;
const LIST_CAMPAIGNS = 10_000;
const FULL_CAMPAIGNS = 1_000;
const FULL_NUMBERS = 1_000;

const log = (text: string) => process.stdout.write(`${text}\n`);
// BENCH_REUSE_DB=<name>: measure again on a database an earlier BENCH_KEEP_DB=1 run kept.
const reuse = process.env.BENCH_REUSE_DB;
const name = reuse ?? `autocall_console_${randomBytes(5).toString('hex')}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const databaseUrl = url.toString();

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
if (!reuse) {
  await admin.query(`CREATE DATABASE "${name}"`);
  await applyMigrations(databaseUrl, { createDatabase: false });
}
const db = createDatabase(databaseUrl);
const prefix = `bench-console-${randomBytes(4).toString('hex')}`;
const queues = createQueues({ redisUrl: REDIS_URL, prefix });

try {
  const { tenantId } = await ensureBootstrapKey(db.prisma, KEY);
  let big: string = randomUUID();
  if (reuse) {
    big = (await db.pool.query<{ id: string }>(`SELECT id::text FROM campaigns WHERE name = 'one million'`)).rows[0]!.id;
  } else {
    const nowMs = Date.now();
    const startMs = nowMs - Math.ceil(DIALLED / PER_BATCH) * STEP_SEC * 1000;
    let t0 = performance.now();
    await seedBigCampaign(db.pool, tenantId, big, startMs);
    log(`seeded the 1M-number campaign and its attempts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await seedList(db.pool, tenantId, nowMs);
    log(`seeded ${LIST_CAMPAIGNS} campaigns in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.pool.query('VACUUM ANALYZE');
  }

  const app = await buildApp({ prisma: db.prisma, pool: db.pool, queues, logger: createLogger({ level: 'silent' }), maxCallsPerBatch: 50, defaultCountry: 'VN', webhookSecret: 'x' });
  await app.ready();
  const get = async (path: string) => {
    const started = performance.now();
    const reply = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${KEY}` } });
    if (reply.statusCode !== 200) throw new Error(`${path}: ${reply.statusCode} ${reply.body.slice(0, 300)}`);
    return { ms: performance.now() - started, body: reply.json() };
  };

  log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine\n`);
  const deep = (await db.pool.query<{ id: string }>('SELECT id::text FROM campaign_numbers WHERE campaign_id = $1 AND position = 900000', [big])).rows[0]!.id;
  const cursor = Buffer.from(JSON.stringify([900_000, deep])).toString('base64url');
  const explains: [string, string, unknown[]][] = [
    [
      'calls page 1 (limit 51)',
      `SELECT * FROM campaign_numbers WHERE campaign_id = $1 AND position >= -1 AND (position > -1 OR id > -1) ORDER BY position, id LIMIT 51`,
      [big],
    ],
    [
      'calls page at position 900,000 (cursor)',
      `SELECT * FROM campaign_numbers WHERE campaign_id = $1 AND position >= 900000 AND (position > 900000 OR id > $2) ORDER BY position, id LIMIT 51`,
      [big, deep],
    ],
    [
      'calls status=failed,no_result',
      `SELECT * FROM campaign_numbers WHERE campaign_id = $1 AND status = ANY('{failed,no_result}'::call_status[]) AND position >= -1 AND (position > -1 OR id > -1) ORDER BY position, id LIMIT 51`,
      [big],
    ],
    ['calls phone exact', `SELECT * FROM campaign_numbers WHERE campaign_id = $1 AND phone = '0900512345' AND position >= -1 ORDER BY position, id LIMIT 51`, [big]],
    ['calls phone ending 345 (3 digits)', `SELECT * FROM campaign_numbers WHERE campaign_id = $1 AND phone LIKE '%345' AND position >= -1 ORDER BY position, id LIMIT 51`, [big]],
    ['calls phone ending 0512345 (7 digits, one match)', `SELECT * FROM campaign_numbers WHERE campaign_id = $1 AND phone LIKE '%0512345' AND position >= -1 ORDER BY position, id LIMIT 51`, [big]],
    [
      'timeline: calls per 300 s bucket over 1M attempts',
      `SELECT date_bin(300 * interval '1 second', dialed_at, timestamptz '1970-01-01 00:00:00+00') AS bucket, count(*)::int,
              count(*) FILTER (WHERE outcome = 'answered')::int, count(*) FILTER (WHERE outcome = 'not_answered')::int,
              count(*) FILTER (WHERE outcome IN ('no_result', 'unknown'))::int, count(*) FILTER (WHERE attempt_no > 1)::int
       FROM call_history(ARRAY[$1]::uuid[]) GROUP BY 1 ORDER BY 1`,
      [big],
    ],
    [
      'list progress: numbers per status of 50 campaigns of 1,000 numbers',
      `SELECT campaign_id, status, count(*), min(next_attempt_at), max(next_attempt_at) FROM campaign_numbers
       WHERE campaign_id = ANY(ARRAY(SELECT id FROM campaigns WHERE tenant_id = $1 AND id <> $2 ORDER BY created_at DESC, id DESC LIMIT 50)) GROUP BY 1, 2`,
      [tenantId, big],
    ],
    [
      'list progress: the same for the 1M-number campaign alone',
      `SELECT campaign_id, status, count(*), min(next_attempt_at), max(next_attempt_at) FROM campaign_numbers WHERE campaign_id = ANY(ARRAY[$1::uuid]) GROUP BY 1, 2`,
      [big],
    ],
  ];
  for (const [title, sql, params] of explains) {
    const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    log(`-- ${title}\n${rows.map((r) => `   ${r['QUERY PLAN']}`).join('\n')}\n`);
  }

  const routes: [string, string][] = [
    ['calls page 1', `/v1/campaigns/${big}/calls?limit=50`],
    ['calls at position 900,000', `/v1/campaigns/${big}/calls?limit=50&cursor=${cursor}`],
    ['calls status=failed,no_result', `/v1/campaigns/${big}/calls?limit=50&status=failed,no_result`],
    ['calls phone=+84900512345', `/v1/campaigns/${big}/calls?limit=50&phone=%2B84900512345`],
    ['calls phone=345', `/v1/campaigns/${big}/calls?limit=50&phone=345`],
    ['calls phone=0512345', `/v1/campaigns/${big}/calls?limit=50&phone=0512345`],
    ['timeline (auto buckets, 200 planned slots)', `/v1/campaigns/${big}/timeline`],
  ];
  log('route                                         p50 ms   p99 ms   max ms  (n)');
  for (const [title, path] of routes) report(title, await repeat(10, () => get(path)));

  // The list: 20 pages of 50 campaigns of 1,000 numbers, followed with their cursors, 10 rounds.
  const listTimes: number[] = [];
  for (let round = 0; round < 10; round++) {
    let next: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { ms, body } = await get(`/v1/campaigns?limit=50${next ? `&cursor=${next}` : ''}`);
      listTimes.push(ms);
      next = body.nextCursor;
    }
  }
  report('GET /v1/campaigns?limit=50 (1,000-number campaigns)', listTimes);
  const oldest = await db.pool.query<{ created_at: Date; id: string }>('SELECT created_at, id::text FROM campaigns WHERE id = $1', [big]);
  const bigPage = Buffer.from(JSON.stringify([new Date(oldest.rows[0]!.created_at.getTime() + 1).toISOString(), 'ffffffff-ffff-ffff-ffff-ffffffffffff'])).toString('base64url');
  report('GET /v1/campaigns?limit=50 (page holding the 1M one)', await repeat(10, () => get(`/v1/campaigns?limit=50&cursor=${bigPage}`)));
  await app.close();
} finally {
  await queues.close();
  await db.close();
  // BENCH_KEEP_DB=1 keeps the data to study a plan further (drop it by hand afterwards).
  if (process.env.BENCH_KEEP_DB === '1' || reuse) log(`kept database ${name}`);
  else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

async function repeat(times: number, run: () => Promise<{ ms: number }>): Promise<number[]> {
  await run(); // warm-up, not counted
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push((await run()).ms);
  return out;
}

function report(title: string, times: number[]) {
  const sorted = times.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  log(`${title.padEnd(45)} ${at(0.5).toFixed(1).padStart(7)}  ${at(0.99).toFixed(1).padStart(7)}  ${sorted.at(-1)!.toFixed(1).padStart(7)}  (${times.length})`);
}

async function seedBigCampaign(pool: pg.Pool, tenantId: string, id: string, startMs: number) {
  const start = new Date(startMs);
  const lastSlot = Math.ceil(DIALLED / PER_BATCH) - 1;
  await pool.query(
    `INSERT INTO campaigns (id, tenant_id, name, status, send_time, number_call_per_time, duration_of_each_call, max_retry_of_detail,
       retry_after_seconds, scripts, number_call_outs, next_wake_at, accepted_count, created_at, updated_at, started_at, last_slot_index)
     VALUES ($1, $2, 'one million', 'running', $3, $4, $5, 1, 300, $6, '{}', $3::timestamptz + ($7 + 1) * $5 * interval '1 second', $8,
       $3::timestamptz - interval '1 day', now(), $3, $7)`,
    [id, tenantId, start, PER_BATCH, STEP_SEC, JSON.stringify(SCRIPTS), lastSlot, BIG],
  );
  // Dialled numbers: 40% answered, 30% failed (after a retry), 10% no result, 20% waiting for a retry.
  await pool.query(
    `INSERT INTO campaign_numbers (campaign_id, position, phone, status, attempts, next_attempt_at)
     SELECT $1, g, ${benchPhoneSql('g')},
       CASE WHEN g >= $2 THEN 'pending' WHEN g % 10 < 4 THEN 'answered' WHEN g % 10 < 7 THEN 'failed' WHEN g % 10 = 7 THEN 'no_result' ELSE 'retry' END::call_status,
       CASE WHEN g >= $2 THEN 0 WHEN g % 10 BETWEEN 4 AND 6 THEN 2 ELSE 1 END,
       CASE WHEN g >= $2 THEN $3::timestamptz ELSE $3::timestamptz + ((g / $4) * $5 + 330) * interval '1 second' END
     FROM generate_series(0, $6::int - 1) AS g`,
    [id, DIALLED, start, PER_BATCH, STEP_SEC, BIG],
  );
  await pool.query(
    `INSERT INTO batches (campaign_id, slot_index, slot_time, status, size, sent_at, request_attempts, dialed_at)
     SELECT $1, k, $2::timestamptz + k * $3 * interval '1 second', 'sent', $4, $2::timestamptz + k * $3 * interval '1 second' + interval '200 ms', 1,
       $2::timestamptz + k * $3 * interval '1 second'
     FROM generate_series(0, $5::int) AS k`,
    [id, start, STEP_SEC, PER_BATCH, lastSlot + 11],
  );
  // Stored as dispatch stores them: a call that did not end its number is an attempt row (the first
  // call of a failed or retry number); the call that made a number final is on the number's row,
  // its batch in last_batch_id (the failed ones' second call, 11 slots later).
  await pool.query(
    `INSERT INTO call_attempts (number_id, campaign_id, batch_id, attempt_no, dialed_at, outcome)
     SELECT n.id, n.campaign_id, b.id, 1, b.slot_time, 'not_answered'
     FROM campaign_numbers n JOIN batches b ON b.campaign_id = n.campaign_id AND b.slot_index = n.position / $2
     WHERE n.campaign_id = $1 AND n.position < $3 AND n.status IN ('failed', 'retry')`,
    [id, PER_BATCH, DIALLED],
  );
  await pool.query(
    `UPDATE campaign_numbers n SET last_batch_id = b.id, outcome_at = b.slot_time + interval '30 seconds'
     FROM batches b WHERE b.campaign_id = n.campaign_id AND b.slot_index = n.position / $2 + CASE n.status WHEN 'failed' THEN 11 ELSE 0 END
       AND n.campaign_id = $1 AND n.position < $3 AND n.status IN ('answered', 'failed', 'no_result')`,
    [id, PER_BATCH, DIALLED],
  );
}

async function seedList(pool: pg.Pool, tenantId: string, nowMs: number) {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO campaigns (id, tenant_id, name, status, send_time, number_call_per_time, duration_of_each_call, max_retry_of_detail,
       retry_after_seconds, scripts, number_call_outs, next_wake_at, accepted_count, created_at, updated_at, started_at)
     SELECT gen_random_uuid(), $1, 'list ' || g, CASE WHEN g % 3 = 0 THEN 'completed' ELSE 'running' END::campaign_status,
       $2::timestamptz - g * interval '1 minute', 10, 30, 1, 60, $3, '{}', $2::timestamptz + interval '30 seconds',
       CASE WHEN g < $5 THEN $6 ELSE 10 END, $2::timestamptz - g * interval '1 second', now(), $2::timestamptz - g * interval '1 minute'
     FROM generate_series(0, $4::int - 1) AS g
     RETURNING id`,
    [tenantId, new Date(nowMs), JSON.stringify(SCRIPTS), LIST_CAMPAIGNS, FULL_CAMPAIGNS, FULL_NUMBERS],
  );
  const ids = rows.map((r) => r.id);
  // Every campaign of the first 20 pages holds 1,000 numbers in mixed states; the rest 10.
  await pool.query(
    `INSERT INTO campaign_numbers (campaign_id, position, phone, status, attempts, next_attempt_at)
     SELECT c.id, g, ${benchPhoneSql('g')},
       (ARRAY['pending', 'answered', 'failed', 'retry', 'calling', 'no_result'])[g % 6 + 1]::call_status, 1, c.send_time
     FROM campaigns c CROSS JOIN LATERAL generate_series(0, c.accepted_count - 1) AS g
     WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
}
