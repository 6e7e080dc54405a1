import { describe, expect, it } from 'vitest';
import { afterOutcome, providerBackoffMs } from './retry.ts';

const at = 1_735_722_000_000;

describe('afterOutcome', () => {
  it('stops at an answer', () => {
    expect(afterOutcome({ answered: true, attempts: 1, maxRetryOfDetail: 3, retryAfterSeconds: 60, outcomeAtMs: at })).toEqual({
      status: 'answered',
    });
  });

  it('fails at once when no retries are allowed', () => {
    expect(afterOutcome({ answered: false, attempts: 1, maxRetryOfDetail: 0, retryAfterSeconds: 60, outcomeAtMs: at })).toEqual({
      status: 'failed',
    });
  });

  it('retries retryAfterSeconds after the outcome, up to maxRetryOfDetail times', () => {
    const input = { answered: false, maxRetryOfDetail: 2, retryAfterSeconds: 90, outcomeAtMs: at };
    expect(afterOutcome({ ...input, attempts: 1 })).toEqual({ status: 'retry', nextAttemptAtMs: at + 90_000 });
    expect(afterOutcome({ ...input, attempts: 2 })).toEqual({ status: 'retry', nextAttemptAtMs: at + 90_000 });
    expect(afterOutcome({ ...input, attempts: 3 })).toEqual({ status: 'failed' });
  });

  it('dials at most 1 + maxRetryOfDetail times', () => {
    for (let max = 0; max <= 10; max++) {
      let attempts = 0;
      let decision;
      do {
        attempts++;
        decision = afterOutcome({ answered: false, attempts, maxRetryOfDetail: max, retryAfterSeconds: 1, outcomeAtMs: at });
      } while (decision.status === 'retry');
      expect(attempts).toBe(1 + max);
    }
  });
});

describe('providerBackoffMs', () => {
  it('grows exponentially under the jitter', () => {
    const top = () => 1;
    expect(providerBackoffMs(1, { random: top })).toBe(1000);
    expect(providerBackoffMs(2, { random: top })).toBe(2000);
    expect(providerBackoffMs(4, { random: top })).toBe(8000);
    expect(providerBackoffMs(30, { random: top })).toBe(60_000);
    expect(providerBackoffMs(5000, { random: top })).toBe(60_000);
  });

  it('jitters over the whole range', () => {
    expect(providerBackoffMs(3, { random: () => 0 })).toBe(0);
    expect(providerBackoffMs(3, { random: () => 0.5 })).toBe(2000);
    for (let i = 0; i < 1000; i++) {
      const ms = providerBackoffMs(3);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(4000);
    }
  });

  it('honours Retry-After, within the cap', () => {
    expect(providerBackoffMs(1, { random: () => 0, retryAfterMs: 5000 })).toBe(5000);
    expect(providerBackoffMs(1, { random: () => 0, retryAfterMs: 120_000 })).toBe(60_000);
    expect(providerBackoffMs(1, { random: () => 0, retryAfterMs: 120_000, maxMs: 300_000 })).toBe(120_000);
  });

  it('uses its options', () => {
    expect(providerBackoffMs(3, { random: () => 1, baseMs: 100, maxMs: 250 })).toBe(250);
    expect(providerBackoffMs(0, { random: () => 1 })).toBe(1000);
  });
});
