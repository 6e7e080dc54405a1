import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWakeJobId, scheduleCampaignWakes } from '@autocall/jobs';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

const NOW = Date.UTC(2026, 2, 2, 2, 0, 0);
let t: TestApp;
let adminKeyId: string;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  adminKeyId = (await t.db.prisma.apiKey.findFirstOrThrow({ where: { tenantId: t.tenantId } })).id;
});
afterAll(async () => t?.close());

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, key = t.adminKey) {
  const response = await t.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

async function create(overrides: Record<string, unknown> = {}) {
  const created = await call('POST', '/v1/campaigns', campaignBody({ sendTime: NOW + 3_600_000, ...overrides }));
  expect(created.status).toBe(201);
  return created.body as { id: string; [key: string]: unknown };
}

describe('PATCH /v1/campaigns/:id', () => {
  it('renames, moves sendTime with its numbers and wake job, and changes pacing and windows', async () => {
    const c = await create();
    const moved = NOW + 7_200_000;
    const windows = { mon: [['08:00', '12:00'], ['13:30', '20:00']], sat: [['09:00', '11:00']] };
    const patched = await call('PATCH', `/v1/campaigns/${c.id}`, {
      name: 'renamed',
      sendTime: moved,
      numberCallPerTime: 3,
      durationOfEachCall: 60,
      timeZone: 'Europe/Berlin',
      callWindows: windows,
      skipDates: ['2026-12-25'],
      dailyAttemptCap: 2,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'renamed',
      status: 'scheduled',
      sendTime: moved,
      numberCallPerTime: 3,
      durationOfEachCall: 60,
      maxRetryOfDetail: 1,
      timeZone: 'Europe/Berlin',
      callWindows: windows,
      skipDates: ['2026-12-25'],
      dailyAttemptCap: 2,
      nextBatchAt: moved,
    });
    const job = await t.queues.campaignWake.getJob(campaignWakeJobId(c.id, moved));
    expect(job?.data).toEqual({ campaignId: c.id, atMs: moved });
    const numbers = await t.db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } });
    expect(numbers.every((n) => n.nextAttemptAt?.getTime() === moved)).toBe(true);
  });

  it('refuses a running campaign with 409 and the current status', async () => {
    const c = await create();
    await t.db.prisma.campaign.update({ where: { id: c.id }, data: { status: 'running', startedAt: new Date(NOW) } });
    const refused = await call('PATCH', `/v1/campaigns/${c.id}`, { name: 'too late' });
    expect(refused).toMatchObject({ status: 409, body: { statusCode: 409, code: 'invalid_transition', current: 'running', details: [{ field: 'status', code: 'invalid_transition' }] } });
    expect(refused.body.message).toMatch(/edit/);
  });

  it('validates the body like create, and refuses the phone list and an empty patch', async () => {
    const c = await create();
    const bad = await call('PATCH', `/v1/campaigns/${c.id}`, { callWindows: { mon: [['12:00', '08:00']] }, timeZone: 'Mars/Base' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_error');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['timeZone']));
    expect((await call('PATCH', `/v1/campaigns/${c.id}`, { phoneNumbers: ['0395187319'] })).status).toBe(400);
    expect((await call('PATCH', `/v1/campaigns/${c.id}`, {})).status).toBe(400);
    expect((await call('PATCH', `/v1/campaigns/${c.id}`, { numberCallPerTime: 51 })).status).toBe(400);
  });
});

