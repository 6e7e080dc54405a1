// The writes that follow a batch out: the "sending" mark, then what the provider replied
// (`reactToReply` in packages/domain decides which). Each takes `db`, a client or a transaction
// (the caller owns it), moves the batch only from the status the domain's BATCH_MOVES expects and
// reports a lost race to `log` instead of overwriting it. Lock order: batch-moves.ts.
import type { PrismaClient } from './client.ts';
import { giveBackClaims, lockCampaignOfBatch, reportLostRace, type MoveResult, type RaceLog } from './batch-moves.ts';
import { moveCampaign } from './campaign-moves.ts';
import { markBatchAmbiguous } from './lost-calls.ts';
import { releaseUnsentBatches } from './lifecycle.ts';
import { applyWaitingCdrs, lockSessions, settleOutcomes, type RecordedEvents } from './outcomes.ts';
import { Prisma } from './generated/client.ts';
import { inTransaction, isClient, statementsOn, type Executor } from './sql.ts';
import type { CampaignStatus } from '@autocall/domain';

type Guarded = { moved: boolean; found: string | null };

// Written just before the request leaves: from here on a crash makes the batch ambiguous.
// False when the batch must not leave: its campaign was paused or cancelled after the claim, or it
// was settled. One statement, its own transaction unless given one, and no campaign lock: every
// pause or cancel moves the campaign's claimed batches off `claimed` under the campaign's lock
// (releaseUnsentBatches), so the guard on the batch row sees it. A stop that committed first has
// moved the batch; one still running holds the batch row, and this waits for that row alone and
// then finds the batch moved (read committed re-checks a row changed under it). The campaign's
// status is read too, for any stop that leaves batches alone. Not taking the campaign row means
// the mark never waits for an outcome applier or a webhook holding it (and since unsent batches are
// not counted by the trigger, claimed -> sending writes no counter either).
export async function markBatchSending(db: Executor, batchId: bigint): Promise<boolean> {
  const updated = await statementsOn(db).$executeRaw`
    UPDATE batches b SET status = 'sending', request_attempts = b.request_attempts + 1, retry_at = NULL
    WHERE b.id = ${batchId} AND b.status = 'claimed'
      -- The campaign's status read by its primary key (a subquery per batch row): as EXISTS (...
      -- AND c.status = 'running') the planner joined every running campaign from the status index
      -- whenever the statistics held few running ones (auto_explain, timing bench: ~400 rows and
      -- ~150 buffers a call at 1,000 campaigns).
      AND (SELECT c.status FROM campaigns c WHERE c.id = b.campaign_id) = 'running'`;
  return updated > 0;
}

export type BatchSent = Pick<RecordedEvents, 'wakes' | 'completed'> & { released: boolean; moved: boolean };

