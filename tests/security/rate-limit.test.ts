// Rate limits per API key, counted in Redis and therefore shared by every API process: two real
// API processes on one Redis together allow RATE_LIMIT_PER_MINUTE requests per key, then 429 with
// Retry-After. Health checks are exempt; the provider's webhook deliveries (right token) are never
// limited, wrong tokens have their own, larger budget per address.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix, type TestDatabase } from '@autocall/testing';
import { freePort, killAllChildren, serviceEnv, startApiProcess, type ChildHandle } from '../support/processes.ts';

const LIMIT = 30;
const ADMIN = `rl-admin-${randomBytes(12).toString('hex')}`;
let db: TestDatabase;
const prefix = uniqueQueuePrefix();
const apis: { url: string; handle: ChildHandle }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const base = { databaseUrl: db.url, redisUrl: testRedisUrl(), queuePrefix: prefix, simPort: 9, webhookSecret: 'rate-limit-secret', bootstrapKey: ADMIN };
  const ports = [await freePort(), await freePort()];
  const handles = await Promise.all(
    ports.map((apiPort) => startApiProcess(serviceEnv({ ...base, apiPort, extra: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } }), `api-${apiPort}`)),
  );
  handles.forEach((handle, i) => apis.push({ url: `http://127.0.0.1:${ports[i]}`, handle }));
});
afterAll(async () => {
  await Promise.all(apis.map((a) => a.handle.stop('SIGTERM', 5_000)));
  await killAllChildren();
  await cleanupRedisPrefix(testRedisUrl(), prefix);
  await db?.drop();
});

const get = (url: string, key?: string) => fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('rate limits', () => {
  it('shares one budget per key across API processes and answers 429 with Retry-After', { timeout: 60_000 }, async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < LIMIT + 10; i++) {
      const response = await get(`${apis[i % 2]!.url}/v1/campaigns`, ADMIN);
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
      else await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited!.json()).toMatchObject({ statusCode: 429, code: 'rate_limited' });

    // Health checks are exempt, and another key (here: none) has its own budget.
    for (let i = 0; i < 10; i++) expect((await get(`${apis[0]!.url}/readyz`, ADMIN)).status).toBe(200);
    expect((await get(`${apis[1]!.url}/v1/campaigns`, 'some-other-key-0123456789')).status).toBe(401);
  });

  it('gives the provider webhook its own budget and never says why a token is wrong', { timeout: 60_000 }, async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < LIMIT + 10; i++) {
      const token = i % 2 ? 'wrong' : 'rate-limit-secreX';
      const response = await fetch(`${apis[i % 2]!.url}/v1/providers/omicall/webhook?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'cdr', call_uuid: 'x' }),
      });
      expect(response.status).toBe(401);
      bodies.add(await response.text());
    }
    // Same bare answer whatever was wrong with the token.
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toMatch(/secret|length|expected/i);
  });

  it("never refuses the provider's deliveries; wrong tokens run out of their own budget", { timeout: 60_000 }, async () => {
    const post = (api: string, token: string) =>
      fetch(`${api}/v1/providers/omicall/webhook?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'cdr', call_uuid: randomBytes(8).toString('hex') }),
      });
    // 20x the per-key budget per address, counted across both processes (the test above used some).
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT * 20 + 10 && statuses.at(-1) !== 429; i++) {
      const response = await post(apis[i % 2]!.url, 'wrong');
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);

    // The same address with the right token, past that budget and past the per-key one: all stored.
    for (let i = 0; i < LIMIT + 10; i++) {
      const response = await post(apis[i % 2]!.url, 'rate-limit-secret');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, received: 1 });
    }
  });
});
