import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@autocall/logger';
import { createWakeTimers } from './wake-timers.ts';

const logger = createLogger({ level: 'silent' });
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

// Fake timers and a fake clock: the wall clock (Date.now) and the timers move only when the test
// advances them, so "not before its time" is checked to the millisecond without sleeping.
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const runs: { campaignId: string; atMs: number }[] = [];
  const timers = createWakeTimers({
    run: async (campaignId) => void runs.push({ campaignId, atMs: Date.now() }),
    now: () => Date.now(),
    logger,
  });
  return { runs, timers };
}

describe('wake timers', () => {
  it('runs a held wake at its time, not before', async () => {
    const { runs, timers } = recorder();
    const atMs = T0 + 60;
    expect(timers.wakeAt('a', atMs)).toBe(true);
    await vi.advanceTimersByTimeAsync(59);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([{ campaignId: 'a', atMs }]);
    await timers.close();
  });

  it('keeps one wake per campaign, the earliest', async () => {
    const { runs, timers } = recorder();
    timers.wakeAt('a', T0 + 80);
    timers.wakeAt('a', T0 + 30);
    timers.wakeAt('a', T0 + 90);
    await vi.advanceTimersByTimeAsync(150);
    expect(runs).toEqual([{ campaignId: 'a', atMs: T0 + 30 }]);
    await timers.close();
  });

  it('waits again when the timer fires before the wall clock reaches the wake', async () => {
    // The monotonic timer and the wall clock disagree: when the timer fires, the clock reads
    // 5 ms short of the wake (it was stepped back after the timer was set).
    let skewMs = 0;
    const runs: number[] = [];
    const timers = createWakeTimers({ run: async () => void runs.push(Date.now() - skewMs), now: () => Date.now() - skewMs, logger });
    timers.wakeAt('a', T0 + 100);
    skewMs = 5;
    await vi.advanceTimersByTimeAsync(104);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([T0 + 100]);
    await timers.close();
  });

  it('on close hands back the wakes it still holds and refuses new ones', async () => {
    const { runs, timers } = recorder();
    const atMs = T0 + 5_000;
    timers.wakeAt('a', atMs);
    timers.wakeAt('b', atMs + 1);
    const pending = await timers.close();
    expect(pending).toEqual([
      { campaignId: 'a', atMs },
      { campaignId: 'b', atMs: atMs + 1 },
    ]);
    expect(timers.wakeAt('c', atMs)).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual([]);
  });

  it('close waits for a wake that is running', async () => {
    const { promise: runGoesOn, resolve: finishRun } = Promise.withResolvers<void>();
    let finished = false;
    const timers = createWakeTimers({
      run: async () => {
        await runGoesOn;
        finished = true;
      },
      now: () => Date.now(),
      logger,
    });
    timers.wakeAt('a', T0);
    await vi.advanceTimersByTimeAsync(0);
    let closed = false;
    const closing = timers.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(closed).toBe(false);
    finishRun();
    await closing;
    expect(finished).toBe(true);
  });
});
