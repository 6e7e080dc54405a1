import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, campaignBody, type TestApp } from '../../../apps/api/src/test-app.ts';
import { createAutocallClient, type CreateCampaignRequest } from './index.ts';

// The client against the real API on a real port: what a backend integrating it would see.
let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t?.close());

const tomorrow = () => Date.now() + 86_400_000;
const body = () => campaignBody({ sendTime: tomorrow() }) as CreateCampaignRequest;

describe('createAutocallClient', () => {
  it('creates and reads a campaign with the bearer key, typed by path', async () => {
    const client = createAutocallClient({ baseUrl: `${baseUrl}/`, apiKey: t.adminKey });
    const created = await client.POST('/v1/campaigns', { body: body() });
    expect(created.response.status).toBe(201);
    expect(created.error).toBeUndefined();
    const id = (created.data as unknown as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const read = await client.GET('/v1/campaigns/{id}', { params: { path: { id } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ id, name: 'test campaign', status: 'scheduled' });

    const events = await client.GET('/v1/campaigns/{id}/events', { params: { path: { id }, query: { limit: 10 } } });
    expect(events.data?.items.map((e) => e.to)).toEqual(['scheduled']);
  });

  it('sends per-call headers such as Idempotency-Key, documented or not', async () => {
    const client = createAutocallClient({ baseUrl, apiKey: t.adminKey });
    const payload = body();
    const key = `sdk-${Date.now()}`;
    const first = await client.POST('/v1/campaigns', { body: payload, params: { header: { 'idempotency-key': key } } });
    const replay = await client.POST('/v1/campaigns', { body: payload, headers: { 'Idempotency-Key': key } });
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data).toEqual(first.data);
  });

  it('returns the API error body, and asks the key function before every request', async () => {
    let key: string | undefined;
    const client = createAutocallClient({ baseUrl, apiKey: () => key });
    const signedOut = await client.GET('/v1/campaigns', {});
    expect(signedOut.response.status).toBe(401);
    expect(signedOut.data).toBeUndefined();
    expect(signedOut.error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Bearer') });

    key = t.adminKey;
    const missing = await client.GET('/v1/campaigns/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'not_found' });

    const invalid = await client.POST('/v1/campaigns', { body: { ...body(), numberCallPerTime: 0 } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error).toMatchObject({ code: 'validation_error', details: [expect.objectContaining({ field: 'numberCallPerTime' })] });
  });

  it('lets an Authorization header on the call win over the configured key', async () => {
    const client = createAutocallClient({ baseUrl, apiKey: t.adminKey });
    const other = await t.createKey();
    const mine = await client.POST('/v1/campaigns', { body: body() });
    const id = (mine.data as unknown as { id: string }).id;
    // Another tenant's key sees nothing of ours.
    const asOther = await client.GET('/v1/campaigns/{id}', { params: { path: { id } }, headers: { authorization: `Bearer ${other.secret}` } });
    expect(asOther.response.status).toBe(404);
  });
});
