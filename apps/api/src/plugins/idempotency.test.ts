import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const create = (key: string | undefined, body: Record<string, unknown>, apiKey = t.adminKey) =>
  t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: { ...bearer(apiKey), ...(key ? { 'idempotency-key': key } : {}) }, payload: body });

describe('Idempotency-Key on POST /v1/campaigns', () => {
  it('replays the first reply for the same key and body, and creates nothing new', async () => {
    const body = campaignBody({ name: 'idem-1' });
    const first = await create('key-replay-1', body);
    expect(first.statusCode).toBe(201);
    const before = await t.countRows();

    const again = await create('key-replay-1', { ...body });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // Same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await create('key-replay-1', reordered)).json().id).toBe(first.json().id);
    expect(await t.countRows()).toEqual(before);
  });

  it('refuses the same key with another body (422) and creates nothing', async () => {
    expect((await create('key-reused', campaignBody({ name: 'a' }))).statusCode).toBe(201);
    const before = await t.countRows();
    const other = await create('key-reused', campaignBody({ name: 'b' }));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ statusCode: 422, code: 'idempotency_key_reused' });
    expect(await t.countRows()).toEqual(before);
  });

  it('keeps keys per tenant: another tenant may use the same key', async () => {
    const other = await t.createKey();
    const mine = await create('shared-key', campaignBody({ name: 'mine' }));
    const theirs = await create('shared-key', campaignBody({ name: 'theirs' }), other.secret);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
    const rows = await t.db.prisma.idempotencyKey.findMany({ where: { key: 'shared-key' } });
    expect(rows.map((r) => r.tenantId).sort()).toEqual([t.tenantId, other.tenantId].sort());
    // Kept at least 24 hours.
    for (const row of rows) expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });

  it('lets concurrent duplicates create one campaign only', async () => {
    const before = await t.countRows();
    const body = campaignBody({ name: 'race' });
    const replies = await Promise.all(Array.from({ length: 5 }, () => create('key-race', body)));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(replies.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(ids.size).toBe(1);
    for (const r of replies.filter((r) => r.statusCode === 409)) expect(r.json().code).toBe('idempotency_request_in_progress');
    expect((await t.countRows()).campaigns).toBe(before.campaigns + 1);
  });

  it('releases the key when the request fails, so a corrected retry may use it', async () => {
    const refused = await create('key-after-error', campaignBody({ phoneNumbers: ['12', 'junk'] }));
    expect(refused.statusCode).toBe(400);
    expect((await create('key-after-error', campaignBody({ name: 'fixed' }))).statusCode).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const reply = await create('x'.repeat(300), campaignBody());
    expect(reply.statusCode).toBe(400);
  });

  it('works without the header as before', async () => {
    const before = await t.countRows();
    expect((await create(undefined, campaignBody())).statusCode).toBe(201);
    expect((await create(undefined, campaignBody())).statusCode).toBe(201);
    expect((await t.countRows()).campaigns).toBe(before.campaigns + 2);
  });
});

describe('Idempotency-Key on the OMICALL-compatible executeByPhone', () => {
  it('replays the first reply and creates nothing new', async () => {
    const auth = await t.app.inject({ method: 'GET', url: `/api/auth?apiKey=${t.adminKey}` });
    const token: string = auth.json().payload.access_token;
    const send = (name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v2/autoCall/executeByPhone',
        headers: { ...bearer(token), 'idempotency-key': 'omicall-key' },
        payload: campaignBody({ name }),
      });
    const first = await send('omi');
    expect(first.statusCode).toBe(200);
    const before = await t.countRows();
    const again = await send('omi');
    expect(again.json()).toEqual(first.json());
    expect(await t.countRows()).toEqual(before);
    const other = await send('omi-other');
    expect(other.statusCode).toBe(422);
    expect(await t.countRows()).toEqual(before);
  });

  it('documents the header in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const params = spec.paths['/v1/campaigns'].post.parameters as { name: string; in: string }[];
    expect(params).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }));
  });
});
