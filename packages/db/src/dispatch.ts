import {
  afterEmptyClaim,
  completion,
  gateCampaign,
  nextWakeAfterClaim,
  outcomeClock,
  slotFor,
  slotStep,
  unsentBatchStep,
  whenNothingDue,
  type BatchStatus,
  type CallWindows,
  type CampaignCalendar,
  type CampaignStatus,
} from '@autocall/domain';
import { inTransaction, type Executor, type Executor as Db } from './sql.ts';
import { Prisma } from './generated/client.ts';
import { reportLostRace, type RaceLog } from './batch-moves.ts';
import { expireOverdueCalls, markBatchAmbiguous } from './lost-calls.ts';
import { moveCampaign } from './campaign-moves.ts';
import { dropSuppressedFromBatch, screenDueNumbers } from './dispatch-screen.ts';

export type ClaimedBatch = {
  batchId: bigint;
  campaignId: string;
  campaignName: string;
  slotIndex: number;
  slotTimeMs: number;
  phones: string[];
  scripts: unknown[];
  numberCallOuts: string[];
  numberCallPerTime: number;
  durationOfEachCall: number;
  requestAttempts: number;
  // When the campaign next needs a worker once this batch is out, worked out at the claim so the
  // worker can hand the campaign back in the same transaction that records the send. Null when
  // it cannot be known yet (the last numbers, a resent batch): the worker claims again instead.
  nextWakeAtMs: number | null;
};

// What a worker should do for a campaign right now.
export type WakeDecision =
  | { kind: 'send'; batch: ClaimedBatch }
  | { kind: 'sleep'; untilMs: number }
  | { kind: 'idle'; status: string };

export type ClaimOptions = {
  campaignId: string;
  nowMs: number;
  workerId: string;
  // How long the worker may hold the campaign while one batch is on its way to the provider.
  leaseMs: number;
  // A dialled number with no outcome after this long becomes no_result.
  outcomeTimeoutMs: number;
  // Told how many calls just became no_result (for metrics); the transaction may still roll back.
  onCallsExpired?: (count: number) => void;
  // Told about a batch write that lost a race (pino's warn).
  log?: RaceLog;
};

type CampaignRow = {
  id: string;
  tenant_id: string;
  name: string;
  status: CampaignStatus;
  send_time: Date;
  number_call_per_time: number;
  duration_of_each_call: number;
  scripts: unknown[];
  number_call_outs: string[];
  last_slot_index: number;
  lease_owner: string | null;
  lease_until: Date | null;
  time_zone: string | null;
  call_windows: CallWindows | null;
  skip_dates: string[] | null;
  daily_attempt_cap: number | null;
  claim_hint_at: Date | null;
  claim_hint_position: number | null;
};

type BatchRow = { id: bigint; slot_index: number; slot_time: Date; status: string; retry_at: Date | null; request_attempts: number };

// What the claim needs to know besides the campaign row (claim_state), read after the row lock is
// held.
type ClaimState = {
  unsent_id: bigint | null;
  unsent_slot_index: number | null;
  unsent_slot_time: Date | null;
  unsent_status: string | null;
  unsent_retry_at: Date | null;
  unsent_request_attempts: number | null;
  earliest_due: Date | null;
  earliest_pending_dial: Date | null;
  screen: boolean;
  // The earliest pending number was found past the campaign's claim hint, so the claim's scan may
  // start there too (false: no hint, or one that must not be trusted).
  pending_hinted: boolean;
};

