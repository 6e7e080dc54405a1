import { randomBytes } from 'node:crypto';

// Access tokens handed out by GET /api/auth. Every call issues a fresh token, as OMICALL does.
export type TokenCheck = 'valid' | 'expired' | 'unknown';

export function createTokenStore(now: () => number) {
  const tokens = new Map<string, number>();
  return {
    issue(ttlSeconds: number): { token: string; expiresAt: number } {
      const t = now();
      // Drop long-dead tokens so a client that re-authenticates often cannot grow the map forever.
      if (tokens.size > 10_000) for (const [k, exp] of tokens) if (exp + 3_600_000 < t) tokens.delete(k);
      const token = randomBytes(24).toString('base64url');
      const expiresAt = t + ttlSeconds * 1000;
      tokens.set(token, expiresAt);
      return { token, expiresAt };
    },
    check(token: string): TokenCheck {
      const exp = tokens.get(token);
      if (exp === undefined) return 'unknown';
      return exp > now() ? 'valid' : 'expired';
    },
    expire(token: string) {
      if (tokens.has(token)) tokens.set(token, 0);
    },
    /** Every token issued so far (test inspection). */
    issued(): string[] {
      return [...tokens.keys()];
    },
    expireAll() {
      for (const k of tokens.keys()) tokens.set(k, 0);
    },
  };
}
