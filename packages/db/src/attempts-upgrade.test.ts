// A database written before issue 12's ninth step, when the claim inserted a 'pending' attempt per
// number and every outcome updated it, is upgraded by the two migrations that moved calls onto
// their batch and their number. Nothing a reader sees may change: every number's calls, the
// attempts count, the outcome clock's oldest open call.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createDatabase } from './client.ts';
import { campaignWithCounts } from './campaign-queries.ts';
import { applyMigrations, defaultMigrationsDir } from './migrate.ts';

const FIRST_NEW = '20261207133123_attempts_written_with_their_outcome';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

// The migrations directory as it stood before FIRST_NEW.
async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'autocall-migrations-before-'));
  cleanups.push(() => rm(dir, { recursive: true }));
  for (const entry of await readdir(defaultMigrationsDir, { withFileTypes: true })) {
    if (entry.isDirectory() ? entry.name < name : entry.name === 'migration_lock.toml') {
      await cp(path.join(defaultMigrationsDir, entry.name), path.join(dir, entry.name), { recursive: true });
    }
  }
  return dir;
}

it('keeps every call, the attempts count and the oldest open call of a database written before the change', async () => {
  const db: TestDatabase = await createTestDatabase({ empty: true });
  cleanups.push(() => db.drop());
  await applyMigrations(db.url, { migrationsDir: await migrationsBefore(FIRST_NEW) });

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  cleanups.push(() => client.end());
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const tenant = (await one(`INSERT INTO tenants (id, name) VALUES (gen_random_uuid(), 't') RETURNING id`)).id as string;
  const campaign = (
    await one(
      `INSERT INTO campaigns (id, tenant_id, name, status, send_time, number_call_per_time, duration_of_each_call, max_retry_of_detail,
         retry_after_seconds, scripts, number_call_outs, updated_at)
       VALUES (gen_random_uuid(), $1, 'before', 'running', '2026-01-01', 4, 10, 1, 60, '[]', '{}', now()) RETURNING id`,
      [tenant],
    )
  ).id as string;
  const batch = async (slot: number, status: string, at: string) =>
    (await one(`INSERT INTO batches (campaign_id, slot_index, slot_time, status, size, created_at) VALUES ($1, $2, $3, $4, 2, $3) RETURNING id`, [
      campaign,
      slot,
      at,
      status,
    ])).id as string;
  const b0 = await batch(0, 'sent', '2026-01-01T00:00:00Z');
  const b1 = await batch(1, 'sent', '2026-01-01T00:00:10Z');
  const b2 = await batch(2, 'claimed', '2026-01-01T00:00:20Z');
  // As the old claim and outcomes left them: answered; failed after two calls; waiting in a sent
  // batch; stored 'dialing' in a batch not yet sent; not answered, to be dialled again.
  const numbers: [string, number, string][] = [
    ['answered', 1, b0],
    ['failed', 2, b1],
    ['calling', 1, b1],
    ['dialing', 1, b2],
    ['retry', 1, b0],
  ];
  const ids: string[] = [];
  for (const [position, [status, attempts, last]] of numbers.entries()) {
    ids.push(
      (
        await one(
          `INSERT INTO campaign_numbers (campaign_id, position, phone, status, attempts, next_attempt_at, last_batch_id)
           VALUES ($1, $2, $3, $4, $5, '2026-01-01', $6) RETURNING id`,
          [campaign, position, `091000000${position}`, status, attempts, last],
        )
      ).id,
    );
  }
  const attempt = (number: number, batchId: string, no: number, outcome: string, at: string, answerSec: number | null) =>
    client.query(
      `INSERT INTO call_attempts (number_id, campaign_id, batch_id, attempt_no, dialed_at, outcome, outcome_at, answer_sec, hangup_cause)
       VALUES ($1, $2, $3, $4, $5, $6::attempt_outcome, CASE WHEN $6::text = 'pending' THEN NULL ELSE $5::timestamptz + interval '30 seconds' END,
               $7, CASE WHEN $6::text = 'not_answered' THEN 'NO_ANSWER' END)`,
      [ids[number], campaign, batchId, no, at, outcome, answerSec],
    );
  await attempt(0, b0, 1, 'answered', '2026-01-01T00:00:00Z', 9);
  await attempt(1, b0, 1, 'not_answered', '2026-01-01T00:00:00Z', 0);
  await attempt(1, b1, 2, 'not_answered', '2026-01-01T00:00:10Z', 0);
  await attempt(2, b1, 1, 'pending', '2026-01-01T00:00:10Z', null);
  await attempt(3, b2, 1, 'pending', '2026-01-01T00:00:20Z', null);
  await attempt(4, b0, 1, 'not_answered', '2026-01-01T00:00:00Z', 0);

  const history = async () =>
    (
      await client.query(
        `SELECT n.position, a.attempt_no, a.outcome::text, a.dialed_at, a.outcome_at, a.answer_sec, a.hangup_cause, b.slot_index
         FROM call_attempts a JOIN campaign_numbers n ON n.campaign_id = a.campaign_id AND n.id = a.number_id
         JOIN batches b ON b.id = a.batch_id WHERE a.campaign_id = $1 ORDER BY 1, 2`,
        [campaign],
      )
    ).rows;
  const before = await history();
  const oldestOpen = (await one(`SELECT min(dialed_at) AS at FROM call_attempts WHERE campaign_id = $1 AND outcome = 'pending'`, [campaign])).at;
  const database = createDatabase(db.url);
  cleanups.push(() => database.close());
  // What the API showed then: the attempts count was the counter of attempt rows alone.
  const { attempts: _, ...countsBefore } = (await campaignWithCounts(database.prisma, tenant, campaign))!.counts;
  const attemptsBefore = Number((await one(`SELECT n FROM campaign_counts WHERE campaign_id = $1 AND name = 'attempts'`, [campaign])).n);
  expect(attemptsBefore).toBe(6);

  expect((await applyMigrations(db.url)).applied[0]).toBe(FIRST_NEW);

  // The same calls, read through call_history (attempt rows, final calls, calls waiting).
  const after = (
    await client.query(
      `SELECT n.position, a.attempt_no, a.outcome::text, a.dialed_at, a.outcome_at, a.answer_sec, a.hangup_cause, b.slot_index
       FROM call_history(ARRAY[$1]::uuid[]) a JOIN campaign_numbers n ON n.campaign_id = a.campaign_id AND n.id = a.number_id
       JOIN batches b ON b.id = a.batch_id ORDER BY 1, 2`,
      [campaign],
    )
  ).rows;
  expect(after).toEqual(before);
  // Only the calls that did not end their number are rows of their own now.
  expect((await one(`SELECT count(*)::int AS n FROM call_attempts WHERE campaign_id = $1`, [campaign])).n).toBe(2);
  const { attempts, ...counts } = (await campaignWithCounts(database.prisma, tenant, campaign))!.counts;
  expect({ attempts, ...counts }).toEqual({ attempts: attemptsBefore, ...countsBefore });
  // The outcome clock reads the oldest open batch; each batch counts the calls it still waits on.
  expect((await one(`SELECT min(dialed_at) AS at FROM batches WHERE campaign_id = $1 AND open_calls > 0`, [campaign])).at).toEqual(oldestOpen);
  expect((await client.query(`SELECT slot_index, open_calls FROM batches WHERE campaign_id = $1 ORDER BY 1`, [campaign])).rows).toEqual([
    { slot_index: 0, open_calls: 0 },
    { slot_index: 1, open_calls: 1 },
    { slot_index: 2, open_calls: 1 },
  ]);
});
