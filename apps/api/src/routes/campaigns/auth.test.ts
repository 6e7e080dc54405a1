import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '@autocall/db';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

function expectUnauthorized(response: { statusCode: number; json(): any }) {
  expect(response.statusCode).toBe(401);
  const body = response.json();
  expect(body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
  expect(body.message).toMatch(/Bearer/);
}

describe('authentication', () => {
  it('refuses a missing key, a malformed header, an unknown key and a revoked key with 401', async () => {
    const before = await t.countRows();
    expectUnauthorized(await t.app.inject({ method: 'GET', url: '/v1/campaigns' }));
    expectUnauthorized(await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: { authorization: 'Bearer' } }));
    expectUnauthorized(await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: { authorization: 'Token abc' } }));
    expectUnauthorized(await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer('ak_not-a-real-key') }));
    expectUnauthorized(await t.app.inject({ method: 'POST', url: '/v1/campaigns', payload: campaignBody() }));

    const key = await t.createKey({ tenantId: t.tenantId });
    expect((await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer(key.secret) })).statusCode).toBe(200);
    await revokeApiKey(t.db.prisma, { id: key.id, nowMs: Date.now() });
    expectUnauthorized(await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer(key.secret) }));
    expectUnauthorized(await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(key.secret), payload: campaignBody() }));
    expect(await t.countRows()).toEqual(before);
  });

  it('checks the key before validating the body', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/campaigns', payload: { nonsense: true } });
    expectUnauthorized(response);
  });

  it('answers 401 on every /v1 route without a key, before looking at params, query or body', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/v1/') && path !== '/v1/providers/omicall/webhook')
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));
    expect(operations.length).toBeGreaterThanOrEqual(5);
    const before = await t.countRows();
    for (const { path, method } of operations) {
      const url = `${path.replace(/\{[^}]+\}/g, 'not-a-uuid')}?limit=-5&status=nope`;
      const hasBody = method !== 'GET' && method !== 'DELETE';
      const response = await t.app.inject({ method: method as 'GET', url, ...(hasBody ? { payload: { junk: 1 } } : {}) });
      expect(response.statusCode, `${method} ${path}`).toBe(401);
      expect(response.json().code, `${method} ${path}`).toBe('unauthorized');
    }
    expect(await t.countRows()).toEqual(before);
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant the campaigns of another', async () => {
    const other = await t.createKey();
    const mine = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody() });
    expect(mine.statusCode).toBe(201);
    const theirs = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(other.secret), payload: campaignBody({ name: 'theirs' }) });
    expect(theirs.statusCode).toBe(201);
    const mineId: string = mine.json().id;
    const theirId: string = theirs.json().id;

    const myList = (await t.app.inject({ method: 'GET', url: '/v1/campaigns?limit=1000', headers: bearer(t.adminKey) })).json();
    expect(myList.items.map((c: { id: string }) => c.id)).toContain(mineId);
    expect(myList.items.map((c: { id: string }) => c.id)).not.toContain(theirId);
    const theirList = (await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer(other.secret) })).json();
    expect(theirList.items.map((c: { id: string }) => c.id)).toEqual([theirId]);

    for (const suffix of ['', '/calls', '/batches']) {
      const foreign = await t.app.inject({ method: 'GET', url: `/v1/campaigns/${theirId}${suffix}`, headers: bearer(t.adminKey) });
      expect(foreign.statusCode, suffix).toBe(404);
      expect(foreign.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
      const own = await t.app.inject({ method: 'GET', url: `/v1/campaigns/${theirId}${suffix}`, headers: bearer(other.secret) });
      expect(own.statusCode, suffix).toBe(200);
    }
  });

  it('answers 404 for an id that does not exist and 400 for one that is not a uuid', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/v1/campaigns/00000000-0000-4000-8000-000000000000', headers: bearer(t.adminKey) });
    expect(missing.statusCode).toBe(404);
    const malformed = await t.app.inject({ method: 'GET', url: '/v1/campaigns/not-a-uuid', headers: bearer(t.adminKey) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'validation_error', details: [{ field: 'params.id' }] });
  });
});
