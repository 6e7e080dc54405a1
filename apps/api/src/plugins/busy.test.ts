// When every database connection is taken for longer than a request may wait, the API answers
// 503 busy with Retry-After and changes nothing; the same request (same Idempotency-Key) succeeds
// once a connection is free.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../test-app.ts';
import { isBusyError } from '../errors.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ pool: { max: 2, acquireTimeoutMs: 300 } });
});
afterAll(() => t?.close());

describe('503 busy', () => {
  it('answers 503 busy with Retry-After while every connection is taken, then the retry succeeds', async () => {
    const before = await t.countRows();
    const held = await Promise.all([t.db.pool.connect(), t.db.pool.connect()]);
    const request = {
      method: 'POST' as const,
      url: '/v1/campaigns',
      headers: { ...bearer(t.adminKey), 'idempotency-key': 'busy-retry-1' },
      payload: campaignBody({ phoneNumbers: ['0395187319'] }),
    };
    let busy;
    try {
      busy = await t.app.inject(request);
    } finally {
      for (const client of held) client.release();
    }
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.json()).toMatchObject({ statusCode: 503, code: 'busy' });
    expect(await t.countRows()).toEqual(before);

    const retried = await t.app.inject(request);
    expect(retried.statusCode).toBe(201);
    expect((await t.countRows()).campaigns).toBe(before.campaigns + 1);
  });

  it("recognises Prisma's transaction-start timeout and the pool's acquire timeout", () => {
    // The shape of Prisma's PrismaClientKnownRequestError for P2028.
    const p2028 = Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' });
    expect(isBusyError(p2028)).toBe(true);
    expect(isBusyError(Object.assign(new Error('Transaction already closed'), { code: 'P2028' }))).toBe(true);
    expect(isBusyError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isBusyError(new Error('relation "campaigns" does not exist'))).toBe(false);
  });
});
