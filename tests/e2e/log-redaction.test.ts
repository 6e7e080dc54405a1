import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@autocall/logger';
import { verifyWebhookSignature } from '@autocall/sdk';
import { waitFor } from '@autocall/testing';
import { ADMIN_KEY, startStack, WEBHOOK_SECRET, type Stack } from '../support/stack.ts';

// One full cycle at trace level: create (with an Idempotency-Key), dispatch to the simulator,
// provider call webhooks, outbound webhooks to a receiver. Then no log line may carry a secret or
// a full phone number.
const RECEIVER_TOKEN = 'receiver-own-token-9f8e7d6c';
const phones = Array.from({ length: 6 }, (_, i) => `09${String(31_415_900 + i * 13).padStart(8, '0')}`);
const lines: string[] = [];
let stack: Stack;
let receiver: Server;
let receiverUrl: string;
const received: { event: string; body: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ event: String(request.headers['x-autocall-event']), body, headers: request.headers });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks?token=${RECEIVER_TOKEN}`;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  stack = await startStack({ seed: 5, faults: { answerRate: 0.5, ringMinMs: 50, ringMaxMs: 150 }, logger: createLogger({ level: 'trace' }, sink) });
});
afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('logs over a full create, dispatch and webhook cycle', () => {
  it('never contain an API key, a provider token, a webhook secret or a full phone number', async () => {
    const hook = await stack.client.POST('/v1/webhooks', {
      body: { url: receiverUrl, events: ['campaign.started', 'campaign.completed', 'call.answered', 'call.failed'] },
    });
    expect(hook.response.status).toBe(201);
    const signingSecret: string = hook.data!.secret;

    const created = await stack.client.POST('/v1/campaigns', {
      params: { header: { 'idempotency-key': 'log-cycle-key-1' } },
      body: {
        name: 'log cycle',
        sendTime: Date.now() + 500,
        scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
        numberCallPerTime: 3,
        durationOfEachCall: 1,
        maxRetryOfDetail: 0,
        retryAfterSeconds: 1,
        phoneNumbers: [...phones.slice(0, 3), ...phones.slice(3).map((p) => `+84${p.slice(1)}`)],
      },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;

    await waitFor(async () => (await stack.client.GET('/v1/campaigns/{id}', { params: { path: { id } } })).data?.status === 'completed', { timeoutMs: 30_000, intervalMs: 200, message: 'campaign did not complete' });
    await waitFor(async () => received.some((r) => r.event === 'campaign.completed'), { timeoutMs: 15_000, intervalMs: 100, message: 'no campaign.completed webhook' });
    expect(received.filter((r) => r.event.startsWith('call.'))).toHaveLength(6);
    // Every delivery the worker signed passes the SDK's check, as a receiver would run it.
    for (const delivery of received) expect(await verifyWebhookSignature(signingSecret, delivery.headers, delivery.body), delivery.event).toBe(true);

    const text = lines.join('');
    // The cycle was logged, so what is absent below means something.
    expect(text).toContain('batch accepted by provider');
    expect(text).toContain('/v1/providers/omicall/webhook');
    expect(text).toContain('webhook delivered');
    const providerTokens = stack.sim.state.tokens.issued();
    expect(providerTokens.length).toBeGreaterThan(0);
    const secrets = [ADMIN_KEY, 'sim-api-key', WEBHOOK_SECRET, signingSecret, RECEIVER_TOKEN, ...providerTokens];
    for (const secret of secrets) expect(text, `a log line carries ${secret.slice(0, 6)}...`).not.toContain(secret);
    for (const phone of phones) {
      for (const spelling of [phone, phone.slice(1), `84${phone.slice(1)}`]) expect(text, `a log line carries ${spelling}`).not.toContain(spelling);
    }
  });
});
