import { describe, expect, it } from 'vitest';
import { markBatchSending, markBatchSent } from './batches.ts';
import { claimNextBatch } from './dispatch.ts';
import { transaction, type Sql } from './sql.ts';
import { seedCampaign, useTestDb } from './test-fixtures.ts';

// Plans that must not depend on the table's statistics. Its own database: the ANALYZE below must
// not change the plans of other files' tests.
const shared = useTestDb();
const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);

// Rows of campaign_numbers read so far by this connection and not yet reported (nothing is reported
// while a transaction runs, so the difference of two readings in one transaction is what ran in
// between): those fetched through an index plus those a sequential scan read (the test database is
// never vacuumed, so index-only scans fetch their rows too).
async function numberRowsRead(tx: Sql): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT (COALESCE(idx_tup_fetch, 0) + seq_tup_read)::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'campaign_numbers'`;
  return row?.n ?? 0;
}

describe('claim plans', () => {
  it('reads about a batch of numbers per claim, however many wait, in a campaign created after the last ANALYZE', async () => {
    const { prisma } = shared.db;
    // The statistics know one campaign; the one being claimed is new to them, as every new campaign
    // is until the next ANALYZE. Its many waiting numbers then look like one row to the planner.
    // Autovacuum (where it runs) must not analyse the table behind the test's back.
    await prisma.$executeRawUnsafe('ALTER TABLE campaign_numbers SET (autovacuum_enabled = false)');
    const known = await seedCampaign(prisma, { nowMs: T0, count: 2_000 });
    await prisma.$executeRawUnsafe('ANALYZE');
    const fresh = await seedCampaign(prisma, { nowMs: T0, tenantId: known.tenantId, count: 4_000, numberCallPerTime: 10, durationOfEachCall: 1 });
    const [plan] = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM campaign_numbers WHERE campaign_id = '${fresh.id}'::uuid`,
    );
    expect(plan!['QUERY PLAN'][0].Plan['Plan Rows']).toBeLessThan(100);

    const reads: number[] = [];
    for (const slot of [0, 1, 2]) {
      const nowMs = T0 + slot * 1_000;
      reads.push(
        await transaction(prisma, async (tx) => {
          const before = await numberRowsRead(tx);
          const decision = await claimNextBatch(tx, { campaignId: fresh.id, nowMs, workerId: 'w1', leaseMs: 100, outcomeTimeoutMs: 600_000 });
          if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
          expect(decision.batch.phones).toEqual(fresh.phones.slice(slot * 10, slot * 10 + 10));
          const read = (await numberRowsRead(tx)) - before;
          await markBatchSending(tx, decision.batch.batchId);
          await markBatchSent(tx, { batchId: decision.batch.batchId, sessionId: `s-${slot}`, nowMs });
          return read;
        }),
      );
    }
    // A batch is 10 numbers: 11 read to see whether more are due, and one for claim_state's first
    // entry (12 in all here; the update's reads by address are not counted). Walking the waiting
    // numbers read 4,000 or more per claim.
    for (const n of reads) expect(n).toBeLessThan(100);
  });
});
