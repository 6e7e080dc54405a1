import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWakeJobId } from '@autocall/jobs';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

const NOW = Date.UTC(2026, 2, 2, 2, 0);
const PHONES = ['0395187319', '0912345678', '0987654321', '0901111111', '0902222222', '0903333333'];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
});
afterAll(async () => t?.close());

const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...bearer(t.adminKey), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

// A campaign whose numbers ended as given (by list position), the campaign itself in `status`.
async function finishedCampaign(ended: Record<number, string>, status = 'completed', overrides: Record<string, unknown> = {}) {
  const created = await inject('POST', '/v1/campaigns', campaignBody({ phoneNumbers: PHONES, sendTime: NOW - 3_600_000, ...overrides }));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (const [position, numberStatus] of Object.entries(ended)) {
    await t.db.prisma.$executeRaw`UPDATE campaign_numbers SET status = ${numberStatus}::call_status, attempts = 2 WHERE campaign_id = ${id}::uuid AND position = ${Number(position)}`;
  }
  await t.db.prisma.$executeRaw`UPDATE campaigns SET status = ${status}::campaign_status WHERE id = ${id}::uuid`;
  return id;
}

const numbersOf = async (campaignId: string) =>
  (await t.db.prisma.campaignNumber.findMany({ where: { campaignId }, orderBy: { position: 'asc' } })).map((n) => [n.position, n.phone, n.status]);

const stored = async () => ({ ...(await t.countRows()), events: await t.db.prisma.campaignEvent.count(), wakes: await t.queues.campaignWake.count() });

