import { afterEach, describe, expect, it } from 'vitest';
import { buildSimulator, type Simulator } from './app.ts';
import { simOptions, type SimFaultsPatch } from './options.ts';

const scripts = [{ targetType: 'recording', targetId: 'r1', targetValue: 'hello.mp3' }];
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(faults: SimFaultsPatch = {}, extra: Parameters<typeof simOptions>[0] = {}) {
  sim = await buildSimulator(simOptions({ ...extra, faults }));
  return sim;
}

async function token(s: Simulator): Promise<string> {
  const res = await s.app.inject({ method: 'GET', url: '/api/auth?apiKey=sim-api-key' });
  return res.json().payload.access_token;
}

async function execute(s: Simulator, body: unknown, bearer?: string) {
  const t = bearer ?? (await token(s));
  return s.app.inject({ method: 'POST', url: '/api/v2/autoCall/executeByPhone', headers: { authorization: `Bearer ${t}` }, payload: body as object });
}

const body = (phones = ['0395187319', '0912345678']) => ({ name: 'camp-1', sendTime: 0, scripts, phoneNumbers: phones, numberCallPerTime: 10 });

describe('auth', () => {
  it('issues a bearer token for the right key', async () => {
    const s = await start();
    const res = await s.app.inject({ method: 'GET', url: '/api/auth?apiKey=sim-api-key' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status_code: 9999, instance_id: 'sim', payload: { token_type: 'Bearer', expires_in: 86_400 } });
  });

  it('refuses a wrong or missing key', async () => {
    const s = await start();
    const wrong = await s.app.inject({ method: 'GET', url: '/api/auth?apiKey=nope' });
    expect([wrong.statusCode, wrong.json().message]).toEqual([401, 'api_key_invalid']);
    const missing = await s.app.inject({ method: 'GET', url: '/api/auth' });
    expect([missing.statusCode, missing.json().message]).toEqual([400, 'api_key_is_required']);
  });

  it('expires tokens after the TTL (injectable clock)', async () => {
    let now = 1_000_000;
    const s = await start({}, { now: () => now, tokenTtlSeconds: 60 });
    const t = await token(s);
    expect((await execute(s, body(), t)).statusCode).toBe(200);
    now += 61_000;
    const res = await execute(s, body(), t);
    expect([res.statusCode, res.json().message]).toEqual([401, 'token_expired']);
  });

  it('refuses a missing or unknown bearer token', async () => {
    const s = await start();
    const none = await s.app.inject({ method: 'POST', url: '/api/v2/autoCall/executeByPhone', payload: body() });
    expect([none.statusCode, none.json().message]).toEqual([401, 'permission_denied']);
    const unknown = await execute(s, body(), 'made-up');
    expect([unknown.statusCode, unknown.json().message]).toEqual([401, 'token_expired']);
  });
});

describe('executeByPhone', () => {
  it('accepts, records and dials', async () => {
    const s = await start();
    const res = await execute(s, { ...body(), maxRetryOfDetail: 0, retryAfterSeconds: 0 });
    expect(res.statusCode).toBe(200);
    const reply = res.json();
    expect(reply).toMatchObject({ status_code: 9999, payload: { name: 'camp-1', total: 2 } });
    const requests = (await s.app.inject({ method: 'GET', url: '/_sim/requests?path=/api/v2/autoCall/executeByPhone' })).json();
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 200,
        statusCode: 9999,
        fault: null,
        dialled: true,
        autocallId: reply.payload.autocall_id,
        phoneNumbers: ['0395187319', '0912345678'],
        maxRetryOfDetail: 0,
        retryAfterSeconds: 0,
      }),
    ]);
    await execute(s, body(['0395187319']));
    const dialed = (await s.app.inject({ method: 'GET', url: '/_sim/dialed?minCount=2' })).json();
    expect(dialed).toMatchObject({ uniquePhones: 2, numbersDialled: 3, items: [{ phone: '0395187319', count: 2 }] });
    expect(dialed.items[0].sessions).toHaveLength(2);
  });

  it('replies with validation codes in the payload.error envelope', async () => {
    const s = await start();
    const res = await execute(s, { ...body(), phoneNumbers: ['12'] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status_code: -9999, payload: { status: 'fail', error: 'invalid_phone_number' } });
    const empty = await s.app.inject({
      method: 'POST',
      url: '/api/v2/autoCall/executeByPhone',
      headers: { authorization: `Bearer ${await token(s)}`, 'content-type': 'application/json' },
      payload: '',
    });
    expect([empty.statusCode, empty.json().message]).toEqual([400, 'request_body_required']);
    expect((await s.app.inject({ method: 'GET', url: '/_sim/stats' })).json().numbersDialled).toBe(0);
  });

  it('lists requests since a sequence number and resets', async () => {
    const s = await start();
    await execute(s, body());
    const all = (await s.app.inject({ method: 'GET', url: '/_sim/requests' })).json();
    expect(all.map((r: { path: string }) => r.path)).toEqual(['/api/auth', '/api/v2/autoCall/executeByPhone']);
    const since = (await s.app.inject({ method: 'GET', url: '/_sim/requests?since=1&numbers=0' })).json();
    expect(since).toEqual([expect.objectContaining({ seq: 2, phoneNumbers: [] })]);
    const stats = (await s.app.inject({ method: 'GET', url: '/_sim/stats' })).json();
    expect(stats).toMatchObject({ requests: 2, requestsByPath: { '/api/auth': 1 }, numbersDialled: 2, uniquePhones: 2 });
    await s.app.inject({ method: 'POST', url: '/_sim/reset' });
    expect((await s.app.inject({ method: 'GET', url: '/_sim/requests' })).json()).toEqual([]);
  });
});

