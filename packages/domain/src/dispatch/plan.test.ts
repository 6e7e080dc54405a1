import { describe, expect, it } from 'vitest';
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
} from './plan.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const gate = (over: Partial<Parameters<typeof gateCampaign>[0]> = {}) =>
  gateCampaign({ status: 'running', sendTimeMs: T0, leaseOwner: null, leaseUntilMs: null, workerId: 'w1', nowMs: T0, ...over });

describe('gateCampaign', () => {
  it.each(['paused', 'cancelled', 'completed', 'failed'] as const)('stops at a %s campaign', (status) => {
    expect(gate({ status })).toEqual({ kind: 'stopped', status });
  });

  it("waits for another worker's live lease", () => {
    expect(gate({ leaseOwner: 'w2', leaseUntilMs: T0 + 5_000 })).toEqual({ kind: 'leased', untilMs: T0 + 5_000 });
  });

  it('ignores a lapsed lease and its own lease', () => {
    expect(gate({ leaseOwner: 'w2', leaseUntilMs: T0 })).toEqual({ kind: 'go' });
    expect(gate({ leaseOwner: 'w1', leaseUntilMs: T0 + 5_000 })).toEqual({ kind: 'go' });
  });

  it('sleeps a scheduled campaign until its send time, then starts it', () => {
    expect(gate({ status: 'scheduled', sendTimeMs: T0 + 1 })).toEqual({ kind: 'not_yet', untilMs: T0 + 1 });
    expect(gate({ status: 'scheduled', sendTimeMs: T0 })).toEqual({ kind: 'start' });
  });
});

describe('outcomeClock', () => {
  it('has nothing to expire and no deadline without waiting calls', () => {
    expect(outcomeClock({ earliestPendingDialMs: null, outcomeTimeoutMs: 1_000, nowMs: T0 })).toEqual({ expireBeforeMs: null, deadlineMs: null });
  });

  it('gives the deadline of the oldest waiting call', () => {
    expect(outcomeClock({ earliestPendingDialMs: T0 - 500, outcomeTimeoutMs: 1_000, nowMs: T0 })).toEqual({ expireBeforeMs: null, deadlineMs: T0 + 500 });
  });

  it('expires calls dialled more than the timeout ago (not those exactly at it)', () => {
    expect(outcomeClock({ earliestPendingDialMs: T0 - 1_001, outcomeTimeoutMs: 1_000, nowMs: T0 })).toEqual({ expireBeforeMs: T0 - 1_000, deadlineMs: T0 - 1 });
    expect(outcomeClock({ earliestPendingDialMs: T0 - 1_000, outcomeTimeoutMs: 1_000, nowMs: T0 }).expireBeforeMs).toBeNull();
  });
});

describe('unsentBatchStep', () => {
  it('makes a batch still being sent by a lost worker ambiguous', () => {
    expect(unsentBatchStep({ status: 'sending', retryAtMs: null }, T0)).toEqual({ kind: 'lost' });
  });

  it('waits for a claimed batch whose retry is ahead, and resends it once due', () => {
    expect(unsentBatchStep({ status: 'claimed', retryAtMs: T0 + 1 }, T0)).toEqual({ kind: 'sleep', untilMs: T0 + 1 });
    expect(unsentBatchStep({ status: 'claimed', retryAtMs: T0 }, T0)).toEqual({ kind: 'resend' });
    expect(unsentBatchStep({ status: 'claimed', retryAtMs: null }, T0)).toEqual({ kind: 'resend' });
  });
});

describe('nothing due, and completion', () => {
  it('sleeps until the oldest waiting call times out, never in the past', () => {
    expect(whenNothingDue({ deadlineMs: T0 + 10, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 10 });
    expect(whenNothingDue({ deadlineMs: T0 - 10, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 1 });
    expect(whenNothingDue({ deadlineMs: null, nowMs: T0 })).toBeNull();
  });

  it('completes a campaign with no open number, else looks again after a lease', () => {
    expect(completion({ hasOpenNumbers: false, nowMs: T0, leaseMs: 30_000 })).toEqual({ kind: 'complete' });
    expect(completion({ hasOpenNumbers: true, nowMs: T0, leaseMs: 30_000 })).toEqual({ kind: 'sleep', untilMs: T0 + 30_000 });
  });
});

describe('slotFor', () => {
  const input = { sendTimeMs: T0, durationSec: 10, lastSlotIndex: 0, dueAtMs: T0, nowMs: T0 + 1_000 };

  it('is the next grid slot without a calendar', () => {
    expect(slotFor({ timeZone: null, callWindows: null, skipDates: null }, input)).toEqual({ index: 1, atMs: T0 + 10_000 });
  });

  it('moves into the call windows (UTC 09:00 is 16:00 in Ho Chi Minh City; the window opens at 17:00)', () => {
    const slot = slotFor({ timeZone: 'Asia/Ho_Chi_Minh', callWindows: { thu: [['17:00', '18:00']] }, skipDates: [] }, input);
    expect(slot).toEqual({ index: 360, atMs: T0 + 3_600_000 });
  });

  it('skips listed dates (2026-01-01 is skipped: the next day at midnight local)', () => {
    const slot = slotFor({ timeZone: 'Asia/Ho_Chi_Minh', callWindows: null, skipDates: ['2026-01-01'] }, input);
    expect(slot?.atMs).toBe(Date.UTC(2026, 0, 1, 17, 0, 0));
  });
});

describe('slotStep', () => {
  it('claims a slot that has come', () => {
    expect(slotStep({ slot: { index: 2, atMs: T0 }, deadlineMs: null, nowMs: T0 })).toEqual({ kind: 'claim', slot: { index: 2, atMs: T0 } });
  });

  it('sleeps until a later slot, or until a waiting call times out first', () => {
    expect(slotStep({ slot: { index: 2, atMs: T0 + 10 }, deadlineMs: null, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 10 });
    expect(slotStep({ slot: { index: 2, atMs: T0 + 10 }, deadlineMs: T0 + 5, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 5 });
    expect(slotStep({ slot: { index: 2, atMs: T0 + 10 }, deadlineMs: T0 + 50, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 10 });
  });

  it('looks again a day later when the windows leave no slot', () => {
    expect(slotStep({ slot: null, deadlineMs: null, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 86_400_000 });
  });
});

describe('after the claim', () => {
  it('looks again at once when the screen settled numbers, else a second later', () => {
    expect(afterEmptyClaim({ settled: 2, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 });
    expect(afterEmptyClaim({ settled: 0, nowMs: T0 })).toEqual({ kind: 'sleep', untilMs: T0 + 1_000 });
  });

  it('knows the next wake: the next slot, bounded by the outcome timeouts', () => {
    const base = { outcomeTimeoutMs: 600_000, nowMs: T0 };
    expect(nextWakeAfterClaim({ ...base, nextSlotAtMs: null, deadlineMs: null })).toBeNull();
    expect(nextWakeAfterClaim({ ...base, nextSlotAtMs: T0 + 10_000, deadlineMs: null })).toBe(T0 + 10_000);
    expect(nextWakeAfterClaim({ ...base, outcomeTimeoutMs: 4_000, nextSlotAtMs: T0 + 10_000, deadlineMs: null })).toBe(T0 + 4_000);
    expect(nextWakeAfterClaim({ ...base, nextSlotAtMs: T0 + 10_000, deadlineMs: T0 + 2_000 })).toBe(T0 + 2_000);
    expect(nextWakeAfterClaim({ ...base, nextSlotAtMs: T0 + 10_000, deadlineMs: T0 - 5 })).toBe(T0 + 1);
  });
});
