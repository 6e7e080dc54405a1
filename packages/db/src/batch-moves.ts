// Batch status writes and the give-back of claimed numbers, shared by the claim, the provider
// reply writes and pause/cancel.
//
// LOCK ORDER (every dispatch transaction takes the locks it needs in this order, so two of them
// can never wait on each other):
//   1. the campaign row (`SELECT ... FROM campaigns ... FOR UPDATE`): claim, mark-sent,
//      mark-retry, reject-and-pause, the ambiguous write, pause/resume/cancel (the "sending" mark
//      is one statement on the batch row alone: batches.ts says why that is enough);
//   2. then batch rows (an UPDATE of the batch, guarded by its expected status);
//   3. then the provider session's advisory lock (mark-sent, to meet the cdr webhooks; its
//      one-statement form takes it before the batch row, which nothing else locks without first
//      holding the campaign row);
//   4. then numbers and their attempts (campaign_numbers, call_attempts, dial_log); a batch's open
//      count (batches.open_calls) is written in the statement that closes or gives back its calls.
// A transaction that needs a campaign row after touching its batches or numbers must take the
// campaign row first instead (see README "Guarantees").
import { BATCH_MOVES, type BatchMove } from '@autocall/domain';
import type { Executor } from './sql.ts';
import { Prisma } from './generated/client.ts';

// The pino subset a lost race is reported to.
export type RaceLog = { warn(fields: object, message: string): void };

export type MoveResult = { moved: true } | { moved: false; found: string | null };

// A batch write guarded by the status its move expects found another (or no batch): someone else
// settled it first (a late reply after the lease lapsed, a pause). Nothing is overwritten.
export function reportLostRace(log: RaceLog | undefined, batchId: bigint, move: BatchMove, found: string | null): MoveResult {
  const { from: expected, to } = BATCH_MOVES[move];
  log?.warn({ batchId: String(batchId), move, expected, found, wanted: to }, 'batch status changed under us; write dropped');
  return { moved: false, found };
}

/** Locks the campaign row of a batch (step 1 of the lock order) and returns its status. */
export async function lockCampaignOfBatch(tx: Executor, batchId: bigint): Promise<{ id: string; status: string } | undefined> {
  const [campaign] = await tx.$queryRaw<{ id: string; status: string }[]>`
    SELECT id, status::text AS status FROM campaigns
    WHERE id = (SELECT campaign_id FROM batches WHERE id = ${batchId}) FOR UPDATE`;
  return campaign;
}

// A CTE named `name` that takes the calls a statement just ended or gave back off their batches'
// open counts: `calls` is a CTE of the statement with one row per call (campaign_id, batch_id).
// The statement must not write those batch rows otherwise (a row is written once per statement;
// a second UPDATE of it would be ignored).
export function closeOpenCalls(name: string, calls: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(name)} AS (
      UPDATE batches b SET open_calls = b.open_calls - c.n
      FROM (SELECT campaign_id, batch_id, count(*)::int AS n FROM ${calls} GROUP BY 1, 2) c
      WHERE b.campaign_id = c.campaign_id AND b.id = c.batch_id
    )`;
}

/**
 * Gives claimed numbers back as if they had never been claimed: their open call in these batches
 * (the batch's open count), the attempt count and the dial-log entry the claim wrote (found by batch id, never by time: the
 * frequency cap must not count a call that never happened). The numbers become `to`, or, for
 * 'pool', pending or retry as before the claim. With `onlySuppressed`, only the numbers now on the
 * tenant's do-not-call list. One statement; the caller holds the campaign row.
 */
export async function giveBackClaims(
  tx: Executor,
  input: { batchIds: bigint[]; to: 'pool' | 'cancelled' | 'suppressed'; now: Date; onlySuppressed?: boolean },
): Promise<number> {
  if (input.batchIds.length === 0) return 0;
  const [row] = await tx.$queryRaw<{ given: number }[]>`
    WITH given AS (
      -- The batches' open calls: numbers still 'calling' in them (no attempt row is written before
      -- an outcome, so there is none to take back).
      SELECT n.campaign_id, n.id AS number_id, b.id AS batch_id, c.tenant_id
      FROM batches b JOIN campaigns c ON c.id = b.campaign_id
      JOIN campaign_numbers n ON n.campaign_id = b.campaign_id AND n.last_batch_id = b.id AND n.status = 'calling'
      WHERE b.id = ANY(${input.batchIds}::bigint[])
        AND (NOT ${input.onlySuppressed ?? false}::boolean
             OR EXISTS (SELECT 1 FROM suppressed_numbers s WHERE s.tenant_id = c.tenant_id AND s.phone = n.phone))
    ), numbers AS (
      UPDATE campaign_numbers n
      SET status = CASE WHEN ${input.to} = 'cancelled' THEN 'cancelled'::call_status
                        WHEN ${input.to} = 'suppressed' THEN 'suppressed'::call_status
                        WHEN n.attempts > 1 THEN 'retry'::call_status ELSE 'pending'::call_status END,
          attempts = n.attempts - 1, updated_at = ${input.now}
      FROM given WHERE n.campaign_id = given.campaign_id AND n.id = given.number_id AND n.status = 'calling'
      RETURNING n.phone, given.batch_id, given.tenant_id, given.campaign_id
    ), ${closeOpenCalls('reopened', Prisma.sql`numbers`)}, unhinted AS (
      -- Back in the pending range before the claim hint: the next claim reads the whole range.
      UPDATE campaigns SET claim_hint_at = NULL, claim_hint_position = NULL
      WHERE ${input.to} = 'pool' AND id IN (SELECT DISTINCT campaign_id FROM given)
    ), given_dials AS (
      SELECT batch_id, tenant_id, array_agg(phone) AS phones FROM numbers GROUP BY batch_id, tenant_id
    ), emptied AS (
      -- A batch's row goes when all its dials are given back; otherwise it loses those numbers.
      DELETE FROM dial_log d USING given_dials g
      WHERE d.batch_id = g.batch_id AND d.tenant_id = g.tenant_id AND d.phones <@ g.phones
    ), trimmed AS (
      UPDATE dial_log d SET phones = ARRAY(SELECT p FROM unnest(d.phones) AS p WHERE p <> ALL (g.phones))
      FROM given_dials g
      WHERE d.batch_id = g.batch_id AND d.tenant_id = g.tenant_id AND NOT d.phones <@ g.phones
    )
    SELECT count(*)::int AS given FROM numbers`;
  return row?.given ?? 0;
}
