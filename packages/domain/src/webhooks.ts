import { createHmac, timingSafeEqual } from 'node:crypto';

export { WEBHOOK_EVENTS, campaignEventFor, type WebhookEvent } from './webhook-events.ts';

export const SIGNATURE_HEADER = 'x-autocall-signature';

function hmac(secret: string, timestampSec: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
}

// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`: the timestamp is signed too,
// so a captured delivery cannot be replayed later with a fresh time.
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `t=${timestampSec},v1=${hmac(secret, timestampSec, body)}`;
}

// What a receiver does; exported for tests and as the reference for the README snippet.
export function verifyWebhookSignature(
  header: string | undefined,
  secret: string,
  body: string,
  nowSec: number,
  toleranceSec = 300,
): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(hmac(secret, t, body));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// Exponential backoff between delivery attempts: base, 2x base, 4x base... capped, with up to
// 20 % jitter so endpoints that failed together do not retry together.
export function webhookBackoffMs(attempt: number, options: { baseMs: number; maxMs: number }, random = Math.random): number {
  const raw = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 + 0.2 * random()));
}
