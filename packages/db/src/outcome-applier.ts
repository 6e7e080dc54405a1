// The outcome applier's side of the provider event log: it takes appended events in order, in
// sets, applies them (outcomes.ts says what each means) and records how far it got in one row.
import type { PrismaClient } from './client.ts';
import { Prisma } from './generated/client.ts';
import { applyStoredEvents, STORED_COLUMNS, type RecordedEvents, type StoredEvent } from './outcomes.ts';
import { inOrder, transaction, type Sql as Db } from './sql.ts';

// The appliers' turn: the two-key advisory lock space, apart from the sessions' one-key locks.
const APPLIER_LOCK = [0x6163_6f65, 1] as const; // 'acoe': autocall outcome events

// Applies up to `limit` appended events, oldest first, in one transaction, and moves the
// applier's mark (the outcome_applier row) past them: applying an event writes nothing into its
// row (an applied mark and a row lock per event were two more writes of each). Appliers (API
// processes, the workers' sweep) take turns through one advisory lock; two sets applied side by
// side would wait on the same campaign rows anyway.
//
// The mark is safe because only settled events are taken: events go in (xact, id) order, and an
// event is taken only once its transaction id is below the oldest transaction still running
// in this database (SETTLED_BEFORE), so no event can commit later at or before the mark. Events
// that committed while an older writer was still running are held back until it ends, normally
// milliseconds; the take waits for them up to HELD_BACK_WAIT_MS, then applies what has settled and
// says `more`.
//
// `taken` counts the events applied; `more` says another call may find more (a full set, or
// events held back). `receivedBeforeMs` leaves younger events to the process that appended them.
export async function applyPendingEvents(
  prisma: PrismaClient,
  nowMs: number,
  limit: number,
  options: { receivedBeforeMs?: number } = {},
): Promise<RecordedEvents & { taken: number; more: boolean }> {
  const before = new Date(options.receivedBeforeMs ?? 8.64e15);
  return transaction(prisma, async (tx) => {
    // The mark is read in a statement after the turn's lock (it must see the last holder's commit),
    // sent with it and with BEGIN in one socket write (inOrder).
    const [, [mark]] = await inOrder(tx, [
      () => tx.$queryRaw`SELECT pg_advisory_xact_lock(${APPLIER_LOCK[0]}::int, ${APPLIER_LOCK[1]}::int)`,
      () => tx.$queryRaw<{ applied_xact: string; applied_id: bigint; ahead: boolean }[]>`
        SELECT applied_xact::text, applied_id, applied_xact >= pg_snapshot_xmax(pg_current_snapshot()) AS ahead
        FROM outcome_applier WHERE id = 1`,
    ] as const);
    const from = mark?.ahead ? await rebaseMark(tx, mark) : { xact: mark?.applied_xact ?? '0', id: String(mark?.applied_id ?? 0n) };
    let rows: TakenEvent[] = [];
    for (let waitedMs = 0, stepMs = 1; ; waitedMs += stepMs, stepMs = Math.min(stepMs * 2, 50)) {
      rows = await takeAfter(tx, from, limit, before);
      const held = rows.findIndex((r) => !r.settled);
      if (held < 0 || waitedMs >= HELD_BACK_WAIT_MS) break;
      await new Promise((resolve) => setTimeout(resolve, stepMs));
    }
    // The events before the first one that is held back or too young, in (xact, id) order.
    const stop = rows.findIndex((r) => !r.settled || !(r.received_at < before));
    const ready = stop < 0 ? rows : rows.slice(0, stop);
    const toApply = ready.filter((r) => !r.applied_inline);
    const { result, deferred } = await applyStoredEvents(tx, toApply, nowMs);
    // The mark stops before a deferred event (its campaign was not held): the next set starts there.
    const firstDeferred = deferred.length === 0 ? -1 : ready.findIndex((r) => deferred.some((d) => d.id === r.id));
    const passed = firstDeferred < 0 ? ready : ready.slice(0, firstDeferred);
    const last = passed.at(-1);
    if (last) {
      await tx.$executeRaw`
        INSERT INTO outcome_applier (id, applied_xact, applied_id) VALUES (1, ${last.xact_text}::xid8, ${last.id})
        ON CONFLICT (id) DO UPDATE SET applied_xact = EXCLUDED.applied_xact, applied_id = EXCLUDED.applied_id`;
    }
    const tooYoung = stop >= 0 && rows[stop]!.settled;
    const more = !tooYoung && (rows.length === limit || stop >= 0 || firstDeferred >= 0);
    return { ...result, taken: toApply.length, more };
  });
}

