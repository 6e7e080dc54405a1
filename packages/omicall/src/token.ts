import type { Dispatcher } from 'undici';
import { AUTH_PATH, TOKEN_LIFETIME_MS, TOKEN_SAFETY_MARGIN_MS } from './assumptions.ts';
import { parseEnvelope, parseRetryAfter } from './envelope.ts';
import { classifyNetworkError } from './network.ts';
import { redactDigits } from './redact.ts';
import type { DispatchResult, OmicallLogger } from './types.ts';

// Access-token cache: one token reused until shortly before it expires, one shared in-flight
// fetch for concurrent callers. OMICALL has no refresh endpoint; a new token is simply fetched.

export type TokenOutcome = { ok: true; token: string } | { ok: false; failure: Exclude<DispatchResult, { kind: 'accepted' } | { kind: 'ambiguous' }> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Epoch ms from seconds, milliseconds or an ISO string. */
function toEpochMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e12 ? v * 1000 : v;
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    if (Number.isFinite(n)) return toEpochMs(n);
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

export function tokenExpiresAt(payload: Record<string, unknown>, fetchedAt: number): number {
  const expiresIn = typeof payload.expires_in === 'number' ? payload.expires_in * 1000 : undefined;
  const absolute = toEpochMs(payload.expired_at ?? payload.expires_at);
  const expiry = expiresIn !== undefined ? fetchedAt + expiresIn : (absolute ?? fetchedAt + TOKEN_LIFETIME_MS);
  const margin = Math.min(TOKEN_SAFETY_MARGIN_MS, (expiry - fetchedAt) / 10);
  return expiry - Math.max(0, margin);
}

export function createTokenCache(deps: { pool: Dispatcher; pathPrefix: string; apiKey: string; now: () => number; logger: OmicallLogger }) {
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<TokenOutcome> | null = null;

  async function fetchToken(): Promise<TokenOutcome> {
    const fetchedAt = deps.now();
    let status: number;
    let text: string;
    let retryAfter: string | string[] | undefined;
    try {
      const res = await deps.pool.request({
        method: 'GET',
        path: `${deps.pathPrefix}${AUTH_PATH}?apiKey=${encodeURIComponent(deps.apiKey)}`,
        headers: { accept: 'application/json' },
      });
      status = res.statusCode;
      retryAfter = res.headers['retry-after'];
      text = await res.body.text();
    } catch (err) {
      // Fetching a token changes nothing at OMICALL, so every transport failure is retryable.
      const f = classifyNetworkError(err);
      return { ok: false, failure: { kind: 'retryable', code: `auth_${f.code}`, message: f.message } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const env = parseEnvelope(json);
    if (env?.ok && isRecord(env.payload) && typeof env.payload.access_token === 'string') {
      cached = { token: env.payload.access_token, expiresAt: tokenExpiresAt(env.payload, fetchedAt) };
      deps.logger.debug({ expiresInMs: cached.expiresAt - fetchedAt }, 'omicall access token fetched');
      return { ok: true, token: cached.token };
    }
    const code = env && !env.ok ? env.code : `auth_http_${status}`;
    const message = env && !env.ok ? redactDigits(env.message) : `auth reply HTTP ${status} without a token`;
    if (status === 429 || status >= 500 || env === null || env.ok) {
      const retryAfterMs = parseRetryAfter(retryAfter, deps.now());
      return { ok: false, failure: { kind: 'retryable', code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
    }
    return { ok: false, failure: { kind: 'fatal', code, message } };
  }

  return {
    get(): Promise<TokenOutcome> {
      if (cached && deps.now() < cached.expiresAt) return Promise.resolve({ ok: true, token: cached.token });
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    /** Forgets `token` unless a newer one has replaced it meanwhile. */
    invalidate(token: string) {
      if (cached?.token === token) cached = null;
    },
  };
}