// Decides, under the campaign's row lock, what happens next: send a batch (claiming its numbers so
// no other worker can), sleep until a time, or nothing. The decisions are the domain's
// (`packages/domain/src/dispatch/plan.ts`); this reads what they need and writes what they decide.
// Run it in one transaction (pass one, or the client and it opens its own), so two workers woken
// for the same campaign can never both claim a slot.
export async function claimNextBatch(db: Executor, options: ClaimOptions): Promise<WakeDecision> {
  return inTransaction(db, async (tx) => {
    const { campaignId, nowMs } = options;
    const now = new Date(nowMs);
    // The campaign row, locked, and what else the claim reads, in one round trip: claim_state (a
    // migration's function, last in 20261207201800) runs after the lock is granted and, being VOLATILE, reads
    // with a fresh snapshot, i.e. sees everything committed before this worker got the row. Its read
    // of never-dialled numbers starts at the hint the last claim left on the row (past the dead index
    // entries of what it claimed).
    const [campaign] = await tx.$queryRaw<(CampaignRow & ClaimState)[]>`
      SELECT c.*, s.* FROM (
        SELECT id, tenant_id, name, status, send_time, number_call_per_time, duration_of_each_call, scripts, number_call_outs,
               last_slot_index, lease_owner, lease_until, time_zone, call_windows, skip_dates, daily_attempt_cap,
               claim_hint_at, claim_hint_position
        FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE
      ) c CROSS JOIN LATERAL claim_state(c.id, c.tenant_id, c.daily_attempt_cap IS NOT NULL, c.claim_hint_at, c.claim_hint_position) s`;
    if (!campaign) return { kind: 'idle', status: 'missing' };
    const gate = gateCampaign({
      status: campaign.status,
      sendTimeMs: campaign.send_time.getTime(),
      leaseOwner: campaign.lease_owner,
      leaseUntilMs: campaign.lease_until?.getTime() ?? null,
      workerId: options.workerId,
      nowMs,
    });
    if (gate.kind === 'stopped') {
      // A worker that comes back after its batch to a paused or cancelled campaign lets go of it,
      // so a resume is not held up by its lease; another worker's lease stays (it may be sending).
      await tx.$executeRaw`
        UPDATE campaigns SET next_wake_at = NULL, lease_owner = NULL, lease_until = NULL
        WHERE id = ${campaignId}::uuid AND (lease_owner IS NULL OR lease_owner = ${options.workerId})`;
      return { kind: 'idle', status: campaign.status };
    }
    if (gate.kind === 'leased') return { kind: 'sleep', untilMs: gate.untilMs };
    if (gate.kind === 'not_yet') return sleep(tx, campaignId, gate.untilMs);
    if (gate.kind === 'start') {
      await moveCampaign(tx, { campaignId, from: campaign.status, action: 'start', actor: 'worker', nowMs });
    }

    const state: ClaimState = campaign;
    const clock = outcomeClock({ earliestPendingDialMs: state.earliest_pending_dial?.getTime() ?? null, outcomeTimeoutMs: options.outcomeTimeoutMs, nowMs });
    let deadline = clock.deadlineMs;
    if (clock.expireBeforeMs !== null) {
      const expired = await expireOverdueCalls(tx, campaignId, new Date(clock.expireBeforeMs), now);
      if (expired > 0) options.onCallsExpired?.(expired);
      deadline = await earliestOutcomeDeadline(tx, campaignId, options.outcomeTimeoutMs);
    }

    if (state.unsent_id !== null) {
      const unsent: BatchRow = {
        id: state.unsent_id,
        slot_index: state.unsent_slot_index!,
        slot_time: state.unsent_slot_time!,
        status: state.unsent_status!,
        retry_at: state.unsent_retry_at,
        request_attempts: state.unsent_request_attempts!,
      };
      const step = unsentBatchStep({ status: unsent.status as BatchStatus, retryAtMs: unsent.retry_at?.getTime() ?? null }, nowMs);
      if (step.kind === 'lost') {
        // The worker that sent it lost its lease (crash): the provider may or may not have the
        // request, so these numbers are never dialled again automatically. The next wake
        // (immediately) looks again.
        await markBatchAmbiguous(tx, unsent.id, 'worker_lost', nowMs, options.log);
        return { kind: 'sleep', untilMs: nowMs };
      }
      if (step.kind === 'sleep') return sleep(tx, campaignId, step.untilMs);
      const left = await dropSuppressedFromBatch(tx, unsent.id, now);
      if (left === 0) {
        await releaseBatch(tx, unsent.id, 'all_suppressed', options.log);
        return { kind: 'sleep', untilMs: nowMs };
      }
      return lease(tx, campaign, options, await batchOf(tx, campaign, unsent));
    }

    const due = state.earliest_due?.getTime() ?? null;
    if (due === null) {
      const waiting = whenNothingDue({ deadlineMs: deadline, nowMs });
      if (waiting) return sleep(tx, campaignId, waiting.untilMs);
      const done = completion({ hasOpenNumbers: await hasOpenNumbers(tx, campaignId), nowMs, leaseMs: options.leaseMs });
      if (done.kind === 'sleep') return sleep(tx, campaignId, done.untilMs);
      await completeCampaign(tx, campaignId, nowMs);
      return { kind: 'idle', status: 'completed' };
    }

    const step = slotStep({
      slot: slotFor(calendarOf(campaign), {
        sendTimeMs: campaign.send_time.getTime(),
        durationSec: campaign.duration_of_each_call,
        lastSlotIndex: campaign.last_slot_index,
        dueAtMs: due,
        nowMs,
      }),
      deadlineMs: deadline,
      nowMs,
    });
    if (step.kind === 'sleep') return sleep(tx, campaignId, step.untilMs);

    const { batch, settled } = await claimSlot(tx, campaign, step.slot.index, step.slot.atMs, now, {
      screen: state.screen,
      lease: leaseOf(options),
      pendingFrom: state.pending_hinted ? { at: campaign.claim_hint_at!, position: campaign.claim_hint_position! } : null,
    });
    if (!batch) return sleep(tx, campaignId, afterEmptyClaim({ settled, nowMs }).untilMs);
    batch.nextWakeAtMs = nextWakeAfterClaim({ nextSlotAtMs: batch.nextWakeAtMs, deadlineMs: deadline, outcomeTimeoutMs: options.outcomeTimeoutMs, nowMs });
    return { kind: 'send', batch };
  });
}

