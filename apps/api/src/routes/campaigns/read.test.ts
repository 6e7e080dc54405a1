import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextBatch, markBatchSending, markBatchSent } from '@autocall/db';
import { bearer, buildTestApp, campaignBody, TEST_WEBHOOK_SECRET, type TestApp } from '../../test-app.ts';

const START = Date.UTC(2030, 5, 1, 2, 0, 0);
let clock = START;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const get = async (url: string, key = t.adminKey) => {
  const response = await t.app.inject({ method: 'GET', url, headers: bearer(key) });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
};

async function createCampaign(overrides: Record<string, unknown> = {}): Promise<string> {
  clock += 1_000;
  const response = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody(overrides) });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

// What a worker does for one slot, through the same data functions: claim, send, mark sent.
async function dispatchSlot(campaignId: string, nowMs: number, sessionId: string) {
  const decision = await claimNextBatch(t.db.prisma, { campaignId, nowMs, workerId: 'test-worker', leaseMs: 60_000, outcomeTimeoutMs: 3600_000 });
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  await markBatchSending(t.db.prisma, decision.batch.batchId);
  await markBatchSent(t.db.prisma, { batchId: decision.batch.batchId, sessionId, nowMs: nowMs + 50 });
  return decision.batch;
}

async function pages(url: string, limit: number): Promise<any[][]> {
  const all: any[][] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: { items: any[]; nextCursor: string | null } = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 50);
  return all;
}

describe('GET /v1/campaigns', () => {
  it('pages newest first with a cursor and filters by status', async () => {
    const other = await t.createKey();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await createCampaign({ name: `list ${i}` }));
    await t.db.prisma.campaign.update({ where: { id: ids[1]! }, data: { status: 'cancelled' } });

    const listed = await pages('/v1/campaigns', 2);
    expect(listed.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(listed.flat().map((c) => c.id)).toEqual([...ids].reverse());

    const cancelled = await get('/v1/campaigns?status=cancelled');
    expect(cancelled).toEqual({ items: [expect.objectContaining({ id: ids[1], status: 'cancelled', nextBatchAt: null })], nextCursor: null });
    const scheduled = (await pages('/v1/campaigns?status=scheduled', 3)).flat().map((c) => c.id);
    expect(scheduled).toEqual([ids[4], ids[3], ids[2], ids[0]]);
    expect(await get('/v1/campaigns', other.secret)).toEqual({ items: [], nextCursor: null });

    const badStatus = await t.app.inject({ method: 'GET', url: '/v1/campaigns?status=done', headers: bearer(t.adminKey) });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json()).toMatchObject({ code: 'validation_error', details: [{ field: 'querystring.status', code: 'invalid_value' }] });
    const badLimit = await t.app.inject({ method: 'GET', url: '/v1/campaigns?limit=0', headers: bearer(t.adminKey) });
    expect(badLimit.statusCode).toBe(400);
  });
});

describe('a campaign in progress', () => {
  it('shows counts per number and batch status, attempts and the next batch time; pages calls and batches', async () => {
    const id = await createCampaign({
      phoneNumbers: ['0395187319', '0912345678', '0987654321', '0903000001', '0903000002', 'bad'],
      numberCallPerTime: 2,
      durationOfEachCall: 30,
      maxRetryOfDetail: 1,
      retryAfterSeconds: 60,
    });
    const sendTime = clock;
    const fresh = await get(`/v1/campaigns/${id}`);
    expect(fresh).toMatchObject({
      id,
      status: 'scheduled',
      sendTime,
      nextBatchAt: sendTime,
      numbers: { accepted: 5, duplicated: 0, invalid: 1 },
      counts: { numbers: { pending: 5, invalid: 1 }, batches: {}, attempts: 0 },
      startedAt: null,
      completedAt: null,
    });

    await dispatchSlot(id, sendTime, 'sess-0');
    await dispatchSlot(id, sendTime + 30_000, 'sess-1');
    // The worker's next look: nothing due before the third slot, so it sleeps until then.
    const decision = await claimNextBatch(t.db.prisma, { campaignId: id, nowMs: sendTime + 30_100, workerId: 'test-worker', leaseMs: 60_000, outcomeTimeoutMs: 3600_000 });
    expect(decision).toEqual({ kind: 'sleep', untilMs: sendTime + 60_000 });

    clock = sendTime + 40_000;
    const cdr = (phone: string, answerSec: number, session: string) => ({
      state: 'cdr',
      call_uuid: `uuid-${phone}`,
      autocall_id: session,
      to_number: phone,
      disposition: answerSec > 0 ? 'answered' : 'no_answer',
      answer_sec: answerSec,
      hangup_cause: answerSec > 0 ? 'NORMAL_CLEARING' : 'NO_ANSWER',
    });
    const hook = await t.app.inject({
      method: 'POST',
      url: `/v1/providers/omicall/webhook?token=${TEST_WEBHOOK_SECRET}`,
      payload: [cdr('0395187319', 12, 'sess-0'), cdr('84912345678', 0, 'sess-0')],
    });
    expect(hook.json()).toMatchObject({ ok: true, received: 2 });

    const detail = await get(`/v1/campaigns/${id}`);
    expect(detail).toMatchObject({
      status: 'running',
      startedAt: sendTime,
      counts: { numbers: { answered: 1, retry: 1, calling: 2, pending: 1, invalid: 1 }, batches: { sent: 2 }, attempts: 4 },
    });
    expect(detail.nextBatchAt).toBe(sendTime + 60_000);

    const calls = await pages(`/v1/campaigns/${id}/calls`, 4);
    expect(calls.map((p) => p.length)).toEqual([4, 2]);
    const byPhone = Object.fromEntries(calls.flat().map((c) => [c.phone, c]));
    expect(calls.flat().map((c) => c.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(byPhone['0395187319']).toMatchObject({
      status: 'answered',
      attempts: 1,
      nextAttemptAt: null,
      history: [{ attempt: 1, dialedAt: sendTime + 50, batch: 0, providerSessionId: 'sess-0', outcome: 'answered', answerSec: 12 }],
    });
    expect(byPhone['0912345678']).toMatchObject({
      status: 'retry',
      nextAttemptAt: clock + 60_000,
      history: [{ attempt: 1, batch: 0, outcome: 'not_answered', hangupCause: 'NO_ANSWER' }],
    });
    expect(byPhone['0987654321']).toMatchObject({ status: 'calling', history: [{ batch: 1, providerSessionId: 'sess-1', outcome: 'pending', outcomeAt: null }] });
    expect(byPhone['0903000002']).toMatchObject({ status: 'pending', attempts: 0, history: [] });
    expect(byPhone['bad']).toMatchObject({ status: 'invalid', invalidReason: expect.any(String), history: [] });

    const answered = await get(`/v1/campaigns/${id}/calls?status=answered`);
    expect(answered.items.map((c: { phone: string }) => c.phone)).toEqual(['0395187319']);

    const batches = await pages(`/v1/campaigns/${id}/batches`, 1);
    expect(batches.map((p) => p.length)).toEqual([1, 1]);
    expect(batches.flat()).toEqual([
      { slot: 0, slotTime: sendTime, status: 'sent', size: 2, providerSessionId: 'sess-0', requestAttempts: 1, lastError: null, sentAt: sendTime + 50, lagMs: 50 },
      expect.objectContaining({ slot: 1, slotTime: sendTime + 30_000, status: 'sent', size: 2, providerSessionId: 'sess-1', lagMs: 50 }),
    ]);
  });
});
