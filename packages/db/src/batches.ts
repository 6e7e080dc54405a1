import type { PrismaClient } from './client.ts';
import { sqlOf, transaction } from './sql.ts';
import { markBatchAmbiguous } from './dispatch.ts';
import { recordTransition } from './campaign-events.ts';
import { releaseUnsentBatches } from './lifecycle.ts';
import { applyWaitingCdrs, lockSessions, settleOutcomes, type RecordedEvents } from './outcomes.ts';

// Written just before the request leaves: from here on a crash makes the batch ambiguous.
// False when the batch must not leave: its campaign was paused or cancelled after the claim (the
// campaign row is share-locked, so a pause that has replied is always seen), or it was settled.
// One statement (its own transaction): the lock is taken in the CTE, and a row changed since the
// statement began is re-read under read committed, so a committed pause is seen.
export async function markBatchSending(prisma: PrismaClient, batchId: bigint): Promise<boolean> {
  const updated = await sqlOf(prisma).$executeRaw`
    WITH live AS (
      SELECT c.id FROM campaigns c JOIN batches b ON b.campaign_id = c.id
      WHERE b.id = ${batchId} AND c.status = 'running' FOR SHARE OF c
    )
    UPDATE batches SET status = 'sending', request_attempts = request_attempts + 1, retry_at = NULL
    WHERE id = ${batchId} AND status = 'claimed' AND EXISTS (SELECT 1 FROM live)`;
  return updated > 0;
}

// Records the provider's acceptance; cdr webhooks that beat this write (an instant provider) are
// applied here. With `release`, the same transaction hands the campaign back (lease released,
// next wake recorded) if this worker still holds it; `released` says whether it did. Returns the
// campaigns' follow-ups (retry wakes, completion) for the caller.
export async function markBatchSent(
  prisma: PrismaClient,
  batch: { batchId: bigint; sessionId: string | null; nowMs: number; release?: { workerId: string; nextWakeAtMs: number } },
): Promise<Pick<RecordedEvents, 'wakes' | 'completed'> & { released: boolean }> {
  const now = new Date(batch.nowMs);
  const release = batch.release ?? null;
  return transaction(prisma, async (tx) => {
    if (batch.sessionId) await lockSessions(tx, [batch.sessionId]);
    // One statement: the batch, its numbers (the campaign_id term lets Postgres use the
    // (campaign_id, status) index; there is none on last_batch_id) and, when asked, the campaign.
    // This statement starts after the session lock is held, so it sees every cdr stored by a
    // webhook that held the lock before us; later ones wait for our commit and match themselves.
    const [sent] = await tx.$queryRaw<{ request_attempts: number; released: boolean; waiting: boolean }[]>`
      WITH sent AS (
        UPDATE batches SET status = 'sent', provider_session_id = ${batch.sessionId}, sent_at = ${now}, last_error = NULL
        WHERE id = ${batch.batchId} RETURNING campaign_id, request_attempts
      ), calling AS (
        UPDATE campaign_numbers SET status = 'calling', updated_at = ${now}
        WHERE campaign_id = (SELECT campaign_id FROM sent) AND status = 'dialing' AND last_batch_id = ${batch.batchId}
      ), handed_back AS (
        UPDATE campaigns SET next_wake_at = ${release === null ? null : new Date(release.nextWakeAtMs)}, lease_owner = NULL, lease_until = NULL
        WHERE ${release !== null} AND id = (SELECT campaign_id FROM sent) AND status = 'running' AND lease_owner = ${release?.workerId ?? null}
        RETURNING id
      )
      SELECT request_attempts, EXISTS (SELECT 1 FROM handed_back) AS released,
        EXISTS (SELECT 1 FROM provider_events WHERE autocall_id = ${batch.sessionId} AND attempt_id IS NULL AND state = 'cdr') AS waiting
      FROM sent`;
    // Attempts carry their claim time, which is the send time give or take milliseconds; a batch
    // that went out only after provider retries restarts its calls' outcome clock here. (Rewriting
    // every attempt of every batch would be a row write per number for nothing.)
    if ((sent?.request_attempts ?? 0) > 1) {
      await tx.$executeRaw`UPDATE call_attempts SET dialed_at = ${now} WHERE batch_id = ${batch.batchId} AND outcome = 'pending'`;
    }
    // Early outcomes and their campaign's settle commit together (applyWaitingCdrs locks the
    // campaign row before it applies them).
    const early = batch.sessionId && sent?.waiting ? await applyWaitingCdrs(tx, batch.sessionId, now) : [];
    const settled = early.length > 0 ? await settleOutcomes(tx, early, batch.nowMs) : { wakes: [], completed: [] };
    return { ...settled, released: sent?.released ?? false };
  });
}

