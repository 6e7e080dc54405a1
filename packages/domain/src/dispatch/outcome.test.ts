import { describe, expect, it } from 'vitest';
import { afterOutcome, callOutcome } from './outcome.ts';

const at = Date.UTC(2026, 0, 1, 9, 0, 0);
const base = { attempts: 1, maxRetryOfDetail: 2, retryAfterSeconds: 300, outcomeAtMs: at, campaignStatus: 'running' };

describe('afterOutcome', () => {
  it('answered is final whatever the retries left', () => {
    expect(afterOutcome({ ...base, answered: true, attempts: 3 })).toEqual({ status: 'answered' });
  });

  it('retries retryAfterSeconds after the outcome time, not after the dial or now', () => {
    expect(afterOutcome({ ...base, answered: false })).toEqual({ status: 'retry', nextAttemptAtMs: at + 300_000 });
    expect(afterOutcome({ ...base, answered: false, retryAfterSeconds: 0 })).toEqual({ status: 'retry', nextAttemptAtMs: at });
  });

  it('fails on the last allowed dial, and stays failed past it (a late duplicate count)', () => {
    expect(afterOutcome({ ...base, answered: false, attempts: 3 })).toEqual({ status: 'failed' });
    expect(afterOutcome({ ...base, answered: false, attempts: 4 })).toEqual({ status: 'failed' });
  });
});

describe('callOutcome', () => {
  it('answered: attempt answered, number final, call.answered', () => {
    expect(callOutcome({ ...base, answered: true })).toEqual({
      decision: { status: 'answered' },
      attemptOutcome: 'answered',
      numberStatus: 'answered',
      nextAttemptAtMs: null,
      event: 'call.answered',
    });
  });

  it('not answered with retries left: retry at the outcome time plus retryAfterSeconds, no event', () => {
    expect(callOutcome({ ...base, answered: false, attempts: 2 })).toEqual({
      decision: { status: 'retry', nextAttemptAtMs: at + 300_000 },
      attemptOutcome: 'not_answered',
      numberStatus: 'retry',
      nextAttemptAtMs: at + 300_000,
      event: null,
    });
  });

  it('not answered on the last dial: failed, call.failed', () => {
    expect(callOutcome({ ...base, answered: false, maxRetryOfDetail: 0 })).toEqual({
      decision: { status: 'failed' },
      attemptOutcome: 'not_answered',
      numberStatus: 'failed',
      nextAttemptAtMs: null,
      event: 'call.failed',
    });
  });

  it('a retry after the campaign was cancelled: the number is cancelled, never dialled again, no event', () => {
    expect(callOutcome({ ...base, answered: false, campaignStatus: 'cancelled' })).toMatchObject({
      attemptOutcome: 'not_answered',
      numberStatus: 'cancelled',
      nextAttemptAtMs: null,
      event: null,
    });
  });

  it('a final outcome after a cancel or pause is still recorded as it happened', () => {
    expect(callOutcome({ ...base, answered: true, campaignStatus: 'cancelled' })).toMatchObject({ numberStatus: 'answered', event: 'call.answered' });
    expect(callOutcome({ ...base, answered: false, maxRetryOfDetail: 0, campaignStatus: 'cancelled' })).toMatchObject({
      numberStatus: 'failed',
      event: 'call.failed',
    });
    expect(callOutcome({ ...base, answered: false, campaignStatus: 'paused' })).toMatchObject({ numberStatus: 'retry', nextAttemptAtMs: at + 300_000 });
  });
});
