export type SendTimeResult =
  | { ok: true; atMs: number }
  | { ok: false; code: 'send_time_in_seconds' | 'send_time_too_old'; message: string };

// Epoch milliseconds passed 1e11 in 1973; epoch seconds will not reach it for ~3000 years.
const SECONDS_THRESHOLD = 1e11;
const MAX_PAST_MS = 24 * 60 * 60 * 1000;

/**
 * When a new campaign starts. A send time slightly in the past (clock skew, a slow
 * client, a retried request) means "now"; one more than a day old is almost
 * certainly a bug in the caller, and starting it would surprise them.
 */
export function resolveSendTime(sendTime: number | undefined, nowMs: number): SendTimeResult {
  if (sendTime === undefined) return { ok: true, atMs: nowMs };
  if (!Number.isFinite(sendTime)) throw new RangeError(`sendTime must be a finite number, got ${sendTime}`);
  if (sendTime < SECONDS_THRESHOLD) {
    return {
      ok: false,
      code: 'send_time_in_seconds',
      message: `sendTime ${sendTime} looks like seconds; send epoch milliseconds (e.g. ${sendTime * 1000}).`,
    };
  }
  if (nowMs - sendTime > MAX_PAST_MS) {
    return {
      ok: false,
      code: 'send_time_too_old',
      message: `sendTime ${new Date(sendTime).toISOString()} is more than 24 hours in the past.`,
    };
  }
  return { ok: true, atMs: Math.max(sendTime, nowMs) };
}
