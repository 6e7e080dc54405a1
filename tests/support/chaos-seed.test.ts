// The generator half of replayable chaos: the same CHAOS_SEED makes the same choices.
import { describe, expect, it } from 'vitest';
import { decideOutcome } from '../../apps/omicall-sim/src/index.ts';
import { crashHookFromEnv, type CrashPoint } from '../../apps/worker/src/fault-injection.ts';
import { chaosRandom, parseChaosSeed } from './chaos-seed.ts';

// Everything a chaos run draws, in the order the tests draw it.
function choices(seed: number) {
  const chaos = chaosRandom(seed);
  const simSeed = chaos.seedFor('sim');
  const phones = [...chaos.phones(40), ...chaos.phones(40)];
  const settings = { answerRate: 0.5, ringMinMs: 200, ringMaxMs: 900 };
  const outcomes = phones.flatMap((phone) => [0, 1].map((attempt) => decideOutcome(simSeed, phone, attempt, settings)));
  const killDelays = Array.from({ length: 12 }, () => chaos.delayMs('worker-kill', 500, 2_500));
  const dropDelays = Array.from({ length: 10 }, () => chaos.delayMs('postgres-drop', 800, 2_000));
  const crashes = Array.from({ length: 6 }, (_, generation) => {
    const crashed: number[] = [];
    let reached = 0;
    const env = { AUTOCALL_FAULT_CRASH_AFTER: 'claim,send', AUTOCALL_FAULT_CRASH_RATE: '0.3', AUTOCALL_FAULT_SEED: String(chaos.seedFor(`worker-kill#${generation}`)) };
    const hook = crashHookFromEnv(env, () => crashed.push(reached))!;
    for (; reached < 60; reached++) hook((['claim', 'sending', 'send'] as const)[reached % 3] as CrashPoint);
    return crashed;
  });
  return { simSeed, phones, outcomes, killDelays, dropDelays, crashes };
}

describe('CHAOS_SEED', () => {
  it('replays every choice: phones, simulator outcomes, kill moments, crash points', () => {
    const first = choices(424_242);
    expect(choices(424_242)).toEqual(first);
    const other = choices(424_243);
    for (const key of Object.keys(first) as (keyof typeof first)[]) expect(other[key], key).not.toEqual(first[key]);
  });

  it('draws valid, distinct numbers and delays within bounds', () => {
    const { phones, killDelays, outcomes } = choices(7);
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.every((p) => /^09\d{8}$/.test(p))).toBe(true);
    expect(killDelays.every((ms) => ms >= 500 && ms <= 2_500)).toBe(true);
    expect(outcomes.some((o) => o.answered) && outcomes.some((o) => !o.answered)).toBe(true);
  });

  it('keeps streams apart: drawing more of one changes no other', () => {
    const a = chaosRandom(99);
    const b = chaosRandom(99);
    Array.from({ length: 5 }, () => b.delayMs('postgres-drop', 0, 10));
    expect(b.phones(10)).toEqual(a.phones(10));
    expect(b.delayMs('worker-kill', 0, 1e6)).toBe(a.delayMs('worker-kill', 0, 1e6));
  });

  it('is read from CHAOS_SEED, else taken from the run id', () => {
    expect(parseChaosSeed('17', 'deadbeef')).toBe(17);
    expect(parseChaosSeed(undefined, 'deadbeef')).toBe(parseChaosSeed('', 'deadbeef'));
    expect(parseChaosSeed(undefined, 'deadbeef')).not.toBe(parseChaosSeed(undefined, 'cafebabe'));
    expect(() => parseChaosSeed('-1', 'deadbeef')).toThrow(/CHAOS_SEED/);
    expect(() => parseChaosSeed('1.5', 'deadbeef')).toThrow(/CHAOS_SEED/);
  });
});
