import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, type TestApp } from '../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const board = (headers: Record<string, string> = {}, url = '/admin/queues') => t.app.inject({ method: 'GET', url, headers });

describe('Bull Board at /admin/queues', () => {
  it('opens for an admin key, as a bearer token or as the Basic-auth password', async () => {
    for (const headers of [bearer(t.adminKey), basic('admin', t.adminKey), basic('', t.adminKey)]) {
      const response = await board(headers);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    }
    // Its JSON API answers too, and shows this deployment's queue.
    const api = await board(bearer(t.adminKey), '/admin/queues/api/queues');
    expect(api.statusCode).toBe(200);
    expect(api.body).toContain('campaign-wake');
  });

  it('refuses a member key with 403', async () => {
    const member = await t.createKey({ tenantId: t.tenantId, role: 'member' });
    for (const headers of [bearer(member.secret), basic('x', member.secret)]) {
      const response = await board(headers);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ statusCode: 403, code: 'forbidden' });
    }
    expect((await board(bearer(member.secret), '/admin/queues/api/queues')).statusCode).toBe(403);
  });

  it('asks for Basic auth with 401 when there is no key or a wrong one', async () => {
    for (const headers of [{}, basic('admin', 'wrong-password'), bearer('nope')]) {
      const response = await board(headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(response.json()).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    }
    const assets = await board({}, '/admin/queues/api/queues');
    expect(assets.statusCode).toBe(401);
  });
});
