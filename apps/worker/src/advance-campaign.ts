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
import { scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import type { DispatchResult, ExecuteByPhoneRequest } from '@autocall/omicall';

export type Provider = { executeByPhone(request: ExecuteByPhoneRequest): Promise<DispatchResult> };

export type DispatchMetrics = {
  batchSent(batch: ClaimedBatch, lagMs: number): void;
  providerResult(kind: DispatchResult['kind'], code: string | null, seconds: number): void;
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
};

// Runs a campaign forward from now: sends every batch whose slot has come, then records when the
// campaign next needs a worker and queues that wake.
export async function advanceCampaign(deps: AdvanceDeps, campaignId: string): Promise<void> {
  const startedMs = deps.now();
  for (;;) {
    const nowMs = deps.now();
    const decision = await claimNextBatch(deps.prisma, {
      campaignId,
      nowMs,
      workerId: deps.workerId,
      leaseMs: deps.leaseMs,
      outcomeTimeoutMs: deps.outcomeTimeoutMs,
    });
    if (decision.kind === 'idle') return;
    const outOfTurn = deps.now() - startedMs >= deps.budgetMs || deps.shouldStop?.() === true;
    if (decision.kind === 'sleep') {
      if (decision.untilMs <= nowMs && !outOfTurn) continue;
      const atMs = Math.max(decision.untilMs, nowMs + 1);
      if (decision.untilMs <= nowMs) await setNextWake(deps.prisma, campaignId, atMs, deps.workerId);
      await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], nowMs);
      return;
    }
    await sendBatch(deps, decision.batch);
    if (deps.now() - startedMs >= deps.budgetMs || deps.shouldStop?.() === true) {
      const atMs = deps.now() + 1;
      await setNextWake(deps.prisma, campaignId, atMs, deps.workerId);
      await scheduleCampaignWakes(deps.queues, [{ campaignId, atMs }], deps.now());
      return;
    }
  }
}

async function sendBatch(deps: AdvanceDeps, batch: ClaimedBatch): Promise<void> {
  const log = deps.logger.child({ campaignId: batch.campaignId, slot: batch.slotIndex, batchId: String(batch.batchId), size: batch.phones.length });
  await markBatchSending(deps.prisma, batch.batchId);
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
  const nowMs = deps.now();
  deps.metrics?.providerResult(result.kind, 'code' in result ? result.code : null, (nowMs - sentAtMs) / 1000);
  switch (result.kind) {
    case 'accepted':
      await markBatchSent(deps.prisma, { batchId: batch.batchId, sessionId: result.sessionId, nowMs });
      deps.metrics?.batchSent(batch, sentAtMs - batch.slotTimeMs);
      log.info({ sessionId: result.sessionId, lagMs: sentAtMs - batch.slotTimeMs }, 'batch accepted by provider');
      return;
    case 'retryable': {
      const attempt = batch.requestAttempts + 1;
      const retryAtMs = nowMs + providerBackoffMs(attempt, { retryAfterMs: result.retryAfterMs });
      await markBatchRetry(deps.prisma, { batchId: batch.batchId, error: result.code, retryAtMs });
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
      log.error({ code: result.code }, 'provider reply lost after sending; numbers marked unknown and not re-dialled');
      return;
  }
}
