// The outcome rule: what one ended call means for its number. Pure; packages/db applies it to
// sets of calls (packages/db/src/outcomes.ts) and only writes what this decides.

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

export type CallOutcomeInput = OutcomeInput & {
  /** The campaign's status when the outcome is applied (its row locked). */
  campaignStatus: string;
};

export type CallOutcome = {
  decision: OutcomeDecision;
  /** What the attempt records. */
  attemptOutcome: 'answered' | 'not_answered';
  /** The number's new status: the decision's, except that a cancelled campaign retries nothing. */
  numberStatus: 'answered' | 'retry' | 'failed' | 'cancelled';
  /** When the number may be dialled again; null when it is final. */
  nextAttemptAtMs: number | null;
  /** The outbound webhook this outcome raises, if any (retries raise none). */
  event: 'call.answered' | 'call.failed' | null;
};

/** The whole effect of one cdr on its call: attempt, number, next dial and outbound event. */
export function callOutcome(input: CallOutcomeInput): CallOutcome {
  const decision = afterOutcome(input);
  const attemptOutcome = input.answered ? 'answered' : 'not_answered';
  if (decision.status === 'answered') {
    return { decision, attemptOutcome, numberStatus: 'answered', nextAttemptAtMs: null, event: 'call.answered' };
  }
  if (decision.status === 'failed') {
    return { decision, attemptOutcome, numberStatus: 'failed', nextAttemptAtMs: null, event: 'call.failed' };
  }
  // A call that ends after its campaign was cancelled is never retried; the cancel raised no
  // call event for it, and neither does this.
  if (input.campaignStatus === 'cancelled') {
    return { decision, attemptOutcome, numberStatus: 'cancelled', nextAttemptAtMs: null, event: null };
  }
  return { decision, attemptOutcome, numberStatus: 'retry', nextAttemptAtMs: decision.nextAttemptAtMs, event: null };
}