describe('POST /v1/campaigns/:id/call-again', () => {
  it('creates a campaign with exactly the numbers that ended in the statuses chosen, the source’s settings, starting now', async () => {
    const source = await finishedCampaign({ 0: 'answered', 1: 'failed', 2: 'no_result', 3: 'failed', 4: 'unknown', 5: 'answered' }, 'completed', {
      name: 'Nhắc lịch hẹn',
      numberCallPerTime: 3,
      maxRetryOfDetail: 2,
      callWindows: { mon: [['08:00', '20:00']] },
    });
    const response = await inject('POST', `/v1/campaigns/${source}/call-again`, { statuses: ['failed', 'no_result'] });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      name: 'Nhắc lịch hẹn (call again)',
      status: 'scheduled',
      sendTime: NOW,
      numberCallPerTime: 3,
      maxRetryOfDetail: 2,
      callWindows: { mon: [['08:00', '20:00']] },
      scripts: campaignBody().scripts,
      numbers: { accepted: 3, duplicated: 0, invalid: 0 },
      phones: { accepted: 3, duplicated: 0, invalid: 0, suppressed: 0, invalidExamples: [] },
    });
    expect(body.id).not.toBe(source);
    expect(await numbersOf(body.id)).toEqual([
      [0, PHONES[1], 'pending'],
      [1, PHONES[2], 'pending'],
      [2, PHONES[3], 'pending'],
    ]);
    // Scheduled like a created campaign: its wake is queued for its send time.
    expect(await t.queues.campaignWake.getJob(campaignWakeJobId(body.id, NOW))).toBeTruthy();
    const events = await inject('GET', `/v1/campaigns/${body.id}/events`);
    expect(events.json().items[0]).toMatchObject({ to: 'scheduled', reason: expect.stringContaining(source) });
  });

  it('takes the settings the body gives, works on a running campaign and checks the do-not-call list again', async () => {
    const source = await finishedCampaign({ 0: 'failed', 1: 'failed', 2: 'cancelled' }, 'running');
    await inject('POST', '/v1/suppressions', { phones: [PHONES[1]] });
    const response = await inject('POST', `/v1/campaigns/${source}/call-again`, {
      statuses: ['failed', 'cancelled'],
      name: 'Gọi lại',
      sendTime: NOW + 86_400_000,
      numberCallPerTime: 1,
      scripts: [{ targetType: 'callBotTextVariable', targetValue: 'Xin chào, chúng tôi gọi lại quý khách.' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ name: 'Gọi lại', sendTime: NOW + 86_400_000, numberCallPerTime: 1, phones: { accepted: 2, suppressed: 1 } });
    expect(await numbersOf(response.json().id)).toEqual([
      [0, PHONES[0], 'pending'],
      [1, PHONES[1], 'suppressed'],
      [2, PHONES[2], 'pending'],
    ]);
  });

  it('replays the first reply for the same Idempotency-Key and creates nothing more', async () => {
    const source = await finishedCampaign({ 4: 'no_result' });
    const first = await inject('POST', `/v1/campaigns/${source}/call-again`, { statuses: ['no_result'] }, { 'idempotency-key': 'again-1' });
    expect(first.statusCode).toBe(201);
    const before = await stored();
    const again = await inject('POST', `/v1/campaigns/${source}/call-again`, { statuses: ['no_result'] }, { 'idempotency-key': 'again-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await inject('POST', `/v1/campaigns/${source}/call-again`, { statuses: ['failed'] }, { 'idempotency-key': 'again-1' });
    expect(other.statusCode).toBe(422);
    expect(await stored()).toEqual(before);
  });

  it('answers 422 no_numbers with a sentence when no number would be called, storing nothing', async () => {
    const source = await finishedCampaign({ 0: 'answered', 1: 'failed' });
    await inject('POST', '/v1/suppressions', { phones: [PHONES[1]] });
    const before = await stored();
    const none = await inject('POST', `/v1/campaigns/${source}/call-again`, { statuses: ['no_result', 'unknown'] });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toEqual({
      statusCode: 422,
      code: 'no_numbers',
      message: 'No number of this campaign ended no_result or unknown: there is nothing to call again.',
      details: [{ field: 'statuses', code: 'no_numbers', message: expect.any(String) }],
    });
    const allSuppressed = await inject('POST', `/v1/campaigns/${source}/call-again`, { statuses: ['failed'] });
    expect(allSuppressed.json()).toMatchObject({ statusCode: 422, code: 'no_numbers', message: expect.stringContaining('do-not-call list') });
    expect(await stored()).toEqual(before);
  });

  it('refuses bad bodies with the field, code and a sentence, and a missing or foreign campaign with 404', async () => {
    const source = await finishedCampaign({ 0: 'failed' });
    const before = await stored();
    const cases: [unknown, string, string][] = [
      [{}, 'statuses', 'required'],
      [{ statuses: [] }, 'statuses', 'too_small'],
      [{ statuses: ['pending'] }, 'statuses.0', 'invalid_value'],
      [{ statuses: ['failed'], numberCallPerTime: 51 }, 'numberCallPerTime', 'too_big'],
      [{ statuses: ['failed'], phoneNumbers: ['0395187319'] }, 'phoneNumbers', 'unknown_field'],
      [{ statuses: ['failed'], sendTime: Math.floor(NOW / 1000) }, 'sendTime', expect.any(String)],
    ];
    for (const [payload, field, code] of cases) {
      const response = await inject('POST', `/v1/campaigns/${source}/call-again`, payload);
      expect(response.statusCode, `${JSON.stringify(payload)}: ${response.body}`).toBe(400);
      expect(response.json().details, response.body).toContainEqual(expect.objectContaining({ field, code, message: expect.any(String) }));
    }
    const missing = await inject('POST', '/v1/campaigns/00000000-0000-4000-8000-000000000000/call-again', { statuses: ['failed'] });
    expect(missing.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    const other = await t.createKey();
    const foreign = await t.app.inject({ method: 'POST', url: `/v1/campaigns/${source}/call-again`, headers: bearer(other.secret), payload: { statuses: ['failed'] } });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'not_found']);
    expect(await stored()).toEqual(before);
  });
});
