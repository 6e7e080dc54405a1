// The batch planner: what a worker does for a campaign at `nowMs`, decided from what the claim
// read under the campaign's row lock. Each step is a pure function; packages/db runs them in
// order inside the claim's transaction (claimNextBatch) and writes what they decide.
import { DEFAULT_TIME_ZONE, nextAllowedSlot, type CallWindows } from '../call-window.ts';
import type { CampaignStatus } from '../campaign-status.ts';
import { nextSlot, type NextSlotInput, type Slot } from '../slots.ts';
import type { BatchStatus } from './batch-status.ts';

export type Sleep = { kind: 'sleep'; untilMs: number };

// Windows that leave no time at all cannot come from the API; look again a day later.
export const NO_WINDOW_RETRY_MS = 86_400_000;
// A claim that found nothing to send and settled nothing looks again this much later.
export const EMPTY_CLAIM_RETRY_MS = 1_000;

export type CampaignCalendar = { timeZone: string | null; callWindows: CallWindows | null; skipDates: string[] | null };

/** The next slot on the grid, moved into the campaign's call windows when it has any (null: none). */
export function slotFor(calendar: CampaignCalendar, input: NextSlotInput): Slot | null {
  const skipDates = calendar.skipDates ?? [];
  if (calendar.callWindows === null && skipDates.length === 0) return nextSlot(input);
  return nextAllowedSlot(input, { timeZone: calendar.timeZone ?? DEFAULT_TIME_ZONE, windows: calendar.callWindows, skipDates });
}

export type CampaignGateInput = {
  status: CampaignStatus;
  sendTimeMs: number;
  leaseOwner: string | null;
  leaseUntilMs: number | null;
  workerId: string;
  nowMs: number;
};

export type CampaignGate =
  /** Paused, cancelled or finished: let go of this worker's lease, nothing to do. */
  | { kind: 'stopped'; status: CampaignStatus }
  /** Another worker holds a live lease (it may be sending): look again when it lapses. */
  | { kind: 'leased'; untilMs: number }
  /** Scheduled for later. */
  | { kind: 'not_yet'; untilMs: number }
  /** Scheduled and due: becomes running (the state machine's `start`), then goes on. */
  | { kind: 'start' }
  | { kind: 'go' };

export function gateCampaign(input: CampaignGateInput): CampaignGate {
  const { status, nowMs } = input;
  if (status !== 'scheduled' && status !== 'running') return { kind: 'stopped', status };
  if (input.leaseOwner && input.leaseOwner !== input.workerId && input.leaseUntilMs !== null && input.leaseUntilMs > nowMs) {
    return { kind: 'leased', untilMs: input.leaseUntilMs };
  }
  if (status === 'running') return { kind: 'go' };
  return input.sendTimeMs > nowMs ? { kind: 'not_yet', untilMs: input.sendTimeMs } : { kind: 'start' };
}

export type OutcomeClock = {
  /** Calls dialled before this moment with no outcome become no_result now (null: none is overdue). */
  expireBeforeMs: number | null;
  /** When the oldest call still waiting for its outcome times out (null: none is waiting). */
  deadlineMs: number | null;
};

export function outcomeClock(input: { earliestPendingDialMs: number | null; outcomeTimeoutMs: number; nowMs: number }): OutcomeClock {
  const first = input.earliestPendingDialMs;
  if (first === null) return { expireBeforeMs: null, deadlineMs: null };
  const expireBeforeMs = input.nowMs - input.outcomeTimeoutMs;
  return { expireBeforeMs: first < expireBeforeMs ? expireBeforeMs : null, deadlineMs: first + input.outcomeTimeoutMs };
}

export type UnsentBatchStep =
  /** It was being sent by a worker that lost its lease: the provider may have it (ambiguous). */
  | { kind: 'lost' }
  /** A retryable failure asked for a later try. */
  | Sleep
  | { kind: 'resend' };

/** A batch of this campaign claimed or being sent, found by a later claim. */
export function unsentBatchStep(batch: { status: BatchStatus; retryAtMs: number | null }, nowMs: number): UnsentBatchStep {
  if (batch.status === 'sending') return { kind: 'lost' };
  if (batch.retryAtMs !== null && batch.retryAtMs > nowMs) return { kind: 'sleep', untilMs: batch.retryAtMs };
  return { kind: 'resend' };
}

/**
 * No number is due. With calls waiting for their outcome, sleep until the oldest times out;
 * otherwise null: the caller looks for open numbers and asks `completion`.
 */
export function whenNothingDue(input: { deadlineMs: number | null; nowMs: number }): Sleep | null {
  if (input.deadlineMs === null) return null;
  return { kind: 'sleep', untilMs: Math.max(input.deadlineMs, input.nowMs + 1) };
}

/**
 * Completion: a campaign with nothing due, no call waiting for an outcome and no open number
 * (pending, dialing, calling, retry) is completed. An open number with nothing due and no call
 * waiting belongs to a batch another worker is handling: look again when a lease would lapse.
 */
export function completion(input: { hasOpenNumbers: boolean; nowMs: number; leaseMs: number }): Sleep | { kind: 'complete' } {
  return input.hasOpenNumbers ? { kind: 'sleep', untilMs: input.nowMs + input.leaseMs } : { kind: 'complete' };
}

/**
 * Numbers are due: the slot they go in. Claim now when it has come; else sleep until it, or
 * until the oldest waiting call times out if that is sooner.
 */
export function slotStep(input: { slot: Slot | null; deadlineMs: number | null; nowMs: number }): Sleep | { kind: 'claim'; slot: Slot } {
  const { slot, deadlineMs, nowMs } = input;
  if (slot === null) return { kind: 'sleep', untilMs: nowMs + NO_WINDOW_RETRY_MS };
  if (slot.atMs <= nowMs) return { kind: 'claim', slot };
  return { kind: 'sleep', untilMs: deadlineMs !== null ? Math.min(slot.atMs, Math.max(deadlineMs, nowMs + 1)) : slot.atMs };
}

/** The claim found nothing to send: look again at once if the screen settled numbers, else a second later. */
export function afterEmptyClaim(input: { settled: number; nowMs: number }): Sleep {
  return { kind: 'sleep', untilMs: input.settled > 0 ? input.nowMs : input.nowMs + EMPTY_CLAIM_RETRY_MS };
}

/**
 * When the campaign next needs a worker once this batch is out: the next slot when more numbers
 * were due, but never later than this batch's calls (or an earlier one's) time out. Null when
 * unknown (nothing more was due): the worker claims again instead.
 */
export function nextWakeAfterClaim(input: { nextSlotAtMs: number | null; deadlineMs: number | null; outcomeTimeoutMs: number; nowMs: number }): number | null {
  const { nextSlotAtMs, deadlineMs, nowMs } = input;
  if (nextSlotAtMs === null) return null;
  return Math.min(nextSlotAtMs, nowMs + input.outcomeTimeoutMs, deadlineMs === null ? Infinity : Math.max(deadlineMs, nowMs + 1));
}