const calendarOf = (campaign: CampaignRow): CampaignCalendar => ({
  timeZone: campaign.time_zone,
  callWindows: campaign.call_windows,
  skipDates: campaign.skip_dates,
});

async function sleep(tx: Db, campaignId: string, untilMs: number): Promise<WakeDecision> {
  await tx.$executeRaw`
    UPDATE campaigns SET next_wake_at = ${new Date(untilMs)}, lease_owner = NULL, lease_until = NULL
    WHERE id = ${campaignId}::uuid`;
  return { kind: 'sleep', untilMs };
}

type Lease = { owner: string; until: Date };
const leaseOf = (options: ClaimOptions): Lease => ({ owner: options.workerId, until: new Date(options.nowMs + options.leaseMs) });

// A resent batch keeps its slot; the lease is all that changes.
async function lease(tx: Db, campaign: CampaignRow, options: ClaimOptions, batch: ClaimedBatch): Promise<WakeDecision> {
  const { owner, until } = leaseOf(options);
  // next_wake_at kept when no later than the lease's end (the wake being served), else pulled in to
  // it: the sweep finds a dead worker's campaign once the lease lapses, and the update stays HOT.
  await tx.$executeRaw`
    UPDATE campaigns SET lease_owner = ${owner}, lease_until = ${until}, next_wake_at = LEAST(next_wake_at, ${until}) WHERE id = ${campaign.id}::uuid`;
  return { kind: 'send', batch };
}

async function batchOf(tx: Db, campaign: CampaignRow, row: BatchRow): Promise<ClaimedBatch> {
  // The batch's numbers are its calls still open (a give-back moves the number out of 'calling').
  const numbers = await tx.$queryRaw<{ phone: string }[]>`
    SELECT phone FROM campaign_numbers
    WHERE campaign_id = ${campaign.id}::uuid AND last_batch_id = ${row.id} AND status = 'calling'
    ORDER BY position`;
  return toClaimed(campaign, row.id, row.slot_index, row.slot_time.getTime(), numbers.map((n) => n.phone), row.request_attempts, null);
}

function toClaimed(
  campaign: CampaignRow,
  batchId: bigint,
  slotIndex: number,
  slotTimeMs: number,
  phones: string[],
  requestAttempts: number,
  nextWakeAtMs: number | null,
): ClaimedBatch {
  return {
    batchId,
    campaignId: campaign.id,
    campaignName: campaign.name,
    slotIndex,
    slotTimeMs,
    phones,
    scripts: campaign.scripts,
    numberCallOuts: campaign.number_call_outs,
    numberCallPerTime: campaign.number_call_per_time,
    durationOfEachCall: campaign.duration_of_each_call,
    requestAttempts,
    nextWakeAtMs,
  };
}

