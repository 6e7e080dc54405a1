// The outcome rule moved to the dispatch rules; exported here too under its old path.
export { afterOutcome, type OutcomeDecision, type OutcomeInput } from './dispatch/outcome.ts';

export type BackoffOptions = {
  baseMs?: number;
  maxMs?: number;
  /** The provider's Retry-After, when it sent one: never retry sooner. */
  retryAfterMs?: number;
  random?: () => number;
};

/**
 * Wait before re-sending a failed provider request: exponential with full jitter
 * (uniform in [0, base * 2^(attempt-1)]) so that workers that failed together do
 * not retry together; at least the provider's Retry-After; never more than maxMs.
 */
export function providerBackoffMs(requestAttempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 60_000, retryAfterMs = 0, random = Math.random } = options;
  const exponent = Math.max(0, Math.floor(requestAttempt) - 1);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  const jittered = Math.round(random() * ceiling);
  return Math.min(maxMs, Math.max(retryAfterMs, jittered));
}
