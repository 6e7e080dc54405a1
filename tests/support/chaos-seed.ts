// One seed per run drives every random choice of the chaos suite: the simulator's seed (call
// outcomes, ring times, fault and webhook draws), the phone numbers, the moments the tests kill or
// cut something, and each worker's crash hook. `CHAOS_SEED=<n>` replays a run's choices; unset, the
// seed comes from the run id, so it is random but the same in every test file of one `vitest run`.
// What still differs between two runs of one seed is the machine's timing: which batch a kill
// lands in depends on how fast the processes were, not on a draw.
import path from 'node:path';
import { afterEach, expect, inject } from 'vitest';
import { hashKey } from '../../apps/omicall-sim/src/prng.ts';
import { randomInt, seededRandom } from '../../packages/domain/src/test-random.ts';

export function parseChaosSeed(value: string | undefined, runId: string): number {
  if (value === undefined || value === '') return Number.parseInt(runId.slice(0, 8), 16) % 2_147_483_647;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a non-negative integer, got "${value}"`);
  return seed;
}

export type ChaosRandom = {
  seed: number;
  // An independent stream per use, so a draw added in one place shifts no other choice.
  stream(label: string): () => number;
  // A 31-bit seed of its own for a process (SIM_SEED, AUTOCALL_FAULT_SEED).
  seedFor(label: string): number;
  // `count` valid Vietnamese mobile numbers, distinct, from the `phones` stream.
  phones(count: number): string[];
  // Milliseconds uniformly in [minMs, maxMs] from the named stream.
  delayMs(label: string, minMs: number, maxMs: number): number;
};

export function chaosRandom(seed: number): ChaosRandom {
  const streams = new Map<string, () => number>();
  const stream = (label: string) => {
    let random = streams.get(label);
    if (!random) streams.set(label, (random = seededRandom(hashKey(seed, label))));
    return random;
  };
  // Consecutive numbers from a seeded start: distinct within a file without keeping a set.
  let phoneCursor = 10_000_000 + randomInt(stream('phones'), 0, 40_000_000);
  return {
    seed,
    stream,
    seedFor: (label) => 1 + (hashKey(seed, `seed:${label}`) % 2_147_483_646),
    phones(count) {
      const phones = Array.from({ length: count }, (_, i) => `09${String(phoneCursor + i).padStart(8, '0')}`);
      phoneCursor += count;
      return phones;
    },
    delayMs: (label, minMs, maxMs) => randomInt(stream(label), minMs, maxMs),
  };
}

export const CHAOS_SEED = parseChaosSeed(process.env.CHAOS_SEED, inject('runId'));
export const chaos = chaosRandom(CHAOS_SEED);

// Inside a test, the command names that test's file.
export function replayHint(file = expect.getState().testPath): string {
  const target = file ? path.relative(process.cwd(), file) : 'tests/chaos';
  return `CHAOS_SEED=${CHAOS_SEED} to replay: CHAOS_SEED=${CHAOS_SEED} npx vitest run --project node ${target}`;
}

// Test titles carry the seed, so every failure line in the report names it.
export const seeded = (title: string) => `${title} [CHAOS_SEED=${CHAOS_SEED}]`;

// Call at the top of a chaos test file: a failed test prints how to replay it.
export function printSeedOnFailure(): void {
  afterEach(({ task }) => {
    if (task.result?.state !== 'fail') return;
    process.stderr.write(`[chaos] "${task.name}" failed; ${replayHint(task.file?.filepath)}\n`);
  });
}
