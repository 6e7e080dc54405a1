// What a slot of a big campaign costs in Postgres and in the client, by step: the claim of 1000
// numbers, the "sending" mark and the "sent" mark, one batch after another from a 200,000-number
// campaign (the 1M dispatch's shape, without the cdr webhooks), on a scratch database
// (bench/lib/scratch.ts). Postgres CPU from /proc (every postgres process of this machine, so run it
// on an otherwise idle one).
// CLAIM_COST_WITHOUT=<index or constraint of campaign_numbers> drops it first: what one index costs
// the claim (a what-if on the scratch copy; every index there serves a read or a rule).
//   node bench/claim-cost.ts   (BENCH_ADMIN_DATABASE_URL; CLAIM_COST_NUMBERS, default 200000; CLAIM_COST_BATCHES, default 100)
import { markBatchSending, markBatchSent } from '@autocall/db';
import { claimNext, measureStep, noCost, withScratchDatabase } from './lib/scratch.ts';

const numbers = Number(process.env.CLAIM_COST_NUMBERS ?? 200_000);
const batches = Number(process.env.CLAIM_COST_BATCHES ?? 100);
const without = process.env.CLAIM_COST_WITHOUT;

await withScratchDatabase('claim_cost', async ({ db, campaign }) => {
  let nowMs = Date.now();
  const big = await campaign({ count: numbers, firstPhone: 20_000_000, nowMs });
  if (without) {
    const { rows } = await db.pool.query<{ constraint: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'campaign_numbers'::regclass AND conname = $1) AS constraint`,
      [without],
    );
    await db.pool.query(rows[0]!.constraint ? `ALTER TABLE campaign_numbers DROP CONSTRAINT "${without}"` : `DROP INDEX "${without}"`);
  }
  await db.pool.query('ANALYZE');
  await db.pool.query('CHECKPOINT');
  const steps = { claim: noCost(), sending: noCost(), sent: noCost() };
  const measure = <T>(step: keyof typeof steps, run: () => Promise<T>) => measureStep(steps[step], run);
  for (let i = 0; i < batches; i++) {
    nowMs += 10;
    const batch = await measure('claim', () => claimNext(db, big.id, nowMs));
    if (!batch) throw new Error('expected a batch');
    await measure('sending', () => markBatchSending(db.prisma, batch.batchId));
    await measure('sent', () => markBatchSent(db.prisma, { batchId: batch.batchId, sessionId: `bench-${i}`, nowMs }));
  }
  console.log(`${batches} batches of 1000 from a ${numbers.toLocaleString('en-US')}-number campaign${without ? ` without ${without}` : ''}, per batch:`);
  for (const [step, t] of Object.entries(steps)) {
    console.log(`  ${step.padEnd(8)} wall ${(t.wall / batches).toFixed(1)} ms; CPU client ${(t.client / batches).toFixed(1)} ms, Postgres ${(t.postgres / batches).toFixed(1)} ms`);
  }
});
