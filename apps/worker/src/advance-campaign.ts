import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  claimNextBatch,
  markBatchRetry,
  markBatchSending,
  markBatchSent,
  markBatchUnknown,
  rejectBatchAndPause,
  setNextWake,
  transaction,
  type ClaimedBatch,
  type Executor,
  type PrismaClient,
} from '@autocall/db';
import { PROVIDER_UNAVAILABLE, reactToReply } from '@autocall/domain';
import { WAKE_LEAD_MS, removeCampaignWakes, scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import type { DispatchResult, ExecuteByPhoneRequest } from '@autocall/omicall';
import type { CrashHook } from './fault-injection.ts';
import { HOLD_WITHIN_MS } from './wake-timers.ts';

export type Provider = { executeByPhone(request: ExecuteByPhoneRequest): Promise<DispatchResult> };

export type DispatchMetrics = {
  batchSent(batch: ClaimedBatch, lagMs: number): void;
  providerResult(kind: DispatchResult['kind'], code: string | null, seconds: number): void;
  // Outcomes the worker decides: calls that expired to no_result, and unknown after a lost reply.
  callOutcomes?(outcome: 'no_result' | 'unknown', count: number): void;
};

export type AdvanceDeps = {
  prisma: PrismaClient;
  queues: Queues;
  provider: Provider;
  logger: Logger;
  now: () => number;
  workerId: string;
  leaseMs: number;
  outcomeTimeoutMs: number;
  // One wake dispatches back-to-back slots (durationOfEachCall 0, or catching up) for at most this
  // long, then hands the campaign back to the queue so other campaigns get a turn.
  budgetMs: number;
  // After this many retryable failures of one batch the campaign pauses with the reason.
  maxRequestAttempts: number;
  metrics?: DispatchMetrics;
  // Lets a shutting-down worker stop between batches.
  shouldStop?: () => boolean;
  // Chaos tests only (AUTOCALL_FAULT_CRASH_AFTER): kills the process at a dispatch step.
  crashHook?: CrashHook;
  // Holds a wake in memory (wake-timers.ts); false when it cannot.
  wakeAt?: (campaignId: string, atMs: number) => boolean;
  // True while this worker has room to keep campaigns' next wakes in memory (HOLD_WITHIN_MS).
  canHold?: () => boolean;
};

// The pause reason when the provider failed (retryably) maxRequestAttempts times in a row.
export { PROVIDER_UNAVAILABLE };

// What the claim reports for a campaign that will never need a wake again.
const FINISHED: ReadonlySet<string> = new Set(['completed', 'cancelled', 'failed', 'missing']);

// Runs a campaign forward from now: sends every batch whose slot has come, then records when the
// campaign next needs a worker and queues that wake.
export async function advanceCampaign(deps: AdvanceDeps, campaignId: string): Promise<void> {
  const startedMs = deps.now();
  // The lease names this run, not the process: two wakes of one campaign running at once in the
  // same worker must exclude each other exactly like two workers do (else the second one would
  // resend, or settle as lost, the batch the first one is sending).
  const owner = `${deps.workerId}/${randomUUID().slice(0, 8)}`;
  for (;;) {
    const nowMs = deps.now();
    let expired = 0;
    const decision = await transaction(deps.prisma, (tx) =>
      claimNextBatch(tx, {
        campaignId,
        nowMs,
        workerId: owner,
        leaseMs: deps.leaseMs,
        outcomeTimeoutMs: deps.outcomeTimeoutMs,
        onCallsExpired: (count) => (expired = count),
        log: deps.logger.child({ campaignId }),
      }),
    );
    if (expired > 0) deps.metrics?.callOutcomes?.('no_result', expired);
    if (decision.kind === 'idle') {
      // Completed by this claim, or a leftover wake of a finished campaign: whatever else is
      // queued for it would only find it finished too.
      if (FINISHED.has(decision.status)) await dropWakes(deps, campaignId);
      return;
    }
    const outOfTurn = deps.now() - startedMs >= deps.budgetMs || deps.shouldStop?.() === true;
    if (decision.kind === 'sleep') {
      if (decision.untilMs <= nowMs && !outOfTurn) continue;
      const atMs = Math.max(decision.untilMs, nowMs + 1);
      if (decision.untilMs <= nowMs) await setNextWake(deps.prisma, campaignId, atMs, owner);
      if (outOfTurn) await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], nowMs);
      else await queueWake(deps, campaignId, atMs);
      return;
    }
    const handedBackAtMs = await sendBatch(deps, decision.batch, owner);
    if (handedBackAtMs !== null) {
      await queueWake(deps, campaignId, handedBackAtMs);
      return;
    }
    if (deps.now() - startedMs >= deps.budgetMs || deps.shouldStop?.() === true) {
      const atMs = deps.now() + 1;
      await setNextWake(deps.prisma, campaignId, atMs, owner);
      await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], deps.now());
      return;
    }
  }
}

// A stopped campaign's queued wakes are removed so that Bull Board shows only live work. Failing
// here changes nothing that matters: a leftover wake finds the campaign stopped, and removes the
// rest then.
async function dropWakes(deps: AdvanceDeps, campaignId: string): Promise<void> {
  try {
    await removeCampaignWakes(deps.queues, campaignId);
  } catch (error) {
    deps.logger.warn({ err: error, campaignId }, 'wakes of a stopped campaign not removed; they will find it stopped');
  }
}

