import { describe, expect, it } from 'vitest';
import { resolveSendTime } from './send-time.ts';

const now = Date.UTC(2025, 5, 1, 8, 0, 0);
const hour = 3_600_000;

describe('resolveSendTime', () => {
  it('defaults to now', () => {
    expect(resolveSendTime(undefined, now)).toEqual({ ok: true, atMs: now });
  });

  it('keeps a future time', () => {
    expect(resolveSendTime(now + hour, now)).toEqual({ ok: true, atMs: now + hour });
  });

  it('starts now when the time is slightly past', () => {
    expect(resolveSendTime(now - 5_000, now)).toEqual({ ok: true, atMs: now });
    expect(resolveSendTime(now - 24 * hour, now)).toEqual({ ok: true, atMs: now });
  });

  it('refuses a time more than 24 hours old', () => {
    const result = resolveSendTime(now - 24 * hour - 1, now);
    expect(result).toMatchObject({ ok: false, code: 'send_time_too_old' });
  });

  it('refuses epoch seconds', () => {
    const result = resolveSendTime(Math.floor(now / 1000), now);
    expect(result).toMatchObject({ ok: false, code: 'send_time_in_seconds' });
    expect(result.ok === false && result.message).toContain('milliseconds');
    expect(resolveSendTime(0, now)).toMatchObject({ ok: false, code: 'send_time_in_seconds' });
    expect(resolveSendTime(-5, now)).toMatchObject({ ok: false, code: 'send_time_in_seconds' });
  });

  it('treats a non-finite value as a programming error', () => {
    expect(() => resolveSendTime(Number.NaN, now)).toThrow(RangeError);
  });
});
