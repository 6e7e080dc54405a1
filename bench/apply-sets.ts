// What an outcome set costs by its size (apps/api/src/services/outcome-applier.ts waits a moment
// between sets under load because of it): cdr events for dialled numbers are appended, then applied
// with applyPendingEvents in sets of 10, 60 and 1000, one after the other in one process, after an
// unmeasured warm-up. Client CPU from process.cpuUsage, Postgres CPU from /proc (every postgres
// process of this machine, so run it on an otherwise idle one); a scratch database
// (bench/lib/scratch.ts). A cost per event of `fixed / size + marginal` fits the figures; the fit
// is printed.
//   node bench/apply-sets.ts   (BENCH_ADMIN_DATABASE_URL, default the local server's postgres database;
//                               APPLY_SETS_EVENTS, events per set size, default 6000)
import { randomUUID } from 'node:crypto';
import { appendCallEvents, applyPendingEvents, sqlOf, type CallEvent } from '@autocall/db';
import { postgresCpuMs, sendNextBatch, withScratchDatabase } from './lib/scratch.ts';

const perSize = Number(process.env.APPLY_SETS_EVENTS ?? 6_000);
const SIZES = [10, 60, 1000];
// Applied first, unmeasured: the client's code is not measured cold.
const WARM_UP = 2_000;

await withScratchDatabase('apply_sets', async ({ db, campaign: newCampaign }) => {
  const numbers = WARM_UP + perSize * SIZES.length;
  let nowMs = Date.now();
  const campaign = await newCampaign({ count: numbers, firstPhone: 10_000_000, nowMs, maxRetryOfDetail: 1 });
  await db.pool.query('ANALYZE');
  // Every number dialled (batches of 1000, recorded as sent), then one cdr each, 3 in 5 answered.
  const events: CallEvent[] = [];
  for (;;) {
    nowMs += 10;
    const session = randomUUID();
    const batch = await sendNextBatch(db, campaign.id, nowMs, session);
    if (!batch) break;
    batch.phones.forEach((phone, i) => {
      const answered = i % 5 < 3;
      const callUuid = randomUUID();
      const payload = { call_uuid: callUuid, state: 'cdr', autocall_id: session, to_number: phone, disposition: answered ? 'answered' : 'cancelled' };
      events.push({ dedupeKey: callUuid, state: 'cdr', autocallId: session, phone, answered, answerSec: answered ? 10 : 0, hangupCause: null, callUuid, atMs: nowMs + 5_000, payload });
    });
  }
  for (let i = 0; i < events.length; i += 16) await appendCallEvents(sqlOf(db.prisma), events.slice(i, i + 16), nowMs);

  for (let applied = 0; applied < WARM_UP; ) applied += (await applyPendingEvents(db.prisma, nowMs + 6_000, Math.min(60, WARM_UP - applied))).taken;
  // The appends' dirty pages written out now rather than during a measurement.
  await db.pool.query('CHECKPOINT');
  const rows: { size: number; perEventUs: number }[] = [];
  console.log(`${perSize.toLocaleString('en-US')} events per set size, applied in sets of:`);
  for (const size of SIZES) {
    const client = process.cpuUsage();
    const postgres = postgresCpuMs();
    const started = performance.now();
    let applied = 0;
    while (applied < perSize) applied += (await applyPendingEvents(db.prisma, nowMs + 6_000, Math.min(size, perSize - applied))).taken;
    const wallMs = performance.now() - started;
    const { user, system } = process.cpuUsage(client);
    const clientUs = (user + system) / applied;
    const postgresUs = ((postgresCpuMs() - postgres) * 1000) / applied;
    rows.push({ size, perEventUs: clientUs + postgresUs });
    console.log(`  ${String(size).padStart(5)}: ${(applied / wallMs * 1000).toFixed(0).padStart(6)} events/s; CPU per event: client ${clientUs.toFixed(1)} us, Postgres ${postgresUs.toFixed(1)} us`);
  }
  // cost(size) = fixed / size + marginal, from the smallest and the largest sets.
  const a = rows[0]!;
  const b = rows.at(-1)!;
  const fixedUs = (a.perEventUs - b.perEventUs) / (1 / a.size - 1 / b.size);
  console.log(`fit: ${(fixedUs / 1000).toFixed(2)} CPU-ms a set + ${(b.perEventUs - fixedUs / b.size).toFixed(1)} us an event`);
});
