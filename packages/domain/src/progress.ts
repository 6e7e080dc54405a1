import type { CampaignStatus } from './campaign-status.ts';

export type ProgressInput = {
  status: CampaignStatus;
  // Number counts by call status (missing statuses count as 0).
  numbers: Partial<Record<string, number>>;
  // Batch counts by batch status.
  batches: Partial<Record<string, number>>;
  attempts: number;
  numberCallPerTime: number;
  durationOfEachCall: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  nextWakeAtMs: number | null;
  completedAtMs: number | null;
  nowMs: number;
};

export type CampaignProgress = {
  // Numbers still to dial (pending or waiting for a retry) and numbers with a call in flight.
  toDial: number;
  inFlight: number;
  // Numbers with a final outcome (answered, failed, no_result, unknown).
  finished: number;
  batchesSent: number;
  // Batches still needed for the numbers to dial, before any retry.
  batchesPlanned: number;
  attempts: number;
  // answered / numbers with a final outcome; null until one has.
  answerRate: number | null;
  nextSlotAt: number | null;
  estimatedFinishAt: number | null;
};

const FINAL_OUTCOMES = ['answered', 'failed', 'no_result', 'unknown'] as const;
const LIVE: ReadonlySet<CampaignStatus> = new Set(['scheduled', 'running']);

const n = (counts: Partial<Record<string, number>>, key: string) => counts[key] ?? 0;

// Progress for GET /v1/campaigns/:id. The finish time is an estimate: the remaining batches at the
// campaign's pace, plus the retries the answer rate so far suggests (every unanswered call retried
// while outcomes are unknown), each waiting retryAfterSeconds.
export function campaignProgress(input: ProgressInput): CampaignProgress {
  const toDial = n(input.numbers, 'pending') + n(input.numbers, 'retry');
  const inFlight = n(input.numbers, 'dialing') + n(input.numbers, 'calling');
  const finished = FINAL_OUTCOMES.reduce((sum, s) => sum + n(input.numbers, s), 0);
  const answerRate = finished > 0 ? n(input.numbers, 'answered') / finished : null;
  const perBatch = Math.max(1, input.numberCallPerTime);
  const batchesPlanned = Math.ceil(toDial / perBatch);
  const live = LIVE.has(input.status);
  const nextSlotAt = live && input.nextWakeAtMs !== null ? input.nextWakeAtMs : null;
  const progress = {
    toDial,
    inFlight,
    finished,
    batchesSent: n(input.batches, 'sent') + n(input.batches, 'ambiguous'),
    batchesPlanned,
    attempts: input.attempts,
    answerRate,
    nextSlotAt,
    estimatedFinishAt: null as number | null,
  };
  if (input.status === 'completed' || input.status === 'cancelled' || input.status === 'failed') {
    return { ...progress, estimatedFinishAt: input.completedAtMs };
  }
  if (!live) return progress;

  const stepMs = input.durationOfEachCall * 1000;
  const startMs = Math.max(nextSlotAt ?? input.nowMs, input.nowMs);
  const lastFreshBatchMs = batchesPlanned > 0 ? startMs + (batchesPlanned - 1) * stepMs : input.nowMs;
  const expectedRetries = Math.round((toDial + inFlight) * (1 - (answerRate ?? 0)) * input.maxRetryOfDetail);
  const allBatches = Math.ceil((toDial + expectedRetries) / perBatch);
  let finishMs = startMs + Math.max(0, allBatches - 1) * stepMs;
  if (expectedRetries > 0) {
    const retryRound = input.retryAfterSeconds * 1000 + stepMs;
    finishMs = Math.max(finishMs, lastFreshBatchMs + input.maxRetryOfDetail * retryRound);
  }
  // The last batch's calls take about one slot to ring out.
  return { ...progress, estimatedFinishAt: finishMs + stepMs };
}