// Records the provider's acceptance; cdr webhooks that beat this write (an instant provider) are
// applied and their campaign settled in the same transaction. With `release`, the same
// transaction hands the campaign back (lease released, next wake recorded) if this worker still
// holds it; `released` says whether it did. A batch no longer `sending` (made ambiguous by a worker
// that took over after this one's lease lapsed) stays as it is: `moved` is false and the race logged.
export async function markBatchSent(
  db: Executor,
  batch: { batchId: bigint; sessionId: string | null; nowMs: number; release?: { workerId: string; nextWakeAtMs: number } },
  log?: RaceLog,
): Promise<BatchSent> {
  // Given the client rather than a transaction (the worker), the common case is one statement
  // committed on its own: one round trip instead of BEGIN, the statement and COMMIT.
  if (isClient(db)) {
    const alone = await markSentAlone(db, batch);
    if (alone) return alone;
  }
  const now = new Date(batch.nowMs);
  const release = batch.release ?? null;
  return inTransaction(db, async (tx) => {
    // One round trip in the common case: the first three steps of the lock order (the campaign row
    // by the CTE's FOR UPDATE, taken before the join can hand the batch row to the UPDATE; the batch
    // row by the guarded move; the session's advisory lock once the batch has moved), the hand-back,
    // and whether any cdr of the session is waiting. has_waiting_cdrs is evaluated for the returned
    // row, after the session lock, and reads with a fresh snapshot (a VOLATILE function of a
    // migration, 20261207074000): it sees every cdr stored by a webhook that held the lock before us;
    // later ones wait for our commit and match themselves. The numbers are not written: they are
    // stored 'calling' since the claim, and the batch now says they were accepted.
    const [sent] = await tx.$queryRaw<{ released: boolean; waiting: boolean }[]>`
      WITH campaign AS (
        SELECT c.id FROM campaigns c WHERE c.id = (SELECT campaign_id FROM batches WHERE id = ${batch.batchId}) FOR UPDATE
      ), sent AS (
        UPDATE batches b SET status = 'sent', provider_session_id = ${batch.sessionId}, sent_at = ${now}, last_error = NULL,
          dialed_at = ${restartedClock(now)}
        FROM campaign WHERE b.campaign_id = campaign.id AND b.id = ${batch.batchId} AND b.status = 'sending'
        RETURNING b.campaign_id
      ), handed_back AS (
        ${handBackOf(release, Prisma.sql`(SELECT campaign_id FROM sent)`)}
      )
      SELECT EXISTS (SELECT 1 FROM handed_back) AS released,
        has_waiting_cdrs(${batch.sessionId}::text) AS waiting
      FROM sent
      WHERE ${batch.sessionId}::text IS NULL OR pg_advisory_xact_lock(hashtext(${batch.sessionId}::text)) IS NOT NULL`;
    if (!sent) {
      // Read in a statement of its own, which sees what committed while this one waited for locks.
      const [found] = await tx.$queryRaw<{ campaign_id: string; status: string; session: string | null }[]>`
        SELECT campaign_id, status::text AS status, provider_session_id AS session FROM batches WHERE id = ${batch.batchId}`;
      // The same reply written again (the worker retries a write whose commit it did not see) is
      // not a race: the hand-back below is still due.
      const replay = found !== undefined && found.status === 'sent' && found.session === batch.sessionId;
      if (!replay) {
        reportLostRace(log, batch.batchId, 'accept', found?.status ?? null);
        return { wakes: [], completed: [], released: false, moved: false };
      }
      await lockCampaignOfBatch(tx, batch.batchId);
      if (batch.sessionId) await lockSessions(tx, [batch.sessionId]);
      const [after] = await tx.$queryRaw<{ released: boolean; waiting: boolean }[]>`
        WITH handed_back AS (${handBackOf(release, Prisma.sql`${found.campaign_id}::uuid`)})
        SELECT EXISTS (SELECT 1 FROM handed_back) AS released, has_waiting_cdrs(${batch.sessionId}::text) AS waiting`;
      return finishSent(tx, batch, after ?? { released: false, waiting: false }, now);
    }
    return finishSent(tx, batch, sent, now);
  });
}

