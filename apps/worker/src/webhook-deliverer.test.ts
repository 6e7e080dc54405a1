import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  claimNextBatch,
  createCampaign,
  createDatabase,
  createTenant,
  createWebhookEndpoint,
  markBatchSending,
  markBatchSent,
  recordCallEvents,
  type Database,
} from '@autocall/db';
import { verifyWebhookSignature, type WebhookEvent } from '@autocall/domain';
import { createLogger } from '@autocall/logger';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import { startWebhookDeliverer } from './webhook-deliverer.ts';

type Received = { headers: IncomingHttpHeaders; body: string; path: string };

// A real HTTP receiver that answers 500 to the first `failFirst` requests, then 200.
async function startReceiver(failFirst = 0): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body, path: request.url ?? '' });
      response.writeHead(received.length <= failFirst ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const T0 = Date.UTC(2026, 0, 5, 2);
let testDb: TestDatabase;
let db: Database;
let clock = T0;
const now = () => clock;
const logger = createLogger({ level: 'silent' });
const receivers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDatabase(testDb.url);
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

async function tenantWithCampaign(phones: string[]) {
  const tenantId = (await createTenant(db.prisma, 't')).id;
  const campaign = await createCampaign(db.prisma, {
    tenantId,
    name: 'hooks',
    sendTimeMs: clock,
    numberCallPerTime: 10,
    durationOfEachCall: 10,
    maxRetryOfDetail: 0,
    retryAfterSeconds: 60,
    scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
    numberCallOuts: [],
    source: 'native',
    accepted: phones.map((phone, position) => ({ phone, position })),
    invalid: [],
    duplicateCount: 0,
    actor: 'test',
    nowMs: clock,
  });
  return { tenantId, campaignId: campaign.id };
}

async function endpoint(tenantId: string, url: string, events: WebhookEvent[]) {
  const secret = `whsec_test_${Math.random().toString(36).slice(2)}`;
  const created = await createWebhookEndpoint(db.prisma, { tenantId, url, events, secret, nowMs: clock });
  return { ...created, secret };
}

// Starts the campaign (campaign.started) and sends its first batch; returns the provider session.
async function startAndSend(campaignId: string) {
  const decision = await claimNextBatch(db.prisma, { campaignId, nowMs: clock, workerId: 'w', leaseMs: 30_000, outcomeTimeoutMs: 60_000 });
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${decision.kind}`);
  await markBatchSending(db.prisma, decision.batch.batchId);
  await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: `s-${campaignId}`, nowMs: clock });
  return `s-${campaignId}`;
}

// The receivers here listen on 127.0.0.1, which only a deployment that allows private targets reaches.
const deliverer = (maxAttempts = 5, allowPrivateTargets = true) =>
  startWebhookDeliverer({ prisma: db.prisma, logger, now, maxAttempts, backoff: { baseMs: 1_000, maxMs: 60_000 }, timeoutMs: 2_000, allowPrivateTargets }, false);

describe('webhook delivery', () => {
  it('survives a receiver that fails twice: three attempts, each signed, then delivered', async () => {
    const receiver = await startReceiver(2);
    receivers.push(receiver);
    const { tenantId, campaignId } = await tenantWithCampaign(['0912000001']);
    const hook = await endpoint(tenantId, receiver.url, ['campaign.started']);
    await startAndSend(campaignId);
    const outbox = deliverer();

    expect(await outbox.deliverDue()).toBe(1);
    // Not due again until the backoff has passed.
    expect(await outbox.deliverDue()).toBe(0);
    clock += 1_300;
    expect(await outbox.deliverDue()).toBe(1);
    clock += 2_500;
    expect(await outbox.deliverDue()).toBe(1);
    clock += 60_000;
    expect(await outbox.deliverDue()).toBe(0);

    expect(receiver.received).toHaveLength(3);
    const [delivery] = await db.prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, eventType: 'campaign.started' });
    for (const request of receiver.received) {
      expect(request.headers['x-autocall-event']).toBe('campaign.started');
      expect(request.headers['x-autocall-delivery']).toBe(String(delivery!.id));
      const t = Number(/t=(\d+)/.exec(String(request.headers['x-autocall-signature']))![1]);
      expect(verifyWebhookSignature(String(request.headers['x-autocall-signature']), hook.secret, request.body, t)).toBe(true);
      expect(verifyWebhookSignature(String(request.headers['x-autocall-signature']), 'whsec_wrong', request.body, t)).toBe(false);
    }
    // Every attempt carries the same body.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      id: String(delivery!.id),
      type: 'campaign.started',
      data: { campaignId, status: 'running', previousStatus: 'scheduled' },
    });
    await outbox.stop();
  });

  it('gives up after maxAttempts and records why', async () => {
    const receiver = await startReceiver(100);
    receivers.push(receiver);
    const { tenantId, campaignId } = await tenantWithCampaign(['0912000002']);
    const hook = await endpoint(tenantId, receiver.url, ['campaign.started']);
    await startAndSend(campaignId);
    const outbox = deliverer(2);
    await outbox.deliverDue();
    clock += 5_000;
    await outbox.deliverDue();
    const [delivery] = await db.prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2, lastStatus: 500, lastError: 'http_500' });
  });

  it('sends events only to endpoints subscribed to them, and only to the campaign tenant', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const phones = ['0912000003', '0912000004', '0912000005'];
    const mine = await tenantWithCampaign(phones);
    const other = await tenantWithCampaign(['0912000006']);
    const calls = await endpoint(mine.tenantId, `${receiver.url}/calls`, ['call.answered', 'call.failed']);
    const lifecycle = await endpoint(mine.tenantId, `${receiver.url}/lifecycle`, ['campaign.started', 'campaign.completed']);
    const stranger = await endpoint(other.tenantId, `${receiver.url}/stranger`, ['campaign.started', 'campaign.completed', 'call.answered', 'call.failed']);

    const session = await startAndSend(mine.campaignId);
    const cdr = (phone: string, answered: boolean) => ({
      dedupeKey: `cdr-${phone}`,
      state: 'cdr',
      autocallId: session,
      phone,
      answered,
      answerSec: answered ? 12 : 0,
      hangupCause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
      callUuid: `call-${phone}`,
      atMs: clock,
      payload: {},
    });
    await recordCallEvents(db.prisma, [cdr(phones[0]!, true), cdr(phones[1]!, false), cdr(phones[2]!, false)], clock);

    const rows = await db.prisma.webhookDelivery.findMany({ orderBy: { id: 'asc' }, where: { endpointId: { in: [calls.id, lifecycle.id, stranger.id] } } });
    const byEndpoint = (id: string) => rows.filter((r) => r.endpointId === id).map((r) => r.eventType);
    expect(byEndpoint(calls.id).sort()).toEqual(['call.answered', 'call.failed', 'call.failed']);
    expect(byEndpoint(lifecycle.id)).toEqual(['campaign.started', 'campaign.completed']);
    expect(byEndpoint(stranger.id)).toEqual([]);

    const outbox = deliverer();
    await outbox.deliverDue();
    const paths = receiver.received.map((r) => r.path);
    expect(paths.filter((p) => p.endsWith('/calls'))).toHaveLength(3);
    expect(paths.filter((p) => p.endsWith('/lifecycle'))).toHaveLength(2);
    expect(paths.some((p) => p.endsWith('/stranger'))).toBe(false);
    const answered = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.type === 'call.answered');
    expect(answered.data).toMatchObject({ campaignId: mine.campaignId, phone: phones[0], status: 'answered', attempts: 1, answerSec: 12 });
  });

  it('reports calls that never got an outcome as call.no_result', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const { tenantId, campaignId } = await tenantWithCampaign(['0912000007']);
    const hook = await endpoint(tenantId, receiver.url, ['call.no_result']);
    await startAndSend(campaignId);
    clock += 120_000;
    await claimNextBatch(db.prisma, { campaignId, nowMs: clock, workerId: 'w', leaseMs: 30_000, outcomeTimeoutMs: 60_000 });
    const rows = await db.prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(rows.map((r) => r.eventType)).toEqual(['call.no_result']);
    expect(rows[0]!.payload).toMatchObject({ campaignId, phone: '0912000007', status: 'no_result' });
  });

  it('refuses receivers on private addresses unless allowed: by IP literal and by a name resolving there', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const { tenantId, campaignId } = await tenantWithCampaign(['0912000008']);
    const byLiteral = await endpoint(tenantId, receiver.url, ['campaign.started']);
    const byName = await endpoint(tenantId, receiver.url.replace('127.0.0.1', 'localhost'), ['campaign.started']);
    await startAndSend(campaignId);
    const outbox = deliverer(5, false);
    await outbox.deliverDue();
    await outbox.stop();

    expect(receiver.received).toEqual([]);
    const rows = await db.prisma.webhookDelivery.findMany({ where: { endpointId: { in: [byLiteral.id, byName.id] } } });
    // Final at once: retrying cannot make the address public.
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ['failed', 'blocked_address'],
      ['failed', 'blocked_address'],
    ]);
  });
});