// Claims up to numberCallPerTime due numbers for one slot: due retries first, then never-dialled
// numbers, each in list order, never a suppressed number nor one at the tenant's frequency cap.
// A fixed number of statements, whatever the batch size: one statement for the batch row, the
// claim, its dial log and the campaign's lease and slot index (plus the
// suppression/cap screen, only for tenants that have either). The claim looks one number
// past the batch: when another is due, the next slot follows on the grid and the worker is told
// when, so it need not claim again just to learn it.
async function claimSlot(
  tx: Db,
  campaign: CampaignRow,
  slotIndex: number,
  slotTimeMs: number,
  now: Date,
  options: { screen: boolean; lease: Lease; pendingFrom: { at: Date; position: number } | null },
): Promise<{ batch: ClaimedBatch | null; settled: number }> {
  const slotTime = new Date(slotTimeMs);
  const limit = campaign.number_call_per_time;
  const tenantId = campaign.tenant_id;
  const cap = campaign.daily_attempt_cap;
  // Never-dialled numbers are read from the claim hint on, when claim_state found one due there
  // (the screen's read and the claim's).
  const pendingFrom = options.pendingFrom
    ? Prisma.sql`AND (next_attempt_at, position) >= (${options.pendingFrom.at}::timestamptz, ${options.pendingFrom.position}::int)`
    : Prisma.empty;
  const settled = options.screen
    ? await screenDueNumbers(tx, campaign.id, { tenantId, dailyAttemptCap: cap }, { slotTime, limit, now, pendingFrom })
    : 0;
  // The screen settled the numbers first in line; these filters catch any further back (OFFSET 0:
  // a primary-key probe per number; as an anti-join the planner rescanned the tenant's list for each).
  const allowed = Prisma.sql`
    AND NOT EXISTS (SELECT 1 FROM suppressed_numbers s WHERE s.tenant_id = ${tenantId}::uuid AND s.phone = cn.phone OFFSET 0)
    AND (${cap}::int IS NULL OR (
      SELECT count(*) FROM dial_log d WHERE d.tenant_id = ${tenantId}::uuid AND d.phones @> ARRAY[cn.phone]
        AND d.dialed_at > ${now}::timestamptz - interval '24 hours' AND d.dialed_at <= ${now}) < ${cap}::int)`;
  // One row back, the phones already in list order: a row per number cost the worker ~2 us each to
  // parse and sort (bench/claim-cost.ts).
  const [claimed] = await tx.$queryRaw<{ batch_id: bigint | null; phones: string[] | null; more: boolean }[]>`
    WITH batch AS (
      -- The batch's id is drawn first so the claim can name it; its row is written below, with its
      -- size, only if anything was claimed. None if the slot already has a batch: nothing is claimed.
      SELECT nextval(pg_get_serial_sequence('batches', 'id')) AS id
      WHERE NOT EXISTS (SELECT 1 FROM batches WHERE campaign_id = ${campaign.id}::uuid AND slot_index = ${slotIndex})
    ), due AS (
      (SELECT id, ctid, 0 AS pri, next_attempt_at, position FROM campaign_numbers cn
        WHERE campaign_id = ${campaign.id}::uuid AND status = 'retry' AND next_attempt_at <= ${slotTime} ${allowed}
        ORDER BY next_attempt_at, position LIMIT ${limit + 1})
      UNION ALL
      (SELECT id, ctid, 1 AS pri, next_attempt_at, position FROM campaign_numbers cn
        WHERE campaign_id = ${campaign.id}::uuid AND status = 'pending' AND next_attempt_at <= ${slotTime} ${pendingFrom} ${allowed}
        ORDER BY next_attempt_at, position LIMIT ${limit + 1})
    ), ranked AS (
      SELECT id, ctid, pri, next_attempt_at, position, row_number() OVER (ORDER BY pri, next_attempt_at, position) AS rank FROM due
    ), claimed AS (
      UPDATE campaign_numbers n
      -- Stored 'calling' from the claim on: the provider's acceptance writes the batch, not its numbers,
      -- and a number shows as 'dialing' while its batch has not been accepted (in-flight.ts).
      SET status = 'calling', attempts = n.attempts + 1, last_batch_id = batch.id, updated_at = ${now}
      FROM batch
      -- The rows \`due\` read, by address (a TID scan; nothing an index could serve): joined by id, a
      -- campaign the statistics do not know yet looked like one row, and the planner walked all its
      -- numbers for each one claimed (5.7 s a claim with 50,000 waiting, bench/claim-plan.ts). The
      -- addresses are current: every writer of pending or retry numbers holds the campaign's row
      -- lock, as this transaction does (batch-moves.ts), and nothing deletes numbers.
      WHERE n.ctid = ANY (ARRAY(SELECT ctid FROM ranked WHERE rank <= ${limit}))
        AND n.campaign_id::text = ${campaign.id} AND n.status::text IN ('pending', 'retry')
      RETURNING batch.id AS batch_id, n.phone, n.position
    ), hint AS (
      -- The key of the last never-dialled number claimed (all ranked within the limit are, under the
      -- campaign's row lock): the next claim's scan starts there.
      SELECT next_attempt_at, position FROM ranked WHERE pri = 1 AND rank <= ${limit} ORDER BY rank DESC LIMIT 1
    ), stored AS (
      -- Its calls wait for their outcomes from now (dialed_at, open_calls): no attempt row is written
      -- until a call's outcome is known (schema.prisma, CallAttempt).
      INSERT INTO batches (id, campaign_id, slot_index, slot_time, status, size, created_at, dialed_at, open_calls)
      SELECT batch.id, ${campaign.id}::uuid, ${slotIndex}, ${slotTime}, 'claimed', n, ${now}, ${now}, n
      FROM batch, (SELECT count(*)::int AS n FROM claimed) AS c WHERE n > 0
    ), dials AS (
      -- Every dial counts towards the cap of any campaign of the tenant, capped or not: one row for
      -- the batch, its numbers in an array. The batch id is the key a give-back finds it by.
      INSERT INTO dial_log (tenant_id, dialed_at, batch_id, phones)
      SELECT ${tenantId}::uuid, ${now}, batch_id, array_agg(phone) FROM claimed GROUP BY batch_id
    ), leased AS (
      -- next_wake_at no later than the lease's end, as in lease().
      UPDATE campaigns SET lease_owner = ${options.lease.owner}, lease_until = ${options.lease.until},
        next_wake_at = LEAST(next_wake_at, ${options.lease.until}), last_slot_index = ${slotIndex},
        claim_hint_at = COALESCE((SELECT next_attempt_at FROM hint), claim_hint_at),
        claim_hint_position = COALESCE((SELECT position FROM hint), claim_hint_position)
      WHERE id = ${campaign.id}::uuid AND EXISTS (SELECT 1 FROM claimed)
    )
    -- Every claimed row carries the same batch id (min just picks it); no row claimed: NULLs.
    SELECT min(batch_id) AS batch_id, array_agg(phone ORDER BY position) AS phones,
      EXISTS (SELECT 1 FROM ranked WHERE rank > ${limit}) AS more
    FROM claimed`;
  if (!claimed?.phones || claimed.batch_id === null) return { batch: null, settled };
  // Another number is due by this slot's time, so the next slot is the next one on the grid.
  const next = claimed.more
    ? slotFor(calendarOf(campaign), {
        sendTimeMs: campaign.send_time.getTime(),
        durationSec: campaign.duration_of_each_call,
        lastSlotIndex: slotIndex,
        dueAtMs: slotTimeMs,
        nowMs: now.getTime(),
      })
    : null;
  return { batch: toClaimed(campaign, claimed.batch_id, slotIndex, slotTimeMs, claimed.phones, 0, next?.atMs ?? null), settled };
}

