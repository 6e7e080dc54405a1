// Why the API analyses campaign_numbers after storing a large list (apps/api/src/services/
// number-statistics.ts): the console's reads of a campaign stored after the last ANALYZE, then of
// the same campaign once analysed (the baseline), on a scratch database (bench/lib/scratch.ts). The
// campaign has three batches out, so every status the calls page filters by exists.
//   node bench/new-campaign-reads.ts   (BENCH_ADMIN_DATABASE_URL, default the local server's postgres
//                                        database; NEW_CAMPAIGN_NUMBERS, default 200000)
import { campaignWithCounts, listCalls } from '@autocall/db';
import { sendNextBatch, withScratchDatabase } from './lib/scratch.ts';

const numbers = Number(process.env.NEW_CAMPAIGN_NUMBERS ?? 200_000);
const ROUNDS = 5;

await withScratchDatabase('new_campaign', async ({ db, tenantId, campaign }) => {
  // The statistics know another campaign; the measured one is stored after them.
  await campaign({ count: 20_000, firstPhone: 10_000_000 });
  await db.pool.query('ANALYZE');
  const fresh = await campaign({ count: numbers, firstPhone: 20_000_000 });
  let nowMs = Date.now();
  for (let i = 0; i < 3; i++) {
    nowMs += 10;
    if (!(await sendNextBatch(db, fresh.id, nowMs, `bench-${i}`))) throw new Error('expected a batch');
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
});