// A failure the provider can recover from: the same numbers go again no earlier than retryAt.
// A pause or cancel that landed while the request was out left this batch alone (it was
// `sending`); now that the provider has certainly not taken it, it is given back the way the
// pause or cancel gives back a claimed batch, instead of keeping its numbers `dialing` for good.
export async function markBatchRetry(prisma: PrismaClient, batch: { batchId: bigint; error: string; retryAtMs: number; nowMs: number }): Promise<void> {
  await transaction(prisma, async (tx) => {
    const [campaign] = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT c.id, c.status::text AS status FROM campaigns c JOIN batches b ON b.campaign_id = c.id
      WHERE b.id = ${batch.batchId} FOR UPDATE OF c`;
    await tx.$executeRaw`
      UPDATE batches SET status = 'claimed', last_error = ${batch.error}, retry_at = ${new Date(batch.retryAtMs)}
      WHERE id = ${batch.batchId}`;
    if (campaign && (campaign.status === 'paused' || campaign.status === 'cancelled')) {
      await releaseUnsentBatches(tx, campaign.id, campaign.status, new Date(batch.nowMs));
    }
  });
}

export async function markBatchUnknown(prisma: PrismaClient, batch: { batchId: bigint; error: string; nowMs: number }): Promise<void> {
  await transaction(prisma, async (tx) => markBatchAmbiguous(tx, batch.batchId, batch.error, batch.nowMs));
}

// The provider refused the batch for a reason retrying cannot fix (balance, plan, bad caller
// number...), or could not be reached (or kept failing) for as many tries as the worker allows:
// nothing was dialled, so the numbers go back to the pool (their attempt and its dial-log entry
// taken back, so the frequency cap does not count a call that never happened), and the campaign
// pauses with the reason visible instead of hammering the provider. `code` is the provider's error
// (kept on the batch); the pause reason is `pauseReason` when given, else the same code. A campaign
// cancelled while the request was out gets its numbers cancelled instead, as the cancel would have.
export async function rejectBatchAndPause(
  prisma: PrismaClient,
  batch: { batchId: bigint; campaignId: string; code: string; message: string; nowMs: number; pauseReason?: string },
): Promise<void> {
  const now = new Date(batch.nowMs);
  await transaction(prisma, async (tx) => {
    // The campaign row first, as the claim and the lifecycle changes lock it.
    const [campaign] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM campaigns WHERE id = ${batch.campaignId}::uuid FOR UPDATE`;
    const cancelled = campaign?.status === 'cancelled';
    await tx.$executeRaw`
      WITH refused AS (
        UPDATE batches SET status = 'rejected', last_error = ${batch.code} WHERE id = ${batch.batchId} RETURNING id, campaign_id, created_at
      ), attempts AS (
        DELETE FROM call_attempts WHERE batch_id = ${batch.batchId}
      ), numbers AS (
        UPDATE campaign_numbers n
        SET status = CASE WHEN ${cancelled}::boolean THEN 'cancelled'::call_status
                          WHEN n.attempts > 1 THEN 'retry'::call_status ELSE 'pending'::call_status END,
            attempts = n.attempts - 1, updated_at = ${now}
        FROM refused WHERE n.campaign_id = refused.campaign_id AND n.last_batch_id = refused.id AND n.status = 'dialing'
        RETURNING n.phone, refused.created_at, refused.campaign_id
      )
      -- The claim logged each dial at the batch's creation time.
      DELETE FROM dial_log d USING numbers, campaigns c
      WHERE c.id = numbers.campaign_id AND d.tenant_id = c.tenant_id AND d.phone = numbers.phone AND d.dialed_at = numbers.created_at`;
    await pauseForProvider(tx, batch.campaignId, batch.pauseReason ?? batch.code, batch.message, batch.nowMs);
  });
}

export async function pauseForProvider(
  db: Parameters<typeof recordTransition>[0],
  campaignId: string,
  code: string,
  message: string,
  nowMs: number,
): Promise<void> {
  const rows = await db.$queryRaw<{ status: string }[]>`
    SELECT status FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
  const from = rows[0]?.status;
  if (from !== 'running' && from !== 'scheduled') return;
  await db.$executeRaw`
    UPDATE campaigns SET status = 'paused', pause_reason = ${code}, pause_detail = ${message}, next_wake_at = NULL,
      lease_owner = NULL, lease_until = NULL
    WHERE id = ${campaignId}::uuid`;
  await recordTransition(db, { campaignId, from, to: 'paused', actor: 'provider', reason: code, atMs: nowMs });
}

export async function releaseLease(prisma: PrismaClient, campaignId: string, workerId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE campaigns SET lease_owner = NULL, lease_until = NULL WHERE id = ${campaignId}::uuid AND lease_owner = ${workerId}`;
}
