import { describe, expect, it } from 'vitest';
import { crashHookFromEnv, type CrashPoint } from './fault-injection.ts';

// Which of `reached` points the hook crashes at (the fake crash records instead of killing).
function crashesOver(env: Record<string, string>, reached: CrashPoint[]): number[] {
  const crashed: number[] = [];
  let index = 0;
  const hook = crashHookFromEnv(env, () => crashed.push(index))!;
  for (const point of reached) {
    hook(point);
    index++;
  }
  return crashed;
}

describe('crashHookFromEnv', () => {
  const reached = Array.from({ length: 200 }, (_, i): CrashPoint => (['claim', 'sending', 'send'] as const)[i % 3]!);

  it('is not installed without crash points', () => {
    expect(crashHookFromEnv({})).toBeUndefined();
  });

  it('refuses unknown points and a seed that is not an integer', () => {
    expect(() => crashHookFromEnv({ AUTOCALL_FAULT_CRASH_AFTER: 'claim,later' })).toThrow(/unknown point\(s\) later/);
    expect(() => crashHookFromEnv({ AUTOCALL_FAULT_CRASH_AFTER: 'claim', AUTOCALL_FAULT_SEED: 'x' })).toThrow(/AUTOCALL_FAULT_SEED/);
  });

  it('with a seed, crashes at the same points every time, only at the chosen ones, at about the rate', () => {
    const env = { AUTOCALL_FAULT_CRASH_AFTER: 'claim,send', AUTOCALL_FAULT_CRASH_RATE: '0.3', AUTOCALL_FAULT_SEED: '12345' };
    const first = crashesOver(env, reached);
    expect(crashesOver(env, reached)).toEqual(first);
    expect(crashesOver({ ...env, AUTOCALL_FAULT_SEED: '54321' }, reached)).not.toEqual(first);
    expect(first.every((i) => reached[i] !== 'sending')).toBe(true);
    expect(first.length).toBeGreaterThan(20);
    expect(first.length).toBeLessThan(70);
  });
});