// A mark ahead of every transaction id this server has handed out cannot happen on the server that
// wrote it: the database was restored from a logical dump into a server whose ids are lower. New
// events would sort before the mark and never be applied, and restored rows would never count as
// settled. So the restored rows (ids from the future) get xact 0 and the mark restarts just before
// the first row it had not passed: rows passed already may be passed again, which changes nothing.
async function rebaseMark(tx: Db, mark: { applied_xact: string; applied_id: bigint }): Promise<{ xact: string; id: string }> {
  const [row] = await tx.$queryRaw<{ id: bigint }[]>`
    WITH first_left AS (
      SELECT min(id) AS id FROM provider_events WHERE (xact, id) > (${mark.applied_xact}::xid8, ${mark.applied_id}::bigint)
    ),
    restored AS (
      UPDATE provider_events SET xact = '0'::xid8 WHERE xact >= pg_snapshot_xmax(pg_current_snapshot()) RETURNING 1
    ),
    rebased AS (
      UPDATE outcome_applier SET applied_xact = '0'::xid8,
        applied_id = COALESCE((SELECT id - 1 FROM first_left), (SELECT max(id) FROM provider_events), 0)
      WHERE id = 1 RETURNING applied_id
    )
    -- Every data-modifying part runs, read or not; all of them see the rows as they were.
    SELECT applied_id AS id FROM rebased`;
  return { xact: '0', id: String(row?.id ?? 0n) };
}

// How long a set waits for events held back by a transaction still running (see above).
const HELD_BACK_WAIT_MS = 1_000;

// `xact_text`, not `xact`: an output column named xact would be what ORDER BY xact sorts by (as
// text, and by no index).
type TakenEvent = StoredEvent & { xact_text: string; applied_inline: boolean; received_at: Date; settled: boolean };

// The oldest transaction still running that may write an event: the oldest running one in this
// database, or, when none runs, the next transaction id. `pg_snapshot_xmin` alone would be the
// whole server's, so an open transaction in any other database (another product's, or another test
// file's in a parallel suite) held every outcome back, and a read waited for nothing.
//
// A running transaction counts as another database's only when it is seen holding a lock on one of
// that database's tables (a backend locks only its own database's tables, and shared catalogs under
// database 0); one that holds none, or that ended after the snapshot (its events may be invisible
// to this statement), still counts as ours. Read from the statement's own snapshot: a scalar
// subquery, evaluated once and only when `pg_snapshot_xmin` has not settled an event already.
// pg_locks is read once (MATERIALIZED): the transaction id's holder and its table locks are
// matched by virtual transaction id, never reused.
const SETTLED_BEFORE = Prisma.sql`(
  WITH locks AS MATERIALIZED (
    SELECT locktype, transactionid, database, virtualtransaction FROM pg_locks
    WHERE granted AND locktype IN ('transactionid', 'relation')
  )
  SELECT COALESCE(min(running), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS running
  WHERE NOT EXISTS (
    SELECT 1 FROM locks AS own JOIN locks AS elsewhere USING (virtualtransaction)
    WHERE own.locktype = 'transactionid' AND own.transactionid = xid(running)
      AND elsewhere.locktype = 'relation'
      AND elsewhere.database NOT IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
  )
)`;

// Up to `limit` events after the mark, in (xact, id) order (the (xact, id) index), each saying
// whether its transaction is settled, i.e. older than every transaction still running that may
// write one (SETTLED_BEFORE): all settled ones come first in this order. Empty when the oldest
// waiting event (not applied inline) was received at or after `before` (one probe, evaluated once).
async function takeAfter(tx: Db, from: { xact: string; id: string }, limit: number, before: Date): Promise<TakenEvent[]> {
  return tx.$queryRaw<TakenEvent[]>`
    SELECT ${STORED_COLUMNS}, xact::text AS xact_text, applied_inline, received_at,
           xact < pg_snapshot_xmin(pg_current_snapshot()) OR xact < ${SETTLED_BEFORE} AS settled
    FROM provider_events
    WHERE (xact, id) > (${from.xact}::xid8, ${from.id}::bigint)
      AND (SELECT received_at FROM provider_events WHERE (xact, id) > (${from.xact}::xid8, ${from.id}::bigint) AND NOT applied_inline
           ORDER BY xact, id LIMIT 1) < ${before}
    ORDER BY xact, id LIMIT ${limit}`;
}
