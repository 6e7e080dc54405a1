import { providerBackoffMs } from '../retry.ts';

// The pause reason when the provider failed (retryably) as many times in a row as allowed.
export const PROVIDER_UNAVAILABLE = 'provider_unavailable';

/** What the provider said to one batch (the shape of `@autocall/omicall`'s DispatchResult). */
export type ProviderReply =
  | { kind: 'accepted'; sessionId: string | null }
  | { kind: 'retryable'; code: string; message: string; retryAfterMs?: number }
  | { kind: 'fatal'; code: string; message: string }
  | { kind: 'ambiguous'; code: string; message: string };

export type ReplyContext = {
  /** Requests of this batch that failed before this one. */
  requestAttempts: number;
  /** After this many retryable failures of one batch the campaign pauses. */
  maxRequestAttempts: number;
  /** The next wake worked out at the claim (null: unknown, claim again). */
  nextWakeAtMs: number | null;
  nowMs: number;
  random?: () => number;
};

export type ReplyReaction =
  /** Record the batch as sent; hand the campaign back with its next wake when one is known and ahead. */
  | { kind: 'sent'; sessionId: string | null; handBackAtMs: number | null }
  /** Send the same numbers again no earlier than retryAtMs. */
  | { kind: 'retry'; code: string; attempt: number; retryAtMs: number }
  /** Nothing was dialled: the numbers go back and the campaign pauses with the reason. */
  | { kind: 'pause'; code: string; pauseReason: string; message: string }
  /** The provider may have dialled: the numbers become unknown, never dialled again. */
  | { kind: 'unknown'; code: string };

/** The reaction to each provider reply: accepted, retryable (with backoff, then pause), fatal, ambiguous. */
export function reactToReply(reply: ProviderReply, context: ReplyContext): ReplyReaction {
  switch (reply.kind) {
    case 'accepted': {
      const next = context.nextWakeAtMs;
      return { kind: 'sent', sessionId: reply.sessionId, handBackAtMs: next !== null && next > context.nowMs ? next : null };
    }
    case 'retryable': {
      // Also a provider that cannot be reached at all: nothing was taken, so it counts like a 5xx.
      const attempt = context.requestAttempts + 1;
      if (attempt >= context.maxRequestAttempts) {
        return { kind: 'pause', code: reply.code, pauseReason: PROVIDER_UNAVAILABLE, message: `${attempt} attempts failed, last: ${reply.code}` };
      }
      const backoff = providerBackoffMs(attempt, { retryAfterMs: reply.retryAfterMs, random: context.random });
      return { kind: 'retry', code: reply.code, attempt, retryAtMs: context.nowMs + backoff };
    }
    case 'fatal':
      return { kind: 'pause', code: reply.code, pauseReason: reply.code, message: reply.message };
    case 'ambiguous':
      return { kind: 'unknown', code: reply.code };
  }
}
