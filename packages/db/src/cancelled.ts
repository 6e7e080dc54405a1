// Clean-up for campaigns the claim never visits again.
import type { PrismaClient } from './client.ts';
import { expireOverdueCalls, markBatchAmbiguous } from './lost-calls.ts';
import { sqlOf, transaction } from './sql.ts';

/**
 * A cancelled campaign is never claimed again, so the claim's own clean-up (overdue calls become
 * no_result, a batch left `sending` by a dead worker becomes ambiguous) no longer runs for it; the
 * worker's housekeeping runs it instead, for a bounded number of campaigns per call. Safe beside
 * late webhooks: every write re-checks the row's state.
 */
export async function settleCancelledCampaigns(
  prisma: PrismaClient,
  options: { nowMs: number; outcomeTimeoutMs: number; limit?: number },
): Promise<{ expired: number; ambiguous: number }> {
  const now = new Date(options.nowMs);
  const dialedBefore = new Date(options.nowMs - options.outcomeTimeoutMs);
  const limit = options.limit ?? 500;
  const sql = sqlOf(prisma);
  const lost = await sql.$queryRaw<{ id: bigint }[]>`
    SELECT b.id FROM campaigns c JOIN batches b ON b.campaign_id = c.id AND b.status = 'sending'
    WHERE c.status = 'cancelled' AND (c.lease_until IS NULL OR c.lease_until < ${now})
    LIMIT ${limit}`;
  for (const batch of lost) await transaction(prisma, (tx) => markBatchAmbiguous(tx, batch.id, 'worker_lost', options.nowMs));
  const overdue = await sql.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM campaigns c
    WHERE c.status = 'cancelled' AND EXISTS (
      SELECT 1 FROM batches b WHERE b.campaign_id = c.id AND b.open_calls > 0 AND b.dialed_at < ${dialedBefore})
    LIMIT ${limit}`;
  let expired = 0;
  for (const campaign of overdue) expired += await transaction(prisma, (tx) => expireOverdueCalls(tx, campaign.id, dialedBefore, now));
  return { expired, ambiguous: lost.length };
}
