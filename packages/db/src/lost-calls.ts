// Calls whose outcome will never come: numbers handed to the provider with no outcome after the
// timeout (no_result), and batches the provider may or may not have taken (unknown). Neither is
// ever dialled again automatically. Used by the claim and by the clean-up of cancelled campaigns.
import { lockCampaignOfBatch, reportLostRace, type MoveResult, type RaceLog } from './batch-moves.ts';
import { inTransaction, type Executor, type Executor as Db } from './sql.ts';

// Numbers handed to the provider whose outcome never came: no_result, never dialled again. Only
// batches the provider accepted: a batch not yet accepted (waiting to be sent again) holds numbers
// that are still 'dialing', whose clock starts when it goes out.
export async function expireOverdueCalls(tx: Db, campaignId: string, dialedBefore: Date, now: Date): Promise<number> {
  // One statement: expire the attempts, then their numbers, then write call.no_result webhooks
  // for subscribed endpoints into the outbox.
  const [row] = await tx.$queryRaw<{ expired: number }[]>`
    WITH expired AS (
      UPDATE call_attempts a SET outcome = 'no_result', outcome_at = ${now}
      FROM campaign_numbers n
      WHERE a.campaign_id = ${campaignId}::uuid AND a.outcome = 'pending' AND a.dialed_at < ${dialedBefore}
        AND n.campaign_id = a.campaign_id AND n.id = a.number_id AND n.status = 'calling'
        AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = a.batch_id AND b.status IN ('claimed', 'sending'))
      RETURNING a.number_id
    ), numbers AS (
      UPDATE campaign_numbers n SET status = 'no_result', updated_at = ${now}
      FROM expired WHERE n.campaign_id = ${campaignId}::uuid AND n.id = expired.number_id AND n.status = 'calling'
      RETURNING n.campaign_id, n.phone, n.attempts
    ), hooks AS (
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
        UPDATE batches SET status = 'ambiguous', last_error = ${reason}
        WHERE id = ${batchId} AND status = 'sending' RETURNING id
      ), attempts AS (
        UPDATE call_attempts SET outcome = 'unknown', outcome_at = ${now}
        WHERE batch_id = (SELECT id FROM lost) AND outcome = 'pending'
      ), numbers AS (
        UPDATE campaign_numbers n SET status = 'unknown', updated_at = ${now}
        FROM call_attempts a
        WHERE a.batch_id = (SELECT id FROM lost) AND a.outcome = 'pending'
          AND n.campaign_id = a.campaign_id AND n.id = a.number_id AND n.last_batch_id = a.batch_id AND n.status IN ('dialing', 'calling')
      )
      SELECT EXISTS (SELECT 1 FROM lost) AS moved, (SELECT status::text FROM batches WHERE id = ${batchId}) AS found`;
    return row?.moved ? { moved: true } : reportLostRace(log, batchId, 'lose', row?.found ?? null);
  });
}