// A wake due within WAKE_LEAD_MS waits in this process, and so does one due within HOLD_WITHIN_MS
// while the worker is not busy; anything else goes to Redis.
async function queueWake(deps: AdvanceDeps, campaignId: string, atMs: number): Promise<void> {
  const nowMs = deps.now();
  const holdable = atMs - nowMs <= WAKE_LEAD_MS || (atMs - nowMs <= HOLD_WITHIN_MS && deps.canHold?.() === true);
  if (holdable && deps.wakeAt?.(campaignId, atMs)) return;
  await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], nowMs);
}

// Sends one claimed batch and records the provider's answer; what the answer leads to is the
// domain's `reactToReply`. Returns the time of the campaign's next wake when the campaign was
// handed back with it (accepted, next slot known and still ahead); null when the caller should
// claim again to find out what comes next.
async function sendBatch(deps: AdvanceDeps, batch: ClaimedBatch, owner: string): Promise<number | null> {
  const log = deps.logger.child({ campaignId: batch.campaignId, slot: batch.slotIndex, batchId: String(batch.batchId), size: batch.phones.length });
  deps.crashHook?.('claim');
  if (!(await markBatchSending(deps.prisma, batch.batchId))) {
    log.info('campaign paused or cancelled after the claim; batch not sent');
    return null;
  }
  deps.crashHook?.('sending');
  const sentAtMs = deps.now();
  const result = await deps.provider.executeByPhone({
    name: `${batch.campaignName} [${batch.campaignId}#${batch.slotIndex}]`,
    sendTime: batch.slotTimeMs,
    scripts: batch.scripts,
    numberCallOuts: batch.numberCallOuts,
    phoneNumbers: batch.phones,
    numberCallPerTime: batch.phones.length,
    durationOfEachCall: batch.durationOfEachCall,
  });
  deps.crashHook?.('send');
  const nowMs = deps.now();
  deps.metrics?.providerResult(result.kind, 'code' in result ? result.code : null, (nowMs - sentAtMs) / 1000);
  const reaction = reactToReply(result, {
    requestAttempts: batch.requestAttempts,
    maxRequestAttempts: deps.maxRequestAttempts,
    nextWakeAtMs: batch.nextWakeAtMs,
    nowMs,
  });
  const { batchId, campaignId } = batch;
  // Each reply is recorded in one transaction of this worker's (an acceptance, commonly, in one
  // statement: markBatchSent).
  const inTx = <T>(write: (tx: Executor) => Promise<T>) => recordReply(log, () => transaction(deps.prisma, write));
  switch (reaction.kind) {
    case 'sent': {
      // The next slot is later: hand the campaign back in the same transaction (one transaction
      // per slot fewer than claiming again just to learn the time).
      const release = reaction.handBackAtMs === null ? undefined : { workerId: owner, nextWakeAtMs: reaction.handBackAtMs };
      // Given the client, not a transaction: the common case commits as one statement.
      const sent = await recordReply(log, () => markBatchSent(deps.prisma, { batchId, sessionId: reaction.sessionId, nowMs, release }, log));
      if (!sent.moved) return null;
      deps.metrics?.batchSent(batch, sentAtMs - batch.slotTimeMs);
      log.info({ sessionId: reaction.sessionId, lagMs: sentAtMs - batch.slotTimeMs }, 'batch accepted by provider');
      if (sent.wakes.length > 0) await scheduleCampaignWakes(deps.queues, sent.wakes, nowMs);
      // Completed by cdrs that beat the acceptance: the next claim finds it so and cleans up.
      if (sent.completed.includes(campaignId)) return null;
      return sent.released ? reaction.handBackAtMs : null;
    }
    case 'retry':
      await inTx((tx) => markBatchRetry(tx, { batchId, error: reaction.code, retryAtMs: reaction.retryAtMs, nowMs }, log));
      log.warn({ code: reaction.code, attempt: reaction.attempt, retryAtMs: reaction.retryAtMs }, 'provider request failed; same numbers will be sent again');
      return null;
    case 'pause': {
      // The numbers go back to the pool (nothing was dialled) and the campaign waits for a resume.
      const { code, pauseReason, message } = reaction;
      await inTx((tx) => rejectBatchAndPause(tx, { batchId, campaignId, code, pauseReason, message, nowMs }, log));
      if (pauseReason === PROVIDER_UNAVAILABLE) log.error({ code, attempt: batch.requestAttempts + 1 }, 'provider keeps failing; campaign paused');
      else log.error({ code }, 'provider refused the batch; campaign paused');
      // Before the next claim, which queues a wake again if a resume landed meanwhile.
      await dropWakes(deps, campaignId);
      return null;
    }
    case 'unknown': {
      const lost = await inTx((tx) => markBatchUnknown(tx, { batchId, error: reaction.code, nowMs }, log));
      if (lost.moved) deps.metrics?.callOutcomes?.('unknown', batch.phones.length);
      log.error({ code: reaction.code }, 'provider reply lost after sending; numbers marked unknown and not re-dialled');
      return null;
    }
  }
}

// The provider has answered; losing that answer to a dropped Postgres connection would leave the
// batch 'sending' and make an accepted batch ambiguous (numbers unknown) for a mere reconnect.
// The writes are idempotent, and these few tries end well inside the lease.
async function recordReply<T>(log: Logger, write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 5) throw error;
      log.warn({ err: error, attempt }, 'recording the provider reply failed; trying again');
      await delay(200 * attempt);
    }
  }
}