describe('faults', () => {
  const faultOf = async (s: Simulator) =>
    (await s.app.inject({ method: 'GET', url: '/_sim/requests?path=/api/v2/autoCall/executeByPhone' })).json().at(-1);

  it('429 with and without Retry-After', async () => {
    const s = await start({ rate429: 1, retryAfterSeconds: 3 });
    const res = await execute(s, body());
    expect([res.statusCode, res.headers['retry-after'], res.json().message]).toEqual([429, '3', 'rate_limit_exceeded']);
    await s.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { retryAfterSeconds: null } });
    const bare = await execute(s, body());
    expect([bare.statusCode, bare.headers['retry-after']]).toEqual([429, undefined]);
    expect(await faultOf(s)).toMatchObject({ fault: 'rate_limit', dialled: false });
  });

  it('5xx', async () => {
    const s = await start({ errorRate: 1 });
    expect((await execute(s, body())).statusCode).toBe(503);
    expect(await faultOf(s)).toMatchObject({ fault: 'server_error', status: 503, dialled: false });
  });

  it('token expiry revokes the presented token', async () => {
    const s = await start({ tokenExpireRate: 1 });
    const t = await token(s);
    expect((await execute(s, body(), t)).json().message).toBe('token_expired');
    await s.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { tokenExpireRate: 0 } });
    expect((await execute(s, body(), t)).json().message).toBe('token_expired');
    expect((await execute(s, body())).statusCode).toBe(200);
  });

  it('business error in the message envelope', async () => {
    const s = await start({ businessError: 'balance_is_not_enough' });
    const res = await execute(s, body());
    expect(res.json()).toMatchObject({ status_code: -9999, message: 'balance_is_not_enough' });
    expect(await faultOf(s)).toMatchObject({ fault: 'business_error', errorCode: 'balance_is_not_enough', dialled: false });
  });

  it('malformed reply does not dial', async () => {
    const s = await start({ malformedRate: 1 });
    const res = await execute(s, body());
    expect(res.statusCode).toBe(200);
    expect(() => JSON.parse(res.body)).toThrow();
    expect(await faultOf(s)).toMatchObject({ fault: 'malformed', dialled: false, autocallId: null });
  });

  it('timeout dials and then replies late', async () => {
    const s = await start({ timeoutRate: 1, timeoutMs: 150 });
    const started = Date.now();
    const res = await execute(s, body());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.json().status_code).toBe(9999);
    expect(await faultOf(s)).toMatchObject({ fault: 'timeout', dialled: true, status: 200 });
  });

  it('latency delays every reply', async () => {
    const s = await start({ latencyMs: 100 });
    const started = Date.now();
    expect((await execute(s, body())).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('fault decisions repeat for the same seed', async () => {
    const run = async () => {
      const s = await buildSimulator(simOptions({ seed: 9, faults: { errorRate: 0.5 } }));
      const t = await token(s);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await execute(s, body(), t)).statusCode);
      await s.close();
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(await run()).toEqual(first);
  });

  it('GET/PUT /_sim/faults merge and validate', async () => {
    const s = await start();
    const put = await s.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { errorRate: 0.2, webhookShuffle: true } });
    expect(put.json()).toMatchObject({ errorRate: 0.2, webhookShuffle: true, rate429: 0 });
    expect((await s.app.inject({ method: 'GET', url: '/_sim/faults' })).json().errorRate).toBe(0.2);
    expect((await s.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { errorRate: 2 } })).statusCode).toBe(400);
    expect((await s.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { bogus: 1 } })).statusCode).toBe(400);
  });
});
