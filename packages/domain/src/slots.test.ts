import { describe, expect, it } from 'vitest';
import { nextSlot, slotTime, type NextSlotInput } from './slots.ts';
import { randomInt, seededRandom } from './test-random.ts';

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);
const base = { sendTimeMs: T0, durationSec: 30, lastSlotIndex: -1, dueAtMs: T0, nowMs: T0 };

describe('slotTime', () => {
  it('puts slot k at sendTime + k * duration', () => {
    expect(slotTime({ sendTimeMs: T0, durationSec: 30 }, 0)).toBe(T0);
    expect(slotTime({ sendTimeMs: T0, durationSec: 30 }, 3)).toBe(T0 + 90_000);
  });
});

describe('nextSlot', () => {
  it('starts with slot 0 at the send time', () => {
    expect(nextSlot(base)).toEqual({ index: 0, atMs: T0 });
    expect(nextSlot({ ...base, nowMs: T0 - 60_000 })).toEqual({ index: 0, atMs: T0 });
  });

  it('moves to the slot after the last dispatched one', () => {
    expect(nextSlot({ ...base, lastSlotIndex: 0, nowMs: T0 + 1_000 })).toEqual({ index: 1, atMs: T0 + 30_000 });
  });

  it('waits for the first slot at or after the due time', () => {
    expect(nextSlot({ ...base, lastSlotIndex: 0, dueAtMs: T0 + 61_000 })).toEqual({ index: 3, atMs: T0 + 90_000 });
    expect(nextSlot({ ...base, lastSlotIndex: 0, dueAtMs: T0 + 60_000 })).toEqual({ index: 2, atMs: T0 + 60_000 });
  });

  it('continues from the slot in progress after waking late, without replaying missed slots', () => {
    const late = nextSlot({ ...base, lastSlotIndex: 0, nowMs: T0 + 10 * 30_000 + 5_000 });
    expect(late).toEqual({ index: 10, atMs: T0 + 300_000 });
    const next = nextSlot({ ...base, lastSlotIndex: 10, nowMs: T0 + 10 * 30_000 + 6_000 });
    expect(next).toEqual({ index: 11, atMs: T0 + 330_000 });
  });

  it('puts every slot at the send time when the duration is 0', () => {
    expect(nextSlot({ ...base, durationSec: 0, lastSlotIndex: 4, nowMs: T0 + 999_999 })).toEqual({ index: 5, atMs: T0 });
    expect(nextSlot({ ...base, durationSec: 0, lastSlotIndex: 4, dueAtMs: T0 + 60_000 })).toEqual({
      index: 5,
      atMs: T0 + 60_000,
    });
  });

  it('refuses a negative duration', () => {
    expect(() => nextSlot({ ...base, durationSec: -1 })).toThrow(RangeError);
  });

  it('holds its properties on random inputs', () => {
    const random = seededRandom(20250101);
    for (let i = 0; i < 50_000; i++) {
      const durationSec = random() < 0.1 ? 0 : randomInt(random, 1, 86_400);
      const step = durationSec * 1000;
      const sendTimeMs = T0 + randomInt(random, -1e9, 1e9);
      const input: NextSlotInput = {
        sendTimeMs,
        durationSec,
        lastSlotIndex: randomInt(random, -1, 500),
        dueAtMs: sendTimeMs + randomInt(random, -1e8, 5e8),
        nowMs: sendTimeMs + randomInt(random, -1e8, 5e8),
      };
      const { index, atMs } = nextSlot(input);
      const context = JSON.stringify({ input, index, atMs });

      expect(index, context).toBeGreaterThan(input.lastSlotIndex);
      expect(Number.isInteger(index), context).toBe(true);
      expect(atMs, context).toBeGreaterThanOrEqual(input.dueAtMs);

      if (durationSec === 0) {
        expect({ index, atMs }).toEqual({ index: input.lastSlotIndex + 1, atMs: Math.max(sendTimeMs, input.dueAtMs) });
        continue;
      }
      expect(atMs, context).toBe(slotTime(input, index));
      const inProgress = Math.floor((input.nowMs - sendTimeMs) / step);
      expect(index, context).toBeGreaterThanOrEqual(inProgress);
      // Minimality: the slot before it breaks at least one rule.
      const previous = index - 1;
      const previousAllowed =
        previous > input.lastSlotIndex && slotTime(input, previous) >= input.dueAtMs && previous >= inProgress;
      expect(previousAllowed, context).toBe(false);
    }
  });
});