// markBatchSent's common case as one statement on its own: the same locks in the same order as the
// transaction below (campaign row, then the session's lock), except that the session is locked and
// its waiting cdrs looked for before the batch moves, so that the move happens only when there is
// nothing to apply with it. Null, having changed nothing, when cdrs are waiting (they must be
// applied in the transaction that records the acceptance) or the batch is no longer `sending`
// (a lost race, or this write replayed): the transaction then does what it always did. A cdr
// stored after the look finds the batch sent once this commits, as with the transaction (the
// applier locks the session before matching).
async function markSentAlone(
  db: Executor,
  batch: { batchId: bigint; sessionId: string | null; nowMs: number; release?: { workerId: string; nextWakeAtMs: number } },
): Promise<BatchSent | null> {
  const now = new Date(batch.nowMs);
  const release = batch.release ?? null;
  const [row] = await statementsOn(db).$queryRaw<{ released: boolean }[]>`
    WITH campaign AS (
      SELECT c.id FROM campaigns c WHERE c.id = (SELECT campaign_id FROM batches WHERE id = ${batch.batchId}) FOR UPDATE
    ), gate AS MATERIALIZED (
      -- Evaluated once, before the move reads it: the session's lock, then the look for cdrs.
      SELECT campaign.id,
        (${batch.sessionId}::text IS NULL OR pg_advisory_xact_lock(hashtext(${batch.sessionId}::text)) IS NOT NULL)
          AND NOT has_waiting_cdrs(${batch.sessionId}::text) AS go
      FROM campaign
    ), sent AS (
      UPDATE batches b SET status = 'sent', provider_session_id = ${batch.sessionId}, sent_at = ${now}, last_error = NULL,
        dialed_at = ${restartedClock(now)}
      FROM gate WHERE gate.go AND b.campaign_id = gate.id AND b.id = ${batch.batchId} AND b.status = 'sending'
      RETURNING b.campaign_id
    ), handed_back AS (
      ${handBackOf(release, Prisma.sql`(SELECT campaign_id FROM sent)`)}
    )
    SELECT EXISTS (SELECT 1 FROM handed_back) AS released FROM sent`;
  return row ? { wakes: [], completed: [], released: row.released, moved: true } : null;
}

// The batch's calls were dialled at its claim, which is the send time give or take milliseconds; a
// batch that went out only after provider retries restarts its calls' outcome clock at the
// acceptance. A column of the batch's own move: its calls' attempts carry it when written.
const restartedClock = (now: Date): Prisma.Sql => Prisma.sql`CASE WHEN b.request_attempts > 1 THEN ${now}::timestamptz ELSE b.dialed_at END`;

