import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, type TestApp } from '../../test-app.ts';

// The deployment's MAX_CALLS_PER_BATCH, which GET /v1/me names as the key's limit.
const MAX = 37;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ maxCallsPerBatch: MAX });
});
afterAll(() => t?.close());

describe('GET /v1/me', () => {
  it('names the admin key making the request', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(t.adminKey) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ tenantId: t.tenantId, apiKeyId: expect.any(String), name: 'bootstrap', admin: true, limits: { maxCallsPerBatch: MAX } });
  });

  it('says a member key is not admin, for its own tenant', async () => {
    const member = await t.createKey({ role: 'member' });
    const response = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(member.secret) });
    expect(response.json()).toEqual({ tenantId: member.tenantId, apiKeyId: member.id, name: 'test', admin: false, limits: { maxCallsPerBatch: MAX } });
  });

  it('refuses a wrong key with 401 unauthorized', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer('not-a-key') });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ statusCode: 401, code: 'unauthorized' });
  });

  it('refuses unknown query parameters', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me?x=1', headers: bearer(t.adminKey) });
    expect(response.statusCode).toBe(400);
  });
});
