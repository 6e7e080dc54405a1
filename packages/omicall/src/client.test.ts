import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@autocall/logger';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// Test-only: the client is exercised against the real simulator app (no mocks).
import { buildSimulator, simOptions, type SimFaultsPatch, type Simulator } from '../../../apps/omicall-sim/src/index.ts';
import { createOmicallClient } from './client.ts';
import type { ExecuteByPhoneRequest, OmicallClient, OmicallClientOptions } from './types.ts';

const batch = (over: Partial<ExecuteByPhoneRequest> = {}): ExecuteByPhoneRequest => ({
  name: 'campaign-7-batch-1',
  sendTime: 0,
  scripts: [{ targetType: 'recording', targetId: 'r1', targetValue: 'hello.mp3' }],
  numberCallOuts: [],
  phoneNumbers: ['0395187319', '0912345678'],
  numberCallPerTime: 10,
  durationOfEachCall: 30,
  ...over,
});

let sim: Simulator;
let baseUrl: string;
let clients: OmicallClient[] = [];
beforeEach(async () => {
  sim = await buildSimulator(simOptions());
  baseUrl = await sim.listen(0);
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  await sim.close();
});

const client = (over: Partial<OmicallClientOptions> = {}) => {
  const c = createOmicallClient({ baseUrl, apiKey: 'sim-api-key', timeoutMs: 2000, ...over });
  clients.push(c);
  return c;
};
const faults = async (patch: SimFaultsPatch) => {
  const res = await request(`${baseUrl}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
  expect(res.statusCode).toBe(200);
  await res.body.dump();
};
type Rec = { path: string; autocallId: string | null; dialled: boolean; maxRetryOfDetail: number | null; retryAfterSeconds: number | null; phoneNumbers: string[] };
const requests = async (path: string): Promise<Rec[]> => {
  const res = await request(`${baseUrl}/_sim/requests?path=${encodeURIComponent(path)}`);
  return (await res.body.json()) as Rec[];
};
const authCalls = async () => (await requests('/api/auth')).length;
const executeCalls = () => requests('/api/v2/autoCall/executeByPhone');

describe('executeByPhone against the simulator', () => {
  it('is accepted and forbids provider retries', async () => {
    const result = await client().executeByPhone(batch());
    expect(result).toMatchObject({ kind: 'accepted', raw: { status_code: 9999 } });
    const [rec] = await executeCalls();
    expect(result.kind === 'accepted' && result.sessionId).toBe(rec?.autocallId);
    expect(rec).toMatchObject({ dialled: true, maxRetryOfDetail: 0, retryAfterSeconds: 0, phoneNumbers: ['0395187319', '0912345678'] });
  });

  it('reuses one token, also across concurrent callers', async () => {
    const c = client();
    await Promise.all([1, 2, 3, 4, 5].map(() => c.executeByPhone(batch())));
    await c.executeByPhone(batch());
    expect(await authCalls()).toBe(1);
    expect(await executeCalls()).toHaveLength(6);
  });

  it('fetches a new token once the cached one is about to expire', async () => {
    let now = Date.now();
    const c = client({ now: () => now });
    await c.executeByPhone(batch());
    now += 23 * 60 * 60 * 1000;
    await c.executeByPhone(batch());
    expect(await authCalls()).toBe(1);
    now += 60 * 60 * 1000;
    expect((await c.executeByPhone(batch())).kind).toBe('accepted');
    expect(await authCalls()).toBe(2);
  });

  it('refetches and resends once when the provider says token_expired', async () => {
    const c = client();
    await c.executeByPhone(batch());
    await request(`${baseUrl}/_sim/tokens/expire`, { method: 'POST' }).then((r) => r.body.dump());
    expect((await c.executeByPhone(batch())).kind).toBe('accepted');
    expect(await authCalls()).toBe(2);
    expect((await executeCalls()).map((r) => r.dialled)).toEqual([true, false, true]);
  });

  it('gives up as retryable when the fresh token is refused too', async () => {
    await faults({ tokenExpireRate: 1 });
    expect(await client().executeByPhone(batch())).toMatchObject({ kind: 'retryable', code: 'token_expired' });
    expect(await authCalls()).toBe(2);
    expect(await executeCalls()).toHaveLength(2);
  });

  it('5xx is retryable', async () => {
    await faults({ errorRate: 1 });
    expect(await client().executeByPhone(batch())).toMatchObject({ kind: 'retryable', code: 'service_unavailable' });
  });

  it('429 is retryable, with and without Retry-After', async () => {
    const c = client();
    await faults({ rate429: 1, retryAfterSeconds: 2 });
    expect(await c.executeByPhone(batch())).toEqual({ kind: 'retryable', code: 'rate_limit_exceeded', message: 'rate_limit_exceeded', retryAfterMs: 2000 });
    await faults({ retryAfterSeconds: null });
    const bare = await c.executeByPhone(batch());
    expect(bare).toMatchObject({ kind: 'retryable', code: 'rate_limit_exceeded' });
    expect(bare).not.toHaveProperty('retryAfterMs');
  });

  it('a reply that never comes after the request was sent is ambiguous', async () => {
    await faults({ timeoutRate: 1, timeoutMs: 5000 });
    const result = await client({ timeoutMs: 300 }).executeByPhone(batch());
    expect(result).toMatchObject({ kind: 'ambiguous', code: 'timeout' });
    expect((await executeCalls())[0]?.dialled).toBe(true);
  });

  it('connection refused is retryable, with and without a cached token', async () => {
    const c = client();
    expect((await c.executeByPhone(batch())).kind).toBe('accepted');
    await sim.close();
    // Let the pooled keep-alive socket see the server's FIN first; a POST written onto a socket
    // the server is closing is (correctly) ambiguous, which is not the case under test here.
    await new Promise((r) => setTimeout(r, 100));
    expect(await c.executeByPhone(batch())).toMatchObject({ kind: 'retryable', code: 'connection_refused' });
    expect(await client().executeByPhone(batch())).toMatchObject({ kind: 'retryable', code: 'auth_connection_refused' });
  });

  it.each([
    ['business error', { businessError: 'balance_is_not_enough' }, {}, 'balance_is_not_enough'],
    ['invalid phone', {}, { phoneNumbers: ['0395187319', '12'] }, 'invalid_phone_number'],
    ['above CCU', {}, { numberCallPerTime: 51 }, 'limit_service'],
    ['text too long', {}, { scripts: [{ targetType: 'callBotTextVariable', targetValue: 'x'.repeat(301) }] }, 'limit_word_session'],
    ['bad hotline', {}, { numberCallOuts: ['hotline'] }, 'number_call_out_invalid'],
    ['no scripts', {}, { scripts: [] }, 'data_is_required'],
  ] as const)('%s is fatal', async (_label, f, over, code) => {
    await faults(f);
    expect(await client().executeByPhone(batch(over as Partial<ExecuteByPhoneRequest>))).toMatchObject({ kind: 'fatal', code });
  });

  it('a wrong API key is fatal', async () => {
    expect(await client({ apiKey: 'wrong' }).executeByPhone(batch())).toMatchObject({ kind: 'fatal', code: 'api_key_invalid' });
    expect(await executeCalls()).toHaveLength(0);
  });

  it('a 2xx body that is not JSON is ambiguous', async () => {
    await faults({ malformedRate: 1 });
    expect(await client().executeByPhone(batch())).toMatchObject({ kind: 'ambiguous', code: 'malformed_reply' });
  });

  it('logs neither phone numbers, the API key nor the token', async () => {
    const lines: string[] = [];
    const capture = (obj: object, msg?: string) => lines.push(JSON.stringify({ ...obj, msg }));
    const c = client({ apiKey: 'sim-api-key', logger: { info: capture, warn: capture, error: capture, debug: capture } });
    await c.executeByPhone(batch());
    await c.executeByPhone(batch({ phoneNumbers: ['0395187319', '99'] }));
    await faults({ errorRate: 1 });
    await c.executeByPhone(batch());
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(log).toContain('*******319');
    expect(log).not.toMatch(/0395187319|0912345678/);
    expect(log).not.toContain('sim-api-key');
    const issued = sim.state.tokens.issued();
    expect(issued).toHaveLength(1);
    expect(log).not.toContain(issued[0]);
    expect(log).not.toContain('Bearer');
  });

  it('writes each line with one "name": the logger\'s, the batch name under batchName', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    await client({ logger: createLogger({ name: 'worker' }, sink) }).executeByPhone(batch());
    const [line = ''] = lines;
    expect(lines).toHaveLength(1);
    expect(line.match(/"name":/g)).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ name: 'worker', batchName: 'campaign-7-batch-1', msg: 'omicall accepted the batch' });
  });
});

describe('transport edge cases', () => {
  it('a socket reset after the request was written is ambiguous', async () => {
    // A raw TCP peer: answers the token fetch, then drops the connection on the create call.
    const server = createServer((socket) => {
      socket.on('data', (chunk) => {
        if (chunk.toString().startsWith('GET')) {
          const body = JSON.stringify({ status_code: 9999, payload: { access_token: 't', token_type: 'Bearer' } });
          socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
        } else {
          socket.destroy();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const c = client({ baseUrl: `http://127.0.0.1:${port}` });
      expect(await c.executeByPhone(batch())).toMatchObject({ kind: 'ambiguous', code: 'connection_reset' });
    } finally {
      server.close();
    }
  });

  it('an empty batch is refused without calling OMICALL', async () => {
    expect(await client().executeByPhone(batch({ phoneNumbers: [] }))).toMatchObject({ kind: 'fatal', code: 'data_is_required' });
    expect(await authCalls()).toBe(0);
  });
});
