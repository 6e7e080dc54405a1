import { RATE_LIMIT_CODE, RETRYABLE_ERROR_CODES, SESSION_ID_FIELDS, STATUS_FAILED, STATUS_OK, TOKEN_EXPIRED_CODE } from './assumptions.ts';
import { redactDigits } from './redact.ts';
import type { DispatchResult } from './types.ts';

// Pure interpretation of OMICALL replies: no I/O, so every branch is unit-testable.

export type Envelope = { ok: true; payload: unknown } | { ok: false; code: string; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads OMICALL's envelope. Errors come in two documented shapes:
 * `{status_code:-9999, message:"<code>"}` and `{status_code:-9999, payload:{error:"<code>", message}}`.
 * Returns null when the body is not an OMICALL envelope at all.
 */
export function parseEnvelope(body: unknown): Envelope | null {
  if (!isRecord(body)) return null;
  const payload = body.payload;
  const payloadError = isRecord(payload) && typeof payload.error === 'string' ? payload.error : undefined;
  if (body.status_code === STATUS_OK && payloadError === undefined) return { ok: true, payload };
  if (body.status_code !== STATUS_FAILED && payloadError === undefined) return null;
  const topMessage = typeof body.message === 'string' ? body.message : undefined;
  const code = payloadError ?? topMessage ?? 'unknown_error';
  const human = isRecord(payload) && typeof payload.message === 'string' ? payload.message : topMessage;
  return { ok: false, code, message: human ?? code };
}

/** Retry-After as delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function sessionIdOf(payload: unknown): string | null {
  if (!isRecord(payload)) return null;
  for (const field of SESSION_ID_FIELDS) {
    const v = payload[field];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The token was refused: the caller fetches a new one and sends once more. */
export type AuthRefused = { kind: 'auth_refused'; code: string; message: string };

export function classifyExecuteReply(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  now: number,
): DispatchResult | AuthRefused {
  const json = parseJson(text);
  const env = parseEnvelope(json);
  const code = env && !env.ok ? env.code : undefined;
  const message = env && !env.ok ? redactDigits(env.message) : `HTTP ${status}`;
  const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
  const withRetryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };

  if (status === 429 || code === RATE_LIMIT_CODE) {
    return { kind: 'retryable', code: RATE_LIMIT_CODE, message, ...withRetryAfter };
  }
  if (status === 401 || code === TOKEN_EXPIRED_CODE) {
    return { kind: 'auth_refused', code: code ?? `http_${status}`, message };
  }
  if (status >= 500) return { kind: 'retryable', code: code ?? `http_${status}`, message, ...withRetryAfter };
  if (env?.ok) return { kind: 'accepted', sessionId: sessionIdOf(env.payload), raw: json };
  if (code !== undefined) {
    return RETRYABLE_ERROR_CODES.has(code) ? { kind: 'retryable', code, message, ...withRetryAfter } : { kind: 'fatal', code, message };
  }
  if (status >= 200 && status < 300) {
    return { kind: 'ambiguous', code: 'malformed_reply', message: `HTTP ${status} with a body that is not an OMICALL envelope` };
  }
  return { kind: 'fatal', code: `http_${status}`, message };
}