describe('pause, resume, cancel', () => {
  it('moves through the states, refuses nonsense moves with 409, and keeps the audit trail', async () => {
    const c = await create();
    const paused = await call('POST', `/v1/campaigns/${c.id}/pause`, { reason: 'waiting for approval' });
    expect(paused).toMatchObject({ status: 200, body: { status: 'paused', nextBatchAt: null } });
    expect(await call('POST', `/v1/campaigns/${c.id}/pause`)).toMatchObject({ status: 409, body: { code: 'invalid_transition', current: 'paused', details: [{ field: 'status', code: 'invalid_transition' }] } });
    expect(await call('PATCH', `/v1/campaigns/${c.id}`, { name: 'x' })).toMatchObject({ status: 409, body: { current: 'paused', details: [{ field: 'status', code: 'invalid_transition' }] } });

    // Never started: it goes back to waiting for its send time, with a wake job there.
    const resumed = await call('POST', `/v1/campaigns/${c.id}/resume`);
    expect(resumed).toMatchObject({ status: 200, body: { status: 'scheduled', nextBatchAt: NOW + 3_600_000 } });
    expect(await t.queues.campaignWake.getJob(campaignWakeJobId(c.id, NOW + 3_600_000))).toBeTruthy();

    const cancelled = await call('POST', `/v1/campaigns/${c.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    for (const action of ['pause', 'resume', 'cancel']) {
      expect(await call('POST', `/v1/campaigns/${c.id}/${action}`)).toMatchObject({ status: 409, body: { current: 'cancelled', details: [{ field: 'status', code: 'invalid_transition' }] } });
    }
    const calls = await call('GET', `/v1/campaigns/${c.id}/calls`);
    expect(calls.body.items.map((i: { status: string }) => i.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);

    const events = await call('GET', `/v1/campaigns/${c.id}/events`);
    expect(events.status).toBe(200);
    const actor = `api-key:${adminKeyId}`;
    expect(events.body).toEqual({
      items: [
        { from: null, to: 'scheduled', actor, reason: null, at: NOW },
        { from: 'scheduled', to: 'paused', actor, reason: 'waiting for approval', at: NOW },
        { from: 'paused', to: 'scheduled', actor, reason: null, at: NOW },
        { from: 'scheduled', to: 'cancelled', actor, reason: null, at: NOW },
      ],
      nextCursor: null,
    });
    const firstPage = await call('GET', `/v1/campaigns/${c.id}/events?limit=3`);
    const secondPage = await call('GET', `/v1/campaigns/${c.id}/events?limit=3&cursor=${firstPage.body.nextCursor}`);
    expect([...firstPage.body.items, ...secondPage.body.items]).toEqual(events.body.items);
  });

  it('refuses to resume a completed campaign', async () => {
    const c = await create();
    await t.db.prisma.campaign.update({ where: { id: c.id }, data: { status: 'completed' } });
    expect(await call('POST', `/v1/campaigns/${c.id}/resume`)).toMatchObject({
      status: 409,
      body: { statusCode: 409, code: 'invalid_transition', current: 'completed', details: [{ field: 'status', code: 'invalid_transition' }] },
    });
  });

  it('resumes a campaign the provider paused and clears the reason', async () => {
    const c = await create();
    await t.db.prisma.campaign.update({
      where: { id: c.id },
      data: { status: 'paused', startedAt: new Date(NOW - 60_000), pauseReason: 'balance_is_not_enough', pauseDetail: 'top up' },
    });
    const resumed = await call('POST', `/v1/campaigns/${c.id}/resume`);
    expect(resumed).toMatchObject({ status: 200, body: { status: 'running', pauseReason: null, pauseDetail: null, nextBatchAt: NOW } });
    expect(await t.queues.campaignWake.getJob(campaignWakeJobId(c.id, NOW))).toBeTruthy();
  });

  it('is tenant-scoped and needs a key', async () => {
    const c = await create();
    const other = await t.createKey();
    expect((await call('POST', `/v1/campaigns/${c.id}/pause`, undefined, other.secret)).status).toBe(404);
    expect((await call('GET', `/v1/campaigns/${c.id}/events`, undefined, other.secret)).status).toBe(404);
    const anonymous = await t.app.inject({ method: 'POST', url: `/v1/campaigns/${c.id}/cancel` });
    expect(anonymous.statusCode).toBe(401);
    expect((await call('GET', `/v1/campaigns/${c.id}`)).body.status).toBe('scheduled');
  });
});

// Wake jobs of the campaign still waiting in Redis (what Bull Board shows as delayed or waiting).
async function wakesOf(campaignId: string): Promise<number[]> {
  const jobs = await t.queues.campaignWake.getJobs(['delayed', 'waiting']);
  return jobs.filter((j) => j.data.campaignId === campaignId).map((j) => j.data.atMs).sort((a, b) => a - b);
}

describe('the wake queue follows the campaign', () => {
  it('pause and cancel leave no wake in Redis, resume queues one, and an edit moves it', async () => {
    const c = await create();
    const other = await create();
    expect(await wakesOf(c.id)).toEqual([NOW + 3_600_000]);

    const moved = NOW + 7_200_000;
    expect((await call('PATCH', `/v1/campaigns/${c.id}`, { sendTime: moved })).status).toBe(200);
    expect(await wakesOf(c.id)).toEqual([moved]);

    // A wake left behind by an earlier schedule (an overtaken deadline) goes too.
    await scheduleCampaignWakes(t.queues, [{ campaignId: c.id, atMs: NOW + 1_800_000 }], NOW);
    expect((await call('POST', `/v1/campaigns/${c.id}/pause`)).status).toBe(200);
    expect(await wakesOf(c.id)).toEqual([]);

    expect((await call('POST', `/v1/campaigns/${c.id}/resume`)).body).toMatchObject({ status: 'scheduled', nextBatchAt: moved });
    expect(await wakesOf(c.id)).toEqual([moved]);

    expect((await call('POST', `/v1/campaigns/${c.id}/cancel`)).status).toBe(200);
    expect(await wakesOf(c.id)).toEqual([]);
    // Other campaigns keep theirs.
    expect(await wakesOf(other.id)).toEqual([NOW + 3_600_000]);
  });

  it('cancelling a running campaign removes its wake due now, which is waiting rather than delayed', async () => {
    const c = await create();
    await t.db.prisma.campaign.update({ where: { id: c.id }, data: { status: 'paused', startedAt: new Date(NOW - 60_000) } });
    expect((await call('POST', `/v1/campaigns/${c.id}/resume`)).body).toMatchObject({ status: 'running' });
    expect(await t.queues.campaignWake.getJobState(campaignWakeJobId(c.id, NOW))).toBe('waiting');
    expect((await call('POST', `/v1/campaigns/${c.id}/cancel`)).status).toBe(200);
    expect(await wakesOf(c.id)).toEqual([]);
  });
});

describe('create with call windows and a frequency cap', () => {
  it('stores them and shows them', async () => {
    const c = await create({ timeZone: 'America/New_York', callWindows: { fri: [['09:00', '17:00']] }, skipDates: ['2026-07-03'], dailyAttemptCap: 1 });
    expect(c).toMatchObject({ timeZone: 'America/New_York', callWindows: { fri: [['09:00', '17:00']] }, skipDates: ['2026-07-03'], dailyAttemptCap: 1 });
    const plain = await create();
    expect(plain).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', callWindows: null, skipDates: [], dailyAttemptCap: null });
  });
});
