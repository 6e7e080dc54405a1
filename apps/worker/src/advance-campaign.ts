import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  claimNextBatch,
  markBatchRetry,
  markBatchSending,
  markBatchSent,
  markBatchUnknown,
  pauseForProvider,
  rejectBatchAndPause,
  setNextWake,
  type ClaimedBatch,
  type PrismaClient,
} from '@autocall/db';
import { providerBackoffMs } from '@autocall/domain';
import { WAKE_LEAD_MS, scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import type { DispatchResult, ExecuteByPhoneRequest } from '@autocall/omicall';
import type { CrashHook } from './fault-injection.ts';

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
  // Holds a wake due within WAKE_LEAD_MS in memory (wake-timers.ts); false when it cannot.
  wakeAt?: (campaignId: string, atMs: number) => boolean;
};

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
    const decision = await claimNextBatch(deps.prisma, {
      campaignId,
      nowMs,
      workerId: owner,
      leaseMs: deps.leaseMs,
      outcomeTimeoutMs: deps.outcomeTimeoutMs,
      onCallsExpired: (count) => (expired = count),
    });
    if (expired > 0) deps.metrics?.callOutcomes?.('no_result', expired);
    if (decision.kind === 'idle') return;
    const outOfTurn = deps.now() - startedMs >= deps.budgetMs || deps.shouldStop?.() === true;
    if (decision.kind === 'sleep') {
      if (decision.untilMs <= nowMs && !outOfTurn) continue;
      const atMs = Math.max(decision.untilMs, nowMs + 1);
      if (decision.untilMs <= nowMs) await setNextWake(deps.prisma, campaignId, atMs, owner);
      if (!outOfTurn && atMs - nowMs <= WAKE_LEAD_MS && deps.wakeAt?.(campaignId, atMs)) return;
      await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], nowMs);
      return;
    }
    await sendBatch(deps, decision.batch);
    if (deps.now() - startedMs >= deps.budgetMs || deps.shouldStop?.() === true) {
      const atMs = deps.now() + 1;
      await setNextWake(deps.prisma, campaignId, atMs, owner);
      await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], deps.now());
      return;
    }
  }
}

async function sendBatch(deps: AdvanceDeps, batch: ClaimedBatch): Promise<void> {
  const log = deps.logger.child({ campaignId: batch.campaignId, slot: batch.slotIndex, batchId: String(batch.batchId), size: batch.phones.length });
  deps.crashHook?.('claim');
  if (!(await markBatchSending(deps.prisma, batch.batchId))) {
    log.info('campaign paused or cancelled after the claim; batch not sent');
    return;
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
  switch (result.kind) {
    case 'accepted':
      await recordReply(log, () => markBatchSent(deps.prisma, { batchId: batch.batchId, sessionId: result.sessionId, nowMs }));
      deps.metrics?.batchSent(batch, sentAtMs - batch.slotTimeMs);
      log.info({ sessionId: result.sessionId, lagMs: sentAtMs - batch.slotTimeMs }, 'batch accepted by provider');
      return;
    case 'retryable': {
      const attempt = batch.requestAttempts + 1;
      const retryAtMs = nowMs + providerBackoffMs(attempt, { retryAfterMs: result.retryAfterMs });
      await recordReply(log, () => markBatchRetry(deps.prisma, { batchId: batch.batchId, error: result.code, retryAtMs, nowMs }));
      if (attempt >= deps.maxRequestAttempts) {
        await pauseForProvider(deps.prisma, batch.campaignId, 'provider_unavailable', `${attempt} attempts failed, last: ${result.code}`, nowMs);
        log.error({ code: result.code, attempt }, 'provider keeps failing; campaign paused');
        return;
      }
      log.warn({ code: result.code, attempt, retryAtMs }, 'provider request failed; same numbers will be sent again');
      return;
    }
    case 'fatal':
      await rejectBatchAndPause(deps.prisma, { batchId: batch.batchId, campaignId: batch.campaignId, code: result.code, message: result.message, nowMs });
      log.error({ code: result.code }, 'provider refused the batch; campaign paused');
      return;
    case 'ambiguous':
      await markBatchUnknown(deps.prisma, { batchId: batch.batchId, error: result.code, nowMs });
      deps.metrics?.callOutcomes?.('unknown', batch.phones.length);
      log.error({ code: result.code }, 'provider reply lost after sending; numbers marked unknown and not re-dialled');
      return;
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
