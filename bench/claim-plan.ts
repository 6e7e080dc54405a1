// Why the claim's statements are written so that their plans do not depend on the table's
// statistics (packages/db/src/dispatch.ts, migration 20261207201800): a campaign created after the
// last ANALYZE (every new campaign, until the next one) looks like a handful of rows to the
// planner, and a plan chosen on that walked all of its waiting numbers for every claim. This times
// claims of 1000 numbers from such a campaign, then the same campaign's next claims once ANALYZE
// has run (the baseline: the planner knows the campaign), on a scratch database (bench/lib/scratch.ts).
//   node bench/claim-plan.ts       (BENCH_ADMIN_DATABASE_URL, default the local server's postgres database;
//                                   CLAIM_PLAN_NUMBERS, default 50000; CLAIM_PLAN_KNOWN, default 20000)
import { claimNext, recordSent, withScratchDatabase } from './lib/scratch.ts';

const numbers = Number(process.env.CLAIM_PLAN_NUMBERS ?? 50_000);
const known = Number(process.env.CLAIM_PLAN_KNOWN ?? 20_000);
const CLAIMS = 5;

await withScratchDatabase('claim_plan', async ({ db, campaign }) => {
  let nowMs = Date.now();
  // The statistics know one campaign; the measured one is created after them.
  await campaign({ count: known, firstPhone: 10_000_000, nowMs });
  await db.pool.query('ANALYZE');
  const fresh = await campaign({ count: numbers, firstPhone: 20_000_000, nowMs });

  const claims = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < CLAIMS; i++) {
      nowMs += 10;
      const started = performance.now();
      const batch = await claimNext(db, fresh.id, nowMs);
      times.push(performance.now() - started);
      if (!batch) throw new Error('expected a batch');
      await recordSent(db, batch.batchId, `bench-${nowMs}`, nowMs);
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
});
