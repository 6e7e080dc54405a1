import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-app.ts';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  it('answers /healthz without a key', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when Postgres and Redis answer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok' });
  });
});

describe('readiness without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: the queues can never connect.
    t = await buildTestApp({ redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t?.close());

  it('answers /readyz 503 naming Redis, while /healthz stays 200', async () => {
    const started = Date.now();
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not_ready', postgres: 'ok', redis: 'unreachable' });
    // A probe must answer within its own timeout, not hang on a dead dependency.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
