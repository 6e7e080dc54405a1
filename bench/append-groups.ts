// What appending cdr events costs by group size (the webhook route's group commit,
// apps/api/src/services/group-commit.ts): events appended with appendCallEvents in groups of 1, 8
// and 64, one group after another in one process, after an unmeasured warm-up. Client CPU from
// process.cpuUsage, Postgres CPU from /proc (every postgres process of this machine, so run it on
// an otherwise idle one); a scratch database (bench/lib/scratch.ts).
//   node bench/append-groups.ts   (BENCH_ADMIN_DATABASE_URL; APPEND_GROUPS_EVENTS, events per size, default 16000)
import { randomUUID } from 'node:crypto';
import { appendCallEvents, sqlOf, type CallEvent } from '@autocall/db';
import { postgresCpuMs, withScratchDatabase } from './lib/scratch.ts';

const perSize = Number(process.env.APPEND_GROUPS_EVENTS ?? 16_000);
const SIZES = [1, 8, 64];

function cdr(i: number, nowMs: number): CallEvent {
  const callUuid = randomUUID();
  const session = randomUUID();
  const phone = `09${String(10_000_000 + i)}`;
  const payload = {
    call_uuid: callUuid, state: 'cdr', direction: 'outbound', from_number: '02873001234', to_number: phone, hotline: '02873001234',
    created_time: Math.floor(nowMs / 1000), date_time: nowMs, transaction_id: randomUUID(), is_auto_call: true, autocall_id: session,
    autocall_uuid: randomUUID(), disposition: 'answered', answer_sec: 12, bill_sec: 12, duration: 15, hangup_cause: 'NORMAL_CLEARING',
    recording_file_url: null,
  };
  return { dedupeKey: callUuid, state: 'cdr', autocallId: session, phone, answered: true, answerSec: 12, hangupCause: 'NORMAL_CLEARING', callUuid, atMs: nowMs, payload };
}

await withScratchDatabase('append_groups', async ({ db }) => {
  const sql = sqlOf(db.prisma);
  const nowMs = Date.now();
  let next = 0;
  for (let i = 0; i < 2_000; i += 8) await appendCallEvents(sql, Array.from({ length: 8 }, () => cdr(next++, nowMs)), nowMs);
  await db.pool.query('CHECKPOINT');
  console.log(`${perSize.toLocaleString('en-US')} events per group size, appended one group at a time in groups of:`);
  for (const size of SIZES) {
    const groups = Array.from({ length: Math.ceil(perSize / size) }, () => Array.from({ length: size }, () => cdr(next++, nowMs)));
    const client = process.cpuUsage();
    const postgres = postgresCpuMs();
    const started = performance.now();
    for (const group of groups) await appendCallEvents(sql, group, nowMs);
    const wallMs = performance.now() - started;
    const { user, system } = process.cpuUsage(client);
    const events = groups.length * size;
    console.log(
      `  ${String(size).padStart(3)}: ${((events / wallMs) * 1000).toFixed(0).padStart(6)} events/s; CPU per event: client ${(((user + system) / events)).toFixed(1)} us, Postgres ${(((postgresCpuMs() - postgres) * 1000) / events).toFixed(1)} us`,
    );
  }
});
