import { addCallingTime, nextAllowedSlot, type CallCalendar } from './call-window.ts';
import type { CampaignStatus } from './campaign-status.ts';
import { nextSlot } from './slots.ts';

/** When the numbers of one status fall due: their earliest and latest next attempt time. */
export type DueRange = { firstMs: number; lastMs: number };

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
  // The slot grid (slot k at sendTime + k * durationOfEachCall) and the last slot that has a batch.
  sendTimeMs: number;
  lastSlotIndex: number;
  // When the numbers still to dial fall due, per status (pending, retry); absent when there are none.
  due: Partial<Record<'pending' | 'retry', DueRange>>;
  // The campaign's call windows; null or absent when it may call at any time.
  calendar?: CallCalendar | null;
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
  // Every batch of the campaign: those sent plus those still to send (one in flight to the
  // provider, and enough for the numbers still to dial), before any retry. Never below batchesSent.
  batchesPlanned: number;
  attempts: number;
  // answered / numbers with a final outcome; null until one has.
  answerRate: number | null;
  // The next slot that has a number due (now when that slot is already in progress); null when
  // no number is due or the campaign is not live.
  nextSlotAt: number | null;
  estimatedFinishAt: number | null;
};

const FINAL_OUTCOMES = ['answered', 'failed', 'no_result', 'unknown'] as const;
const LIVE: ReadonlySet<CampaignStatus> = new Set(['scheduled', 'running']);
const TERMINAL: ReadonlySet<CampaignStatus> = new Set(['completed', 'cancelled', 'failed']);

const n = (counts: Partial<Record<string, number>>, key: string) => counts[key] ?? 0;

/**
 * Progress for GET /v1/campaigns/:id, from counts the caller read; pure, `nowMs` included.
 *
 * The finish time is an estimate, the latest of:
 * - the batches the remaining dials need at the campaign's pace (one batch per slot, within the
 *   call windows): the numbers to dial plus the retries the answer rate so far suggests (every
 *   call is assumed unanswered until an outcome says otherwise);
 * - the retry chain: unless every call so far was answered, the slowest number is assumed to use
 *   every retry it has left, each one a slot to ring out plus retryAfterSeconds, then the next
 *   allowed time. It starts at the last batch of the numbers to dial (no earlier than the latest
 *   due retry) and, for calls in flight, now;
 * plus one slot for the last calls to ring out. The outcome timeout plays no part: it only bounds
 * how long a call without an outcome is waited for.
 */
export function campaignProgress(input: ProgressInput): CampaignProgress {
  const pending = n(input.numbers, 'pending');
  const retrying = n(input.numbers, 'retry');
  const toDial = pending + retrying;
  const inFlight = n(input.numbers, 'dialing') + n(input.numbers, 'calling');
  const finished = FINAL_OUTCOMES.reduce((sum, s) => sum + n(input.numbers, s), 0);
  const answerRate = finished > 0 ? n(input.numbers, 'answered') / finished : null;
  const perBatch = Math.max(1, input.numberCallPerTime);
  const batchesSent = n(input.batches, 'sent') + n(input.batches, 'ambiguous');
  const batchesOut = n(input.batches, 'claimed') + n(input.batches, 'sending');
  const batchesToSend = Math.ceil(toDial / perBatch);
  const live = LIVE.has(input.status);
  const firstDueMs = Math.min(input.due.pending?.firstMs ?? Infinity, input.due.retry?.firstMs ?? Infinity);
  const firstSlotMs = live && toDial > 0 ? slotFor(input, Number.isFinite(firstDueMs) ? firstDueMs : input.nowMs) : null;
  const progress: CampaignProgress = {
    toDial,
    inFlight,
    finished,
    batchesSent,
    batchesPlanned: batchesSent + batchesOut + batchesToSend,
    attempts: input.attempts,
    answerRate,
    nextSlotAt: firstSlotMs,
    estimatedFinishAt: null,
  };
  if (TERMINAL.has(input.status)) return { ...progress, estimatedFinishAt: input.completedAtMs };
  if (!live) return progress;
  if (toDial === 0 && inFlight === 0) return { ...progress, estimatedFinishAt: input.nowMs };
  // Call windows that never open (the API refuses them): no estimate.
  if (toDial > 0 && firstSlotMs === null) return progress;

  const calendar = input.calendar ?? null;
  // Time moves only inside the call windows; Infinity when calling is never allowed.
  const allowedAt = (atMs: number) => (calendar === null ? atMs : (addCallingTime(atMs, 0, calendar) ?? Infinity));
  const afterCalling = (fromMs: number, ms: number) => (calendar === null ? fromMs + ms : (addCallingTime(fromMs, ms, calendar) ?? Infinity));
  const slotMs = input.durationOfEachCall * 1000;
  const roundMs = slotMs + input.retryAfterSeconds * 1000;
  const unanswered = answerRate === null ? 1 : 1 - answerRate;
  const retryChain = (fromMs: number, retries: number) => {
    let atMs = fromMs;
    for (let i = 0; i < (unanswered > 0 ? retries : 0); i++) atMs = allowedAt(atMs + roundMs);
    return atMs;
  };

  const maxRetry = Math.max(0, input.maxRetryOfDetail);
  // Numbers waiting for a retry have been dialled at least once: at most maxRetry - 1 after the next.
  const expectedRetries =
    pending * expectedRedials(unanswered, maxRetry) + retrying * expectedRedials(unanswered, maxRetry - 1) + inFlight * expectedRedials(unanswered, maxRetry);
  let lastDialMs = input.nowMs;
  if (firstSlotMs !== null) {
    // No batch goes out before its numbers are due: the last one not before the latest due time.
    const latestDueMs = Math.max(input.due.pending?.lastMs ?? -Infinity, input.due.retry?.lastMs ?? -Infinity);
    const latestDueSlotMs = latestDueMs > firstSlotMs ? (slotFor(input, latestDueMs) ?? Infinity) : firstSlotMs;
    const lastBatchMs = Math.max(afterCalling(firstSlotMs, (batchesToSend - 1) * slotMs), latestDueSlotMs);
    const allBatchesMs = afterCalling(firstSlotMs, (Math.ceil((toDial + expectedRetries) / perBatch) - 1) * slotMs);
    lastDialMs = Math.max(allBatchesMs, retryChain(lastBatchMs, pending > 0 ? maxRetry : maxRetry - 1));
  }
  if (inFlight > 0) lastDialMs = Math.max(lastDialMs, retryChain(input.nowMs, maxRetry));
  const finishMs = lastDialMs + slotMs;
  return { ...progress, estimatedFinishAt: Number.isFinite(finishMs) ? finishMs : null };
}

// The next slot on the grid at or after `dueAtMs`, inside the call windows; not before now (a slot
// in progress that has no batch yet goes out at once). null when no slot is ever allowed.
function slotFor(input: ProgressInput, dueAtMs: number): number | null {
  const slotInput = {
    sendTimeMs: input.sendTimeMs,
    durationSec: input.durationOfEachCall,
    lastSlotIndex: input.lastSlotIndex,
    dueAtMs,
    nowMs: input.nowMs,
  };
  const slot = input.calendar ? nextAllowedSlot(slotInput, input.calendar) : nextSlot(slotInput);
  return slot === null ? null : Math.max(slot.atMs, input.nowMs);
}

// Expected further dials of one number with `retries` left when each call goes unanswered with
// probability `unanswered`: q + q^2 + ... + q^retries.
function expectedRedials(unanswered: number, retries: number): number {
  let sum = 0;
  let p = 1;
  for (let i = 0; i < retries; i++) sum += p *= unanswered;
  return sum;
}
