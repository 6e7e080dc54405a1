import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@autocall/logger';
import { createWakeTimers } from './wake-timers.ts';

const logger = createLogger({ level: 'silent' });

function recorder() {
  const runs: { campaignId: string; atMs: number }[] = [];
  const timers = createWakeTimers({
    run: async (campaignId) => void runs.push({ campaignId, atMs: Date.now() }),
    now: Date.now,
    logger,
  });
  return { runs, timers };
}

describe('wake timers', () => {
  it('runs a held wake at its time, not before', async () => {
    const { runs, timers } = recorder();
    const atMs = Date.now() + 60;
    expect(timers.wakeAt('a', atMs)).toBe(true);
    await delay(20);
    expect(runs).toEqual([]);
    await delay(80);
    expect(runs.map((r) => r.campaignId)).toEqual(['a']);
    expect(runs[0]!.atMs).toBeGreaterThanOrEqual(atMs);
    await timers.close();
  });

  it('keeps one wake per campaign, the earliest', async () => {
    const { runs, timers } = recorder();
    const now = Date.now();
    timers.wakeAt('a', now + 80);
    timers.wakeAt('a', now + 30);
    timers.wakeAt('a', now + 90);
    await delay(150);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.atMs).toBeGreaterThanOrEqual(now + 30);
    expect(runs[0]!.atMs).toBeLessThan(now + 80);
    await timers.close();
  });

  it('on close hands back the wakes it still holds and refuses new ones', async () => {
    const { runs, timers } = recorder();
    const atMs = Date.now() + 5_000;
    timers.wakeAt('a', atMs);
    timers.wakeAt('b', atMs + 1);
    const pending = await timers.close();
    expect(pending).toEqual([
      { campaignId: 'a', atMs },
      { campaignId: 'b', atMs: atMs + 1 },
    ]);
    expect(timers.wakeAt('c', atMs)).toBe(false);
    expect(runs).toEqual([]);
  });

  it('close waits for a wake that is running', async () => {
    let finished = false;
    const timers = createWakeTimers({
      run: async () => {
        await delay(50);
        finished = true;
      },
      now: Date.now,
      logger,
    });
    timers.wakeAt('a', Date.now());
    await delay(10);
    await timers.close();
    expect(finished).toBe(true);
  });
});
