import { giveBackClaims } from './batch-moves.ts';
import type { Prisma } from './generated/client.ts';
import type { Executor as Db } from './sql.ts';

// Tenant-wide rules checked when numbers are claimed: the do-not-call list and the frequency cap.
export type DialRules = { tenantId: string; dailyAttemptCap: number | null };

// How far past the batch size the screen looks: enough that a claim almost always finds a full
// batch, bounded so one claim costs the same whatever the list size.
const SCREEN_FACTOR = 4;

/**
 * Looks at the numbers first in line for this slot and settles the ones that must not go out:
 * suppressed numbers become `suppressed` for good; numbers at the frequency cap move their
 * next_attempt_at to the moment their oldest counted dial leaves the 24 h window, so the campaign
 * sleeps until then instead of finding them due again. One statement. Returns how many it settled,
 * so a claim that found nothing to send but settled some can look again at once.
 */
export async function screenDueNumbers(
  tx: Db,
  campaignId: string,
  rules: DialRules,
  batch: { slotTime: Date; limit: number; now: Date; pendingFrom: Prisma.Sql },
): Promise<number> {
  const scan = batch.limit * SCREEN_FACTOR;
  const [row] = await tx.$queryRaw<{ settled: bigint }[]>`
    WITH ahead AS (
      (SELECT id, phone FROM campaign_numbers
        WHERE campaign_id = ${campaignId}::uuid AND status = 'retry' AND next_attempt_at <= ${batch.slotTime}
        ORDER BY next_attempt_at, position LIMIT ${scan})
      UNION ALL
      (SELECT id, phone FROM campaign_numbers
        WHERE campaign_id = ${campaignId}::uuid AND status = 'pending' AND next_attempt_at <= ${batch.slotTime} ${batch.pendingFrom}
        ORDER BY next_attempt_at, position LIMIT ${scan})
    ),
    blocked AS (
      SELECT a.id FROM ahead a
      JOIN suppressed_numbers s ON s.tenant_id = ${rules.tenantId}::uuid AND s.phone = a.phone
    ),
    suppressed AS (
      UPDATE campaign_numbers n SET status = 'suppressed', updated_at = ${batch.now}
      FROM blocked b WHERE n.campaign_id = ${campaignId}::uuid AND n.id = b.id
      RETURNING n.id
    ),
    capped AS (
      -- Free again once (count - cap + 1) of the counted dials have left the window.
      SELECT a.id, (array_agg(d.dialed_at ORDER BY d.dialed_at))[count(*) - ${rules.dailyAttemptCap}::int + 1] + interval '24 hours' AS free_at
      FROM ahead a
      JOIN dial_log d ON d.tenant_id = ${rules.tenantId}::uuid AND d.phones @> ARRAY[a.phone]
        AND d.dialed_at > ${batch.now}::timestamptz - interval '24 hours' AND d.dialed_at <= ${batch.now}
      WHERE ${rules.dailyAttemptCap}::int IS NOT NULL AND a.id NOT IN (SELECT id FROM blocked)
      GROUP BY a.id
      HAVING count(*) >= ${rules.dailyAttemptCap}::int
    ),
    deferred AS (
      UPDATE campaign_numbers n SET next_attempt_at = GREATEST(n.next_attempt_at, c.free_at), updated_at = ${batch.now}
      FROM capped c WHERE n.campaign_id = ${campaignId}::uuid AND n.id = c.id
      RETURNING n.id
    )
    SELECT (SELECT count(*) FROM suppressed) + (SELECT count(*) FROM deferred) AS settled`;
  return Number(row?.settled ?? 0);
}

/**
 * A claimed batch waiting to be sent again (after a retryable provider error) loses the numbers
 * suppressed since it was claimed: they were never dialled, so their attempt and their dial-log
 * entry are given back. Returns how many numbers the batch still holds.
 */
export async function dropSuppressedFromBatch(tx: Db, batchId: bigint, now: Date): Promise<number> {
  await giveBackClaims(tx, { batchIds: [batchId], to: 'suppressed', now, onlySuppressed: true });
  const [row] = await tx.$queryRaw<{ size: number }[]>`
    UPDATE batches SET size = open_calls WHERE id = ${batchId} RETURNING size`;
  return row?.size ?? 0;
}

// Dials older than the cap's 24 h window no longer count for anything.
// Returns how many dials left the log (a row holds a batch's dials). `limit` counts rows.
export async function purgeOldDials(db: Db, beforeMs: number, limit = 1_000): Promise<number> {
  const [row] = await db.$queryRaw<{ dials: number }[]>`
    WITH gone AS (
      DELETE FROM dial_log WHERE id IN (SELECT id FROM dial_log WHERE dialed_at < ${new Date(beforeMs)} LIMIT ${limit})
      RETURNING cardinality(phones) AS n
    )
    SELECT COALESCE(sum(n), 0)::int AS dials FROM gone`;
  return row?.dials ?? 0;
}
