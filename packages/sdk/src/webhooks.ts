// Checks `X-Autocall-Signature` on an outbound webhook, with Web Crypto so the same code runs in
// Node 20+, Deno, Bun, edge runtimes and browsers. The algorithm is packages/domain's signWebhook:
// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
export const WEBHOOK_SIGNATURE_HEADER = 'x-autocall-signature';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

// A fetch `Headers`, or the plain object Node and Express hand over (`req.headers`).
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export type VerifyWebhookOptions = {
  // How far the signed time may be from now (replay window); 300 s by default.
  toleranceSeconds?: number;
  // Now, in epoch milliseconds; Date.now() by default.
  now?: number;
};

// `rawBody` is the body exactly as received, before any JSON parsing: re-serialised JSON does not
// match the signature. Resolves to false (never throws) for a missing, malformed, stale or wrong one.
export async function verifyWebhookSignature(
  secret: string,
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<boolean> {
  const parsed = parseSignature(headerValue(headers, WEBHOOK_SIGNATURE_HEADER));
  if (!parsed) return false;
  const nowSec = (options.now ?? Date.now()) / 1000;
  if (Math.abs(nowSec - parsed.timestamp) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const prefix = encoder.encode(`${parsed.timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  // subtle.verify compares in constant time.
  return crypto.subtle.verify('HMAC', key, parsed.signature, signed);
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function parseSignature(header: string | undefined): { timestamp: number; signature: Uint8Array<ArrayBuffer> } | undefined {
  if (!header) return undefined;
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
  const timestamp = Number(parts.get('t'));
  const hex = parts.get('v1');
  if (!Number.isInteger(timestamp) || !hex || !/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  const signature = new Uint8Array(32);
  for (let i = 0; i < 32; i++) signature[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { timestamp, signature };
}
