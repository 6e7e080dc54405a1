// Test-only crash points for the chaos suite (tests/chaos). Unset in every real deployment: with
// AUTOCALL_FAULT_CRASH_AFTER empty nothing is installed and dispatch runs untouched.
import { mulberry32 } from '@autocall/domain';

export type CrashPoint = 'claim' | 'sending' | 'send';
export type CrashHook = (point: CrashPoint) => void;

const POINTS: readonly CrashPoint[] = ['claim', 'sending', 'send'];

// AUTOCALL_FAULT_CRASH_AFTER: comma list of points — `claim` (numbers claimed, request not yet
// marked as leaving), `sending` (marked, request not yet sent), `send` (provider replied, reply
// not yet recorded). AUTOCALL_FAULT_CRASH_RATE: probability per point reached (default 0.2).
// AUTOCALL_FAULT_SEED: the draws come from this seed (the chaos suite passes one derived from
// CHAOS_SEED), so the n-th point reached decides the same way in a replay; unset, Math.random.
export function crashHookFromEnv(env: Record<string, string | undefined>, crash: (point: CrashPoint) => void = killSelf): CrashHook | undefined {
  const wanted = (env.AUTOCALL_FAULT_CRASH_AFTER ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (wanted.length === 0) return undefined;
  const unknown = wanted.filter((p) => !POINTS.includes(p as CrashPoint));
  if (unknown.length > 0) throw new Error(`AUTOCALL_FAULT_CRASH_AFTER: unknown point(s) ${unknown.join(', ')}`);
  const rate = Number(env.AUTOCALL_FAULT_CRASH_RATE ?? '0.2');
  const seed = env.AUTOCALL_FAULT_SEED ? Number(env.AUTOCALL_FAULT_SEED) : undefined;
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error(`AUTOCALL_FAULT_SEED: not an integer: ${env.AUTOCALL_FAULT_SEED}`);
  const random = seed === undefined ? Math.random : mulberry32(seed);
  const points = new Set(wanted);
  return (point) => {
    if (!points.has(point) || random() >= rate) return;
    crash(point);
  };
}

function killSelf(point: CrashPoint): void {
  // SIGKILL, not exit(): no shutdown hook may run, exactly like a machine dying.
  process.stderr.write(`fault-injection: crash after ${point}\n`);
  process.kill(process.pid, 'SIGKILL');
}
