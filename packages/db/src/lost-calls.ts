// Calls whose outcome will never come: numbers handed to the provider with no outcome after the
// timeout (no_result), and batches the provider may or may not have taken (unknown). Neither is
// ever dialled again automatically. Used by the claim and by the clean-up of cancelled campaigns.
import { closeOpenCalls, lockCampaignOfBatch, reportLostRace, type MoveResult, type RaceLog } from './batch-moves.ts';
import { inTransaction, type Executor, type Executor as Db } from './sql.ts';
import { Prisma } from './generated/client.ts';

// Numbers handed to the provider whose outcome never came: no_result, never dialled again. Only
// batches the provider accepted: a batch not yet accepted (waiting to be sent again) holds numbers
// that are still 'dialing', whose clock starts when it goes out.
export async function expireOverdueCalls(tx: Db, campaignId: string, dialedBefore: Date, now: Date): Promise<number> {
  // One statement: the open batches dialled before the cut, their calls' numbers (each call's
  // attempt is its number's row, now final), the batches' open count, then call.no_result
  // webhooks for subscribed endpoints into the outbox.
  const [row] = await tx.$queryRaw<{ expired: number }[]>`
    WITH overdue AS (
      SELECT id, dialed_at FROM batches
      WHERE campaign_id = ${campaignId}::uuid AND open_calls > 0 AND dialed_at < ${dialedBefore} AND status NOT IN ('claimed', 'sending')
    ), numbers AS (
      UPDATE campaign_numbers n SET status = 'no_result', updated_at = ${now}, outcome_at = ${now}
      FROM overdue WHERE n.campaign_id = ${campaignId}::uuid AND n.last_batch_id = overdue.id AND n.status = 'calling'
      RETURNING n.campaign_id, n.phone, n.attempts, overdue.id AS batch_id
    ), ${closeOpenCalls('closed', Prisma.sql`numbers`)}, hooks AS (
      INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, next_attempt_at, created_at)
      SELECT e.id, 'call.no_result', jsonb_build_object('campaignId', numbers.campaign_id, 'phone', numbers.phone,
          'status', 'no_result', 'attempts', numbers.attempts, 'at', ${now.getTime()}::bigint), ${now}, ${now}
      FROM numbers
      JOIN campaigns c ON c.id = numbers.campaign_id
      JOIN webhook_endpoints e ON e.tenant_id = c.tenant_id AND e.active AND 'call.no_result' = ANY(e.events)
    )
    SELECT count(*)::int AS expired FROM numbers`;
  return row?.expired ?? 0;
}

// The provider may have accepted the batch and nothing says so: its numbers become `unknown`,
// never dialled again automatically. Only a batch still `sending` moves; one already settled
// (sent by a late reply, or settled by another worker) is left as it is and the race is logged.
// Lock order: the campaign row first (the claim holds it already).
export async function markBatchAmbiguous(db: Executor, batchId: bigint, reason: string, nowMs: number, log?: RaceLog): Promise<MoveResult> {
  const now = new Date(nowMs);
  return inTransaction(db, async (tx) => {
    await lockCampaignOfBatch(tx, batchId);
    const [row] = await tx.$queryRaw<{ moved: boolean; found: string | null }[]>`
      WITH lost AS (
        -- Every open call of the batch ends here (below): none stays open.
        UPDATE batches SET status = 'ambiguous', last_error = ${reason}, open_calls = 0
        WHERE id = ${batchId} AND status = 'sending' RETURNING campaign_id, id
      ), numbers AS (
        UPDATE campaign_numbers n SET status = 'unknown', updated_at = ${now}, outcome_at = ${now}
        FROM lost WHERE n.campaign_id = lost.campaign_id AND n.last_batch_id = lost.id AND n.status = 'calling'
      )
      SELECT EXISTS (SELECT 1 FROM lost) AS moved, (SELECT status::text FROM batches WHERE id = ${batchId}) AS found`;
    return row?.moved ? { moved: true } : reportLostRace(log, batchId, 'lose', row?.found ?? null);
  });
}
