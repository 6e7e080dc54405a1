import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, type TestApp } from '../../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const register = (body: unknown, key = t.adminKey) => t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(key), payload: body as object });

describe('/v1/webhooks', () => {
  it('registers an endpoint, shows the signing secret once, lists and deletes it', async () => {
    const created = await register({ url: 'https://hooks.example.com/autocall', events: ['campaign.completed', 'call.answered'] });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ url: 'https://hooks.example.com/autocall', events: ['campaign.completed', 'call.answered'] });
    expect(body.secret).toMatch(/^whsec_/);

    const listed = (await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(t.adminKey) })).json();
    expect(listed.items.map((e: { id: string }) => e.id)).toContain(body.id);
    expect(JSON.stringify(listed)).not.toContain(body.secret);

    const deliveries = await t.app.inject({ method: 'GET', url: `/v1/webhooks/${body.id}/deliveries`, headers: bearer(t.adminKey) });
    expect(deliveries.statusCode).toBe(200);
    expect(deliveries.json()).toEqual({ items: [], nextCursor: null });

    expect((await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${body.id}`, headers: bearer(t.adminKey) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${body.id}`, headers: bearer(t.adminKey) })).statusCode).toBe(404);
    const after = (await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(t.adminKey) })).json();
    expect(after.items.map((e: { id: string }) => e.id)).not.toContain(body.id);
  });

  it('refuses unknown events, non-http URLs and empty subscriptions with field errors', async () => {
    for (const payload of [
      { url: 'https://x.example.com', events: ['campaign.exploded'] },
      { url: 'ftp://x.example.com', events: ['campaign.started'] },
      { url: 'https://x.example.com', events: [] },
      { events: ['campaign.started'] },
    ]) {
      const reply = await register(payload);
      expect(reply.statusCode).toBe(400);
      expect(reply.json()).toMatchObject({ code: 'validation_error' });
      expect(reply.json().details.length).toBeGreaterThan(0);
    }
  });

  it('refuses URLs that point into the deployment’s own network, storing nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(t.adminKey) })).json().items.length;
    for (const url of ['http://127.0.0.1:9000/hook', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data', 'https://10.1.2.3/x', 'http://[::1]:8080/']) {
      const reply = await register({ url, events: ['campaign.started'] });
      expect(reply.statusCode, url).toBe(400);
      expect(reply.json()).toMatchObject({ code: 'validation_error', details: [{ field: 'url', code: 'private_address' }] });
    }
    const after = (await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(t.adminKey) })).json().items.length;
    expect(after).toBe(before);
  });

  it('keeps tenants apart', async () => {
    const mine = (await register({ url: 'http://hooks.example.net:9/hook', events: ['campaign.started'] })).json();
    const other = await t.createKey();
    const theirs = await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(other.secret) });
    expect(theirs.json().items).toEqual([]);
    for (const [method, url] of [
      ['GET', `/v1/webhooks/${mine.id}/deliveries`],
      ['DELETE', `/v1/webhooks/${mine.id}`],
    ] as const) {
      const reply = await t.app.inject({ method, url, headers: bearer(other.secret) });
      expect(reply.statusCode).toBe(404);
      expect(reply.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('needs an API key', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/webhooks' })).statusCode).toBe(401);
  });
});
