import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextBatch, markBatchSending, markBatchSent } from '@autocall/db';
import { scheduleCampaignWakes } from '@autocall/jobs';
import { bearer, buildTestApp, campaignBody, TEST_WEBHOOK_SECRET, type TestApp } from '../../test-app.ts';

// Progress in GET /v1/campaigns/:id and the API's /metrics, through a dispatch and an outcome.
const T0 = Date.UTC(2030, 0, 7, 2);
let clock = T0;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const phones = ['0395187319', '0912345678', '0987654321'];

const OUTCOME_TIMEOUT_MS = 3_600_000;
const claim = (campaignId: string) =>
  claimNextBatch(t.db.prisma, { campaignId, nowMs: clock, workerId: 'test', leaseMs: 30_000, outcomeTimeoutMs: OUTCOME_TIMEOUT_MS });

async function sendFirstBatch(campaignId: string, sessionId = 'session-1'): Promise<string> {
  const decision = await claim(campaignId);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${decision.kind}`);
  await markBatchSending(t.db.prisma, decision.batch.batchId);
  await markBatchSent(t.db.prisma, { batchId: decision.batch.batchId, sessionId, nowMs: clock });
  return sessionId;
}

const detail = async (id: string) => (await t.app.inject({ method: 'GET', url: `/v1/campaigns/${id}`, headers: bearer(t.adminKey) })).json();
const wakesOf = async (campaignId: string) =>
  (await t.queues.campaignWake.getJobs(['delayed', 'waiting'])).filter((j) => j.data.campaignId === campaignId).map((j) => j.data.atMs);

describe('campaign progress', () => {
  let id: string;

  it('plans the batches and estimates the finish before anything is sent', async () => {
    const sendTime = T0 + 60_000;
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: bearer(t.adminKey),
      payload: campaignBody({ sendTime, phoneNumbers: phones, numberCallPerTime: 2, durationOfEachCall: 30, maxRetryOfDetail: 0 }),
    });
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    const view = (await t.app.inject({ method: 'GET', url: `/v1/campaigns/${id}`, headers: bearer(t.adminKey) })).json();
    expect(view.counts.numbers).toEqual({ pending: 3 });
    expect(view.nextBatchAt).toBe(sendTime);
    expect(view.progress).toEqual({
      toDial: 3,
      inFlight: 0,
      finished: 0,
      batchesSent: 0,
      batchesPlanned: 2,
      attempts: 0,
      answerRate: null,
      nextSlotAt: sendTime,
      // Two batches 30 s apart, plus one slot for the last calls to ring out.
      estimatedFinishAt: sendTime + 30_000 + 30_000,
    });
  });

  it('counts sent batches, attempts and the answer rate as outcomes arrive', async () => {
    clock = T0 + 60_000;
    const session = await sendFirstBatch(id);
    const hook = await t.app.inject({
      method: 'POST',
      url: `/v1/providers/omicall/webhook?token=${TEST_WEBHOOK_SECRET}`,
      payload: [
        { state: 'cdr', call_uuid: 'c1', autocall_id: session, to_number: phones[0], answer_sec: 20, disposition: 'answered' },
        { state: 'cdr', call_uuid: 'c2', autocall_id: session, to_number: phones[1], answer_sec: 0 },
      ],
    });
    expect(hook.statusCode).toBe(200);
    const view = (await t.app.inject({ method: 'GET', url: `/v1/campaigns/${id}`, headers: bearer(t.adminKey) })).json();
    // batchesPlanned is every batch: the one sent and the one the last number still needs.
    expect(view.progress).toMatchObject({ toDial: 1, finished: 2, batchesSent: 1, batchesPlanned: 2, attempts: 2, answerRate: 0.5 });
    expect(view.nextBatchAt).toBe(T0 + 90_000);
    expect(view.counts.numbers).toMatchObject({ answered: 1, failed: 1, pending: 1 });
  });

  it('shows up in the Prometheus metrics at /metrics', async () => {
    const reply = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toContain('text/plain');
    const text = reply.body;
    expect(text).toContain('autocall_call_outcomes_total{outcome="answered"} 1');
    expect(text).toContain('autocall_call_outcomes_total{outcome="not_answered"} 1');
    expect(text).toMatch(/autocall_queue_jobs\{queue="campaign-wake",state="delayed"\} \d+/);
    expect(text).toContain('autocall_webhook_outbox_pending 0');
    expect(text).toContain('autocall_http_request_duration_seconds_count{method="POST",route="/v1/campaigns",status="201"} 1');
  });

  it('with only a call in flight: no next batch, and a finish one slot away rather than at the outcome deadline', async () => {
    clock = T0 + 90_000;
    const session = await sendFirstBatch(id, 'session-2');
    // The worker's next look: nothing to dial, one call out; it sleeps until that call's deadline.
    expect(await claim(id)).toEqual({ kind: 'sleep', untilMs: clock + OUTCOME_TIMEOUT_MS });
    await scheduleCampaignWakes(t.queues, [{ campaignId: id, atMs: clock + OUTCOME_TIMEOUT_MS }], clock);
    clock += 5_000;
    const view = await detail(id);
    expect(view.nextBatchAt).toBeNull();
    expect(view.progress).toMatchObject({ toDial: 0, inFlight: 1, batchesSent: 2, batchesPlanned: 2, nextSlotAt: null, estimatedFinishAt: clock + 30_000 });

    // Its outcome completes the campaign: the plan is what was sent, and no wake is left in Redis.
    const hook = await t.app.inject({
      method: 'POST',
      url: `/v1/providers/omicall/webhook?token=${TEST_WEBHOOK_SECRET}`,
      payload: { state: 'cdr', call_uuid: 'c3', autocall_id: session, to_number: phones[2], answer_sec: 9, disposition: 'answered' },
    });
    expect(hook.statusCode).toBe(200);
    const done = await detail(id);
    expect(done).toMatchObject({ status: 'completed', completedAt: clock, nextBatchAt: null });
    expect(done.progress).toMatchObject({ toDial: 0, inFlight: 0, batchesSent: 2, batchesPlanned: 2, nextSlotAt: null, estimatedFinishAt: clock });
    expect(await wakesOf(id)).toEqual([]);
  });
});
