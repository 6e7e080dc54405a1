// Why the claim's statements are written so that their plans do not depend on the table's
// statistics (packages/db/src/dispatch.ts, migration 20261207201800): a campaign created after the
// last ANALYZE (every new campaign, until the next one) looks like a handful of rows to the
// planner, and a plan chosen on that walked all of its waiting numbers for every claim. This times
// claims of 1000 numbers from such a campaign, then the same campaign's next claims once ANALYZE
// has run (the baseline: the planner knows the campaign), on a scratch database dropped at the end.
//   node bench/claim-plan.ts       (BENCH_ADMIN_DATABASE_URL, default the local server's postgres database;
//                                   CLAIM_PLAN_NUMBERS, default 50000; CLAIM_PLAN_KNOWN, default 20000)
import pg from 'pg';
import { createDatabase, createCampaign, claimNextBatch, markBatchSending, markBatchSent } from '@autocall/db';
import { applyMigrations } from '@autocall/db/migrate';
import { createTenant } from '../packages/db/src/api-keys.ts';

const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const numbers = Number(process.env.CLAIM_PLAN_NUMBERS ?? 50_000);
const known = Number(process.env.CLAIM_PLAN_KNOWN ?? 20_000);
const CLAIMS = 5;

const admin = new pg.Client(adminUrl);
await admin.connect();
const name = `autocall_claim_plan_${process.pid}`;
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
try {
  await applyMigrations(url.toString(), { createDatabase: false });
  const db = createDatabase(url.toString(), { max: 2 });
  try {
    const tenantId = (await createTenant(db.prisma, 'bench')).id;
    const campaign = (label: string, count: number, first: number, nowMs: number) =>
      createCampaign(db.prisma, {
        tenantId, name: label, sendTimeMs: nowMs, numberCallPerTime: 1000, durationOfEachCall: 0, maxRetryOfDetail: 0, retryAfterSeconds: 60,
        scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }], numberCallOuts: [], source: 'native',
        accepted: Array.from({ length: count }, (_, i) => ({ phone: `09${String(first + i).padStart(8, '0')}`, position: i })),
        invalid: [], duplicateCount: 0, actor: 'bench', nowMs,
      });
    let nowMs = Date.now();
    // The statistics know one campaign; the measured one is created after them.
    await campaign('known', known, 10_000_000, nowMs);
    await db.pool.query('ANALYZE');
    const fresh = await campaign('fresh', numbers, 20_000_000, nowMs);

    const claims = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < CLAIMS; i++) {
        nowMs += 10;
        const started = performance.now();
        const decision = await claimNextBatch(db.prisma, { campaignId: fresh.id, nowMs, workerId: 'bench', leaseMs: 60_000, outcomeTimeoutMs: 3_600_000 });
        times.push(performance.now() - started);
        if (decision.kind !== 'send') throw new Error(`expected a batch, got ${decision.kind}`);
        await markBatchSending(db.prisma, decision.batch.batchId);
        await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: `bench-${nowMs}`, nowMs });
      }
      return times;
    };
    const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknown = await claims();
    await db.pool.query('ANALYZE');
    const analysed = await claims();
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
    console.log(`claims of 1000 from a ${numbers.toLocaleString('en-US')}-number campaign (${known.toLocaleString('en-US')} numbers of another campaign in the statistics):`);
    console.log(`  created after the last ANALYZE: ${fmt(unknown)} ms (median ${median(unknown).toFixed(1)})`);
    console.log(`  after ANALYZE (baseline):       ${fmt(analysed)} ms (median ${median(analysed).toFixed(1)})`);
    console.log(`  ratio of medians: ${(median(unknown) / median(analysed)).toFixed(2)}`);
  } finally {
    await db.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
