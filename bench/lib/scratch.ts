// A scratch database for the one-off measurement scripts (bench/claim-plan.ts,
// bench/new-campaign-reads.ts, bench/apply-sets.ts, bench/append-groups.ts, bench/claim-cost.ts,
// bench/first-slot.ts):
// created and migrated on the server of BENCH_ADMIN_DATABASE_URL (default the local server's
// postgres database), with one tenant, and dropped at the end whatever happens.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { claimNextBatch, createCampaign, createDatabase, markBatchSending, markBatchSent, type ClaimedBatch, type Database } from '@autocall/db';
import { applyMigrations } from '@autocall/db/migrate';
import { createTenant } from '../../packages/db/src/api-keys.ts';

export type Scratch = {
  db: Database;
  tenantId: string;
  /** A campaign of `count` numbers (09xxxxxxxx from `firstPhone` on), stored as the API stores one. */
  campaign(options: { count: number; firstPhone: number; nowMs?: number; maxRetryOfDetail?: number; perSlot?: number }): Promise<{ id: string }>;
};

/** The campaign's next batch at `nowMs`, claimed as a worker claims it (null: none due). */
export async function claimNext(db: Database, campaignId: string, nowMs: number): Promise<ClaimedBatch | null> {
  const decision = await claimNextBatch(db.prisma, { campaignId, nowMs, workerId: 'bench', leaseMs: 60_000, outcomeTimeoutMs: 3_600_000 });
  return decision.kind === 'send' ? decision.batch : null;
}

/** A claimed batch recorded as accepted by the provider under `sessionId`. */
export async function recordSent(db: Database, batchId: bigint, sessionId: string, nowMs: number): Promise<void> {
  await markBatchSending(db.prisma, batchId);
  await markBatchSent(db.prisma, { batchId, sessionId, nowMs });
}

/** The campaign's next batch, claimed and recorded as sent (null: none due). */
export async function sendNextBatch(db: Database, campaignId: string, nowMs: number, sessionId: string): Promise<ClaimedBatch | null> {
  const batch = await claimNext(db, campaignId, nowMs);
  if (batch) await recordSent(db, batch.batchId, sessionId, nowMs);
  return batch;
}

export async function withScratchDatabase(label: string, work: (scratch: Scratch) => Promise<void>): Promise<void> {
  const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  const name = `autocall_${label}_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await applyMigrations(url.toString(), { createDatabase: false });
    const db = createDatabase(url.toString(), { max: 2 });
    try {
      const tenantId = (await createTenant(db.prisma, 'bench')).id;
      const campaign: Scratch['campaign'] = ({ count, firstPhone, nowMs = Date.now(), maxRetryOfDetail = 0, perSlot = 1000 }) =>
        createCampaign(db.prisma, {
          tenantId,
          name: 'bench',
          sendTimeMs: nowMs,
          numberCallPerTime: perSlot,
          durationOfEachCall: 0,
          maxRetryOfDetail,
          retryAfterSeconds: 60,
          scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
          numberCallOuts: [],
          source: 'native',
          accepted: Array.from({ length: count }, (_, i) => ({ phone: `09${String(firstPhone + i).padStart(8, '0')}`, position: i })),
          invalid: [],
          duplicateCount: 0,
          actor: 'bench',
          nowMs,
        });
      await work({ db, tenantId, campaign });
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** CPU-ms spent so far by every postgres process of this machine (run the scripts on an otherwise idle one). */
export function postgresCpuMs(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      sum += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

/** Wall time, client CPU and Postgres CPU of one step, in ms. */
export type StepCost = { client: number; postgres: number; wall: number };

export const noCost = (): StepCost => ({ client: 0, postgres: 0, wall: 0 });

/** Runs `run` and adds what it cost to `cost`. */
export async function measureStep<T>(cost: StepCost, run: () => Promise<T>): Promise<T> {
  // Reading /proc for Postgres' CPU costs the client more than a small step: done outside the
  // client's window.
  const postgres = postgresCpuMs();
  const client = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  cost.wall += performance.now() - started;
  const { user, system } = process.cpuUsage(client);
  cost.client += (user + system) / 1000;
  cost.postgres += postgresCpuMs() - postgres;
  return result;
}
