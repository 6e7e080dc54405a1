import { setTimeout as delay } from 'node:timers/promises';

export type WaitForOptions = { timeoutMs?: number; intervalMs?: number; message?: string };

// Polls until `fn` yields a value (anything but undefined/false) or the deadline passes.
// The last error thrown by `fn` is kept as the cause, so a timeout says why it kept failing.
export async function waitFor<T>(fn: () => Promise<T | undefined | false>, opts: WaitForOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${opts.message ?? 'condition not met'}`, { cause: lastError });
    }
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