// The campaign handed back by the worker that claimed it (lease released, next wake recorded), if
// it still holds it and the campaign still runs: an UPDATE for a CTE of markBatchSent's statements.
function handBackOf(release: { workerId: string; nextWakeAtMs: number } | null, campaignId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    UPDATE campaigns SET next_wake_at = ${release === null ? null : new Date(release.nextWakeAtMs)}, lease_owner = NULL, lease_until = NULL
    WHERE ${release !== null} AND id = ${campaignId} AND status = 'running' AND lease_owner = ${release?.workerId ?? null}
    RETURNING id`;
}

// The rest of markBatchSent, with the campaign, the batch and the session locked.
async function finishSent(
  tx: Executor,
  batch: { batchId: bigint; sessionId: string | null; nowMs: number },
  after: { released: boolean; waiting: boolean },
  now: Date,
): Promise<BatchSent> {
  const early = batch.sessionId && after.waiting ? await applyWaitingCdrs(tx, batch.sessionId, now) : [];
  // The early outcomes are this campaign's, whose row this transaction holds: settled here.
  const settled = early.length > 0 ? await settleOutcomes(tx, early, batch.nowMs) : { wakes: [], completed: [] };
  return { ...settled, released: after.released, moved: true };
}

// A failure the provider can recover from: the same numbers go again no earlier than retryAt.
// A pause or cancel that landed while the request was out left this batch alone (it was
// `sending`); now that the provider has certainly not taken it, it is given back the way the
// pause or cancel gives back a claimed batch, instead of keeping its numbers in flight for good.
export async function markBatchRetry(
  db: Executor,
  batch: { batchId: bigint; error: string; retryAtMs: number; nowMs: number },
  log?: RaceLog,
): Promise<MoveResult> {
  return inTransaction(db, async (tx) => {
    const campaign = await lockCampaignOfBatch(tx, batch.batchId);
    const [row] = await tx.$queryRaw<Guarded[]>`
      WITH retried AS (
        UPDATE batches SET status = 'claimed', last_error = ${batch.error}, retry_at = ${new Date(batch.retryAtMs)}
        WHERE id = ${batch.batchId} AND status = 'sending' RETURNING id
      )
      SELECT EXISTS (SELECT 1 FROM retried) AS moved, (SELECT status::text FROM batches WHERE id = ${batch.batchId}) AS found`;
    if (!row?.moved) return reportLostRace(log, batch.batchId, 'retry', row?.found ?? null);
    if (campaign && (campaign.status === 'paused' || campaign.status === 'cancelled')) {
      await releaseUnsentBatches(tx, campaign.id, campaign.status, new Date(batch.nowMs));
    }
    return { moved: true };
  });
}

export async function markBatchUnknown(
  db: Executor,
  batch: { batchId: bigint; error: string; nowMs: number },
  log?: RaceLog,
): Promise<MoveResult> {
  return markBatchAmbiguous(db, batch.batchId, batch.error, batch.nowMs, log);
}

// The provider refused the batch for a reason retrying cannot fix (balance, plan, bad caller
// number...), or could not be reached (or kept failing) for as many tries as the worker allows:
// nothing was dialled, so the numbers go back to the pool (their attempt and its dial-log entry
// given back, so the frequency cap does not count a call that never happened), and the campaign
// pauses with the reason visible instead of hammering the provider. `code` is the provider's error
// (kept on the batch); the pause reason is `pauseReason` when given, else the same code. A campaign
// cancelled while the request was out gets its numbers cancelled instead, as the cancel would have.
export async function rejectBatchAndPause(
  db: Executor,
  batch: { batchId: bigint; campaignId: string; code: string; message: string; nowMs: number; pauseReason?: string },
  log?: RaceLog,
): Promise<MoveResult> {
  const now = new Date(batch.nowMs);
  return inTransaction(db, async (tx) => {
    const [campaign] = await tx.$queryRaw<{ status: CampaignStatus }[]>`
      SELECT status FROM campaigns WHERE id = ${batch.campaignId}::uuid FOR UPDATE`;
    const [row] = await tx.$queryRaw<Guarded[]>`
      WITH refused AS (
        UPDATE batches SET status = 'rejected', last_error = ${batch.code} WHERE id = ${batch.batchId} AND status = 'sending' RETURNING id
      )
      SELECT EXISTS (SELECT 1 FROM refused) AS moved, (SELECT status::text FROM batches WHERE id = ${batch.batchId}) AS found`;
    if (!row?.moved) return reportLostRace(log, batch.batchId, 'refuse', row?.found ?? null);
    await giveBackClaims(tx, { batchIds: [batch.batchId], to: campaign?.status === 'cancelled' ? 'cancelled' : 'pool', now });
    if (campaign) await pauseLocked(tx, batch.campaignId, campaign.status, batch.pauseReason ?? batch.code, batch.message, batch.nowMs);
    return { moved: true };
  });
}

// Pauses a campaign because of its provider (the state machine's `pause`, actor `provider`).
export async function pauseForProvider(db: Executor, campaignId: string, code: string, message: string, nowMs: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [campaign] = await tx.$queryRaw<{ status: CampaignStatus }[]>`
      SELECT status FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
    if (!campaign) return;
    // As a user's pause does: a batch claimed and not yet sent gives its numbers back, which is
    // also what stops a worker's "sending" mark (it guards on the batch, not the campaign lock).
    if (campaign.status === 'running') await releaseUnsentBatches(tx, campaignId, 'paused', new Date(nowMs));
    await pauseLocked(tx, campaignId, campaign.status, code, message, nowMs);
  });
}

async function pauseLocked(tx: Executor, campaignId: string, from: CampaignStatus, code: string, message: string, nowMs: number): Promise<void> {
  await moveCampaign(tx, { campaignId, from, action: 'pause', actor: 'provider', reason: code, detail: message, nowMs });
}

export async function releaseLease(prisma: PrismaClient, campaignId: string, workerId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE campaigns SET lease_owner = NULL, lease_until = NULL WHERE id = ${campaignId}::uuid AND lease_owner = ${workerId}`;
}
