import { describe, expect, it } from 'vitest';
import { createRng, decideOutcome } from './prng.ts';

const settings = { answerRate: 0.6, ringMinMs: 3000, ringMaxMs: 15_000 };

describe('decideOutcome', () => {
  it('is a pure function of seed, phone and attempt', () => {
    expect(decideOutcome(7, '0395187319', 0, settings)).toEqual(decideOutcome(7, '0395187319', 0, settings));
  });

  it('varies with the attempt and the seed', () => {
    const phones = Array.from({ length: 200 }, (_, i) => `09${String(i).padStart(8, '0')}`);
    const first = phones.map((p) => decideOutcome(1, p, 0, settings));
    expect(phones.map((p) => decideOutcome(1, p, 1, settings))).not.toEqual(first);
    expect(phones.map((p) => decideOutcome(2, p, 0, settings))).not.toEqual(first);
  });

  it('answers at roughly the configured rate and rings within bounds', () => {
    const outcomes = Array.from({ length: 20_000 }, (_, i) => decideOutcome(1, `09${String(i).padStart(8, '0')}`, 0, settings));
    const rate = outcomes.filter((o) => o.answered).length / outcomes.length;
    expect(rate).toBeGreaterThan(0.57);
    expect(rate).toBeLessThan(0.63);
    expect(outcomes.every((o) => o.ringMs >= 3000 && o.ringMs <= 15_000)).toBe(true);
    expect(outcomes.every((o) => (o.answered ? o.talkSec > 0 : o.talkSec === 0))).toBe(true);
  });

  it('honours 0 and 1 answer rates and instant ringing', () => {
    const s = { answerRate: 1, ringMinMs: 0, ringMaxMs: 0 };
    expect(decideOutcome(1, '0912345678', 0, s)).toMatchObject({ answered: true, ringMs: 0 });
    expect(decideOutcome(1, '0912345678', 0, { ...s, answerRate: 0 }).answered).toBe(false);
  });
});

describe('createRng', () => {
  it('repeats for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
