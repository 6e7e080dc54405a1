import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const event = (callUuid: string) => ({
  state: 'cdr',
  call_uuid: callUuid,
  autocall_id: 'no-such-session',
  to_number: '0395187319',
  disposition: 'answered',
  answer_sec: 5,
});

const send = (query: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `/v1/providers/omicall/webhook${query}`, payload: payload as object });

describe('POST /v1/providers/omicall/webhook', () => {
  it('refuses a missing, wrong or near-miss token with a bare 401 and stores nothing', async () => {
    const before = await t.countRows();
    const attempts = [
      '',
      '?token=',
      '?token=wrong',
      `?token=${TEST_WEBHOOK_SECRET.slice(0, -1)}`,
      `?token=${TEST_WEBHOOK_SECRET}x`,
      `?token=${TEST_WEBHOOK_SECRET.toUpperCase()}`,
      `?secret=${TEST_WEBHOOK_SECRET}`,
    ];
    for (const query of attempts) {
      const response = await send(query, event(`refused-${query}`));
      expect(response.statusCode, query).toBe(401);
      // Nothing in the reply says which part was wrong, or that the path exists for a reason.
      expect(response.json()).toEqual({ statusCode: 401, code: 'unauthorized', message: 'Unauthorized.' });
    }
    // The token is checked before the body: a malformed body still gets 401, not a schema error.
    const malformed = await send('?token=wrong', { nope: 1 });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.body).not.toContain('state');
    expect(await t.countRows()).toEqual(before);
  });

  it('stores an event once even when it is delivered twice', async () => {
    const before = await t.countRows();
    const first = await send(`?token=${TEST_WEBHOOK_SECRET}`, event('once-1'));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, received: 1 });
    const again = await send(`?token=${TEST_WEBHOOK_SECRET}`, event('once-1'));
    expect(again.statusCode).toBe(200);
    expect((await t.countRows()).providerEvents).toBe(before.providerEvents + 1);
    const stored = await t.db.prisma.providerEvent.findMany({ where: { dedupeKey: { contains: 'once-1' } } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: 'cdr', autocallId: 'no-such-session', toNumber: '0395187319' });

    // A batch with a repeat inside it and one already stored: only the new event is added.
    const batch = await send(`?token=${TEST_WEBHOOK_SECRET}`, [event('once-2'), event('once-2'), event('once-1')]);
    expect(batch.statusCode).toBe(200);
    expect((await t.countRows()).providerEvents).toBe(before.providerEvents + 2);
  });

  it('refuses an event that is not a call webhook with 400', async () => {
    const response = await send(`?token=${TEST_WEBHOOK_SECRET}`, { state: 'cdr' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'validation_error' });
  });
});
