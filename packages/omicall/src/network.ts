// Where did a transport error happen? Before the request could reach OMICALL (safe to resend)
// or after it was written (OMICALL may have acted on it).

export type NetworkFailure =
  | { phase: 'before_send'; code: string; message: string }
  | { phase: 'after_send'; code: 'timeout' | 'connection_reset'; message: string };

const BEFORE_SEND: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect_timeout',
  ECONNREFUSED: 'connection_refused',
  ENOTFOUND: 'dns_error',
  EAI_AGAIN: 'dns_error',
  EHOSTUNREACH: 'network_unreachable',
  ENETUNREACH: 'network_unreachable',
  EADDRNOTAVAIL: 'network_unreachable',
};
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function codesOf(err: unknown, depth = 0): string[] {
  if (typeof err !== 'object' || err === null || depth > 4) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => codesOf(x, depth + 1)) : [];
  return [...own, ...codesOf(e.cause, depth + 1), ...nested];
}

/**
 * A socket reset (UND_ERR_SOCKET, ECONNRESET, EPIPE) and anything unrecognised count as
 * "after send": with keep-alive we cannot tell whether the body had left, and treating an
 * unknown as sent is the side that never dials a number twice.
 */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const codes = codesOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (codes.some((c) => TIMEOUTS.has(c))) return { phase: 'after_send', code: 'timeout', message };
  const before = codes.find((c) => c in BEFORE_SEND);
  if (before !== undefined) return { phase: 'before_send', code: BEFORE_SEND[before] ?? before, message };
  return { phase: 'after_send', code: 'connection_reset', message };
}