async function earliestOutcomeDeadline(tx: Db, campaignId: string, outcomeTimeoutMs: number): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ at: Date | null }[]>`
    SELECT min(dialed_at) AS at FROM batches WHERE campaign_id = ${campaignId}::uuid AND open_calls > 0`;
  return row?.at ? row.at.getTime() + outcomeTimeoutMs : null;
}

// From the counters the triggers keep (campaign_counts), under the campaign's row lock: a probe of
// the status index would walk the dead entries every dialled number leaves behind until vacuum.
async function hasOpenNumbers(tx: Db, campaignId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM campaign_counts
    WHERE campaign_id = ${campaignId}::uuid AND n <> 0 AND name IN ('number:pending', 'number:dialing', 'number:calling', 'number:retry')
    LIMIT 1`;
  return rows.length > 0;
}

export async function completeCampaign(tx: Db, campaignId: string, nowMs: number): Promise<boolean> {
  return (await moveCampaign(tx, { campaignId, from: 'running', action: 'complete', actor: 'worker', nowMs })) !== null;
}

// A claimed batch that will never be sent (every number suppressed since the claim).
async function releaseBatch(tx: Db, batchId: bigint, reason: string, log?: RaceLog): Promise<void> {
  const [row] = await tx.$queryRaw<{ moved: boolean; found: string | null }[]>`
    WITH released AS (
      UPDATE batches SET status = 'rejected', last_error = ${reason} WHERE id = ${batchId} AND status = 'claimed' RETURNING id
    )
    SELECT EXISTS (SELECT 1 FROM released) AS moved, (SELECT status::text FROM batches WHERE id = ${batchId}) AS found`;
  if (!row?.moved) reportLostRace(log, batchId, 'release', row?.found ?? null);
}
