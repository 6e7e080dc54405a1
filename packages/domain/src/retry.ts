export type OutcomeInput = {
  answered: boolean;
  /** Dials so far, including the one that just ended. */
  attempts: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  outcomeAtMs: number;
};

export type OutcomeDecision =
  | { status: 'answered' }
  | { status: 'retry'; nextAttemptAtMs: number }
  | { status: 'failed' };

/** What happens to one number after a dial: at most 1 + maxRetryOfDetail dials in all. */
export function afterOutcome(input: OutcomeInput): OutcomeDecision {
  if (input.answered) return { status: 'answered' };
  const retriesUsed = input.attempts - 1;
  if (retriesUsed >= input.maxRetryOfDetail) return { status: 'failed' };
  return { status: 'retry', nextAttemptAtMs: input.outcomeAtMs + input.retryAfterSeconds * 1000 };
}

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
