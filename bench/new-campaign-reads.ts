// Why the API analyses campaign_numbers after storing a large list (apps/api/src/services/
// number-statistics.ts): the console's reads of a campaign stored after the last ANALYZE, then of
// the same campaign once analysed (the baseline), on a scratch database dropped at the end. The
// campaign has three batches out, so every status the calls page filters by exists.
//   node bench/new-campaign-reads.ts   (BENCH_ADMIN_DATABASE_URL, default the local server's postgres
//                                        database; NEW_CAMPAIGN_NUMBERS, default 200000)
import pg from 'pg';
import { campaignWithCounts, claimNextBatch, createCampaign, createDatabase, listCalls, markBatchSending, markBatchSent } from '@autocall/db';
import { applyMigrations } from '@autocall/db/migrate';
import { createTenant } from '../packages/db/src/api-keys.ts';

const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const numbers = Number(process.env.NEW_CAMPAIGN_NUMBERS ?? 200_000);
const ROUNDS = 5;

const admin = new pg.Client(adminUrl);
await admin.connect();
const name = `autocall_new_campaign_${process.pid}`;
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
try {
  await applyMigrations(url.toString(), { createDatabase: false });
  const db = createDatabase(url.toString(), { max: 2 });
  try {
    const tenantId = (await createTenant(db.prisma, 'bench')).id;
    const campaign = (count: number, first: number) =>
      createCampaign(db.prisma, {
        tenantId, name: 'bench', sendTimeMs: Date.now(), numberCallPerTime: 1000, durationOfEachCall: 0, maxRetryOfDetail: 0, retryAfterSeconds: 60,
        scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }], numberCallOuts: [], source: 'native',
        accepted: Array.from({ length: count }, (_, i) => ({ phone: `09${String(first + i).padStart(8, '0')}`, position: i })),
        invalid: [], duplicateCount: 0, actor: 'bench', nowMs: Date.now(),
      });
    // The statistics know another campaign; the measured one is stored after them.
    await campaign(20_000, 10_000_000);
    await db.pool.query('ANALYZE');
    const fresh = await campaign(numbers, 20_000_000);
    let nowMs = Date.now();
    for (let i = 0; i < 3; i++) {
      nowMs += 10;
      const decision = await claimNextBatch(db.prisma, { campaignId: fresh.id, nowMs, workerId: 'bench', leaseMs: 60_000, outcomeTimeoutMs: 3_600_000 });
      if (decision.kind !== 'send') throw new Error(`expected a batch, got ${decision.kind}`);
      await markBatchSending(db.prisma, decision.batch.batchId);
      await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: `bench-${i}`, nowMs });
    }

    const reads: [string, () => Promise<unknown>][] = [
      ['calls page 1', () => listCalls(db.prisma, { campaignId: fresh.id, limit: 50 })],
      ['calls status=calling', () => listCalls(db.prisma, { campaignId: fresh.id, limit: 50, status: ['calling'] })],
      ['calls status=pending', () => listCalls(db.prisma, { campaignId: fresh.id, limit: 50, status: ['pending'] })],
      ['calls status=answered (none)', () => listCalls(db.prisma, { campaignId: fresh.id, limit: 50, status: ['answered'] })],
      ['campaign detail with counts', () => campaignWithCounts(db.prisma, tenantId, fresh.id)],
    ];
    const median = async (read: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        await read();
        times.push(performance.now() - started);
      }
      return times.toSorted((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
    };
    const unknown: number[] = [];
    for (const [, read] of reads) unknown.push(await median(read));
    await db.pool.query('ANALYZE campaign_numbers');
    const analysed: number[] = [];
    for (const [, read] of reads) analysed.push(await median(read));
    console.log(`median of ${ROUNDS} reads of a ${numbers.toLocaleString('en-US')}-number campaign, stored after the last ANALYZE / once analysed (baseline):`);
    reads.forEach(([label], i) =>
      console.log(`  ${label.padEnd(30)} ${unknown[i]!.toFixed(1).padStart(7)} ms  ${analysed[i]!.toFixed(1).padStart(7)} ms  ratio ${(unknown[i]! / analysed[i]!).toFixed(1)}`),
    );
  } finally {
    await db.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
