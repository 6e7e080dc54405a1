// What a campaign's first slot costs against its next ones, by step, in Postgres and in the client:
// the timing scenario's shape (2 numbers a slot), on a scratch database (bench/lib/scratch.ts).
// The first slot's claim also starts the campaign (scheduled -> running: its row, the audit event,
// the outbound webhook's fan-out), and in the timing scenario every campaign's first slot comes due
// within one slot length, so what it costs more decides whether the run starts behind.
// Postgres CPU from /proc (every postgres process of this machine: run it on an otherwise idle one).
//   node bench/first-slot.ts   (BENCH_ADMIN_DATABASE_URL; FIRST_SLOT_CAMPAIGNS, default 300)
import { markBatchSending, markBatchSent } from '@autocall/db';
import { claimNext, measureStep, noCost, withScratchDatabase, type StepCost } from './lib/scratch.ts';

const campaigns = Number(process.env.FIRST_SLOT_CAMPAIGNS ?? 300);
const SLOTS = 3;

await withScratchDatabase('first_slot', async ({ db, campaign }) => {
  let nowMs = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < campaigns; i++) ids.push((await campaign({ count: 2 * SLOTS, firstPhone: 30_000_000 + i * 10, nowMs, perSlot: 2 })).id);
  await db.pool.query('ANALYZE');
  await db.pool.query('CHECKPOINT');
  const bySlot = Array.from({ length: SLOTS }, () => ({ claim: noCost(), sending: noCost(), sent: noCost() }));
  // Slot by slot across the campaigns, as the scenario's clock has them: every first slot, then
  // every second one.
  for (let slot = 0; slot < SLOTS; slot++) {
    for (const [i, id] of ids.entries()) {
      nowMs += 10;
      const steps = bySlot[slot]!;
      const batch = await measureStep(steps.claim, () => claimNext(db, id, nowMs));
      if (!batch) throw new Error(`expected slot ${slot} of campaign ${i}`);
      await measureStep(steps.sending, () => markBatchSending(db.prisma, batch.batchId));
      await measureStep(steps.sent, () => markBatchSent(db.prisma, { batchId: batch.batchId, sessionId: `first-${slot}-${i}`, nowMs }));
    }
  }
  console.log(`${campaigns} campaigns of ${2 * SLOTS} numbers, 2 a slot; per slot, by step:`);
  for (const [slot, steps] of bySlot.entries()) {
    const total = Object.values(steps).reduce((t, c) => ({ client: t.client + c.client, postgres: t.postgres + c.postgres, wall: t.wall + c.wall }), noCost());
    const line = (c: StepCost) => `wall ${(c.wall / campaigns).toFixed(2)}, client ${(c.client / campaigns).toFixed(2)}, Postgres ${(c.postgres / campaigns).toFixed(2)} ms`;
    console.log(`  slot ${slot}: ${line(total)}`);
    for (const [step, c] of Object.entries(steps)) console.log(`    ${step.padEnd(8)} ${line(c)}`);
  }
});
