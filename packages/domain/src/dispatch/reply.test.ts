import { describe, expect, it } from 'vitest';
import { PROVIDER_UNAVAILABLE, reactToReply, type ReplyContext } from './reply.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const context = (over: Partial<ReplyContext> = {}): ReplyContext => ({
  requestAttempts: 0,
  maxRequestAttempts: 3,
  nextWakeAtMs: T0 + 10_000,
  nowMs: T0,
  random: () => 0.5,
  ...over,
});

describe('reactToReply', () => {
  it('records an accepted batch and hands the campaign back with the next wake still ahead', () => {
    expect(reactToReply({ kind: 'accepted', sessionId: 's-1' }, context())).toEqual({ kind: 'sent', sessionId: 's-1', handBackAtMs: T0 + 10_000 });
  });

  it('keeps the campaign when the next wake is unknown or already past (claim again)', () => {
    expect(reactToReply({ kind: 'accepted', sessionId: 's-1' }, context({ nextWakeAtMs: null }))).toMatchObject({ handBackAtMs: null });
    expect(reactToReply({ kind: 'accepted', sessionId: null }, context({ nextWakeAtMs: T0 }))).toMatchObject({ handBackAtMs: null });
  });

  it('retries a retryable failure with jittered exponential backoff', () => {
    // Attempt 2: ceiling 2 s, half of it with random() = 0.5.
    expect(reactToReply({ kind: 'retryable', code: 'http_503', message: '' }, context({ requestAttempts: 1 }))).toEqual({
      kind: 'retry',
      code: 'http_503',
      attempt: 2,
      retryAtMs: T0 + 1_000,
    });
  });

  it("never retries sooner than the provider's Retry-After", () => {
    const reaction = reactToReply({ kind: 'retryable', code: 'http_429', message: '', retryAfterMs: 7_000 }, context());
    expect(reaction).toMatchObject({ kind: 'retry', retryAtMs: T0 + 7_000 });
  });

  it('pauses the campaign as provider_unavailable after the last allowed try', () => {
    expect(reactToReply({ kind: 'retryable', code: 'connection_refused', message: '' }, context({ requestAttempts: 2 }))).toEqual({
      kind: 'pause',
      code: 'connection_refused',
      pauseReason: PROVIDER_UNAVAILABLE,
      message: '3 attempts failed, last: connection_refused',
    });
  });

  it('pauses with the provider code on a fatal refusal', () => {
    expect(reactToReply({ kind: 'fatal', code: 'balance_is_not_enough', message: 'out of credit' }, context())).toEqual({
      kind: 'pause',
      code: 'balance_is_not_enough',
      pauseReason: 'balance_is_not_enough',
      message: 'out of credit',
    });
  });

  it('makes the numbers unknown when the reply was lost after sending', () => {
    expect(reactToReply({ kind: 'ambiguous', code: 'timeout', message: '' }, context())).toEqual({ kind: 'unknown', code: 'timeout' });
  });
});
