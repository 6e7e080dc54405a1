import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';
import { multipartBody } from '../imports/fixture.ts';

const NOW = Date.UTC(2026, 2, 2, 2, 0); // Monday 09:00 in Ho Chi Minh City
const ZONE = 'Asia/Ho_Chi_Minh';
const local = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }));

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  const suppressed = await t.app.inject({ method: 'POST', url: '/v1/suppressions', headers: bearer(t.adminKey), payload: { phones: ['0977777777'] } });
  expect(suppressed.statusCode).toBe(200);
});
afterAll(async () => t?.close());

const validate = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/campaigns/validate', headers: { ...bearer(t.adminKey), ...headers }, payload: payload as string });

const form = (parts: Parameters<typeof multipartBody>[0]) => {
  const body = multipartBody(parts);
  return { payload: body.payload, headers: { ...body.headers, ...bearer(t.adminKey) } };
};
const settings = (overrides: Record<string, unknown> = {}) => {
  const { phoneNumbers: _list, ...rest } = campaignBody(overrides);
  return JSON.stringify(rest);
};

// Everything a dry run must leave as it was: rows in every table a create writes, and Redis.
async function stored() {
  const [rows, suppressed, keys, events, wakes] = await Promise.all([
    t.countRows(),
    t.db.prisma.suppressedNumber.count(),
    t.db.prisma.idempotencyKey.count(),
    t.db.prisma.campaignEvent.count(),
    t.queues.campaignWake.count(),
  ]);
  return { ...rows, suppressed, keys, events, wakes };
}

describe('POST /v1/campaigns/validate', () => {
  it('counts what would happen to a JSON list and plans its batches, retries included, storing nothing', async () => {
    const before = await stored();
    const sendTime = NOW + 3_600_000;
    const response = await validate(
      campaignBody({
        sendTime,
        numberCallPerTime: 2,
        durationOfEachCall: 30,
        maxRetryOfDetail: 1,
        retryAfterSeconds: 60,
        phoneNumbers: ['0395187319', '+84395187319', '12ab', '0912345678', '0977777777', '0987654321', 'x'],
      }),
      { 'idempotency-key': 'dry-run-1' },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      phones: {
        accepted: 3,
        duplicated: 1,
        invalid: 2,
        suppressed: 1,
        invalidExamples: [
          { line: 3, position: 2, input: '12ab', reason: expect.any(String) },
          { line: 7, position: 6, input: 'x', reason: 'not_a_number' },
        ],
      },
      plan: {
        // Three numbers, two per slot; if nobody answers, each is retried once, a minute after the
        // slot that follows its dial.
        batches: 2,
        retryBatches: 2,
        firstBatchAt: sendTime,
        lastBatchAt: sendTime + 120_000,
        estimatedFinishAt: sendTime + 150_000,
        durationSeconds: 150,
        assumedAnswerRate: 0,
      },
    });
    expect(await stored()).toEqual(before);
  });

  it('plans within the call windows and the campaign time zone', async () => {
    const sendTime = DateTime.fromISO('2026-03-02T11:59:00', { zone: ZONE }).toMillis();
    const response = await validate(
      campaignBody({
        sendTime,
        numberCallPerTime: 1,
        durationOfEachCall: 60,
        maxRetryOfDetail: 0,
        timeZone: ZONE,
        callWindows: { mon: [['08:00', '12:00'], ['13:30', '20:00']] },
        phoneNumbers: ['0395187319', '0912345678', '0987654321'],
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    const { plan } = response.json();
    expect([local(plan.firstBatchAt), local(plan.lastBatchAt), local(plan.estimatedFinishAt)]).toEqual([
      '2026-03-02T11:59:00+07:00',
      '2026-03-02T13:31:00+07:00',
      '2026-03-02T13:32:00+07:00',
    ]);
  });

  it('reads a multipart upload as a stream, the campaign field before or after the file', async () => {
    const before = await stored();
    const csv = ['name,so_dien_thoai', 'Lan,0395187319', 'Minh,"+84 912 345 678"', 'Lan again,84395187319', 'Bad,12ab', '', 'Hoa,0977777777'].join('\n');
    const campaign = settings({ sendTime: NOW + 60_000, numberCallPerTime: 5, maxRetryOfDetail: 0 });
    const expected = {
      phones: { accepted: 2, duplicated: 1, invalid: 1, suppressed: 1, invalidExamples: [{ line: 5, position: 3, input: '12ab', reason: expect.any(String) }] },
      plan: { batches: 1, retryBatches: 0, firstBatchAt: NOW + 60_000, lastBatchAt: NOW + 60_000 },
    };
    const first = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns/validate',
      ...form([
        { name: 'campaign', value: campaign },
        { name: 'file', value: csv, filename: 'numbers.csv' },
      ]),
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject(expected);
    const fileFirst = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns/validate',
      ...form([
        { name: 'file', value: csv, filename: 'numbers.csv' },
        { name: 'campaign', value: campaign },
      ]),
    });
    expect(fileFirst.json()).toMatchObject(expected);
    expect(await stored()).toEqual(before);
  });

  it('looks a large file up on the do-not-call list chunk by chunk', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `09${String(30_000_000 + i).padStart(8, '0')}`);
    await t.db.prisma.suppressedNumber.createMany({ data: [lines[17]!, lines[29_999]!].map((phone) => ({ tenantId: t.tenantId, phone })) });
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns/validate',
      ...form([
        { name: 'campaign', value: settings({ numberCallPerTime: 50, durationOfEachCall: 10, maxRetryOfDetail: 0 }) },
        { name: 'file', value: lines.join('\r\n'), filename: 'numbers.txt' },
      ]),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().phones).toEqual({ accepted: 29_998, duplicated: 0, invalid: 0, suppressed: 2, invalidExamples: [] });
    expect(response.json().plan).toMatchObject({ batches: 600, firstBatchAt: NOW, lastBatchAt: NOW + 599 * 10_000, durationSeconds: 6000 });
  });

  it('counts a list with no valid number instead of refusing it', async () => {
    const response = await validate(campaignBody({ phoneNumbers: ['abc', '123'] }));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      phones: { accepted: 0, invalid: 2 },
      plan: { batches: 0, retryBatches: 0, firstBatchAt: null, lastBatchAt: null, estimatedFinishAt: null, durationSeconds: null },
    });
  });

  it('refuses what create refuses, naming the field, and changes nothing', async () => {
    const before = await stored();
    const cases: [unknown, string, string][] = [
      [campaignBody({ numberCallPerTime: 51 }), 'numberCallPerTime', 'too_big'],
      [campaignBody({ scripts: [] }), 'scripts', 'too_small'],
      [campaignBody({ phoneNumbers: undefined }), 'phoneNumbers', 'required'],
      [campaignBody({ sendTime: Math.floor(NOW / 1000) }), 'sendTime', expect.any(String)],
      [campaignBody({ callWindows: { mon: [['12:00', '08:00']] } }), 'callWindows.mon.0', expect.any(String)],
    ];
    for (const [payload, field, code] of cases) {
      const response = await validate(payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().details, response.body).toContainEqual({ field, code, message: expect.any(String) });
    }
    const noFile = await t.app.inject({ method: 'POST', url: '/v1/campaigns/validate', ...form([{ name: 'campaign', value: settings() }]) });
    expect(noFile.json()).toMatchObject({ statusCode: 400, code: 'missing_part', details: [{ field: 'file', code: 'required' }] });
    const badSettings = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns/validate',
      ...form([
        { name: 'campaign', value: settings({ numberCallPerTime: 0 }) },
        { name: 'file', value: '0395187319', filename: 'n.csv' },
      ]),
    });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.json().details).toContainEqual({ field: 'campaign.numberCallPerTime', code: 'too_small', message: expect.any(String) });
    const text = await validate('0395187319', { 'content-type': 'text/plain' });
    expect(text.json()).toMatchObject({ statusCode: 400, code: 'validation_error' });
    const nullBody = await validate('null', { 'content-type': 'application/json' });
    expect(nullBody.statusCode).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('needs an API key', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/campaigns/validate', payload: campaignBody() });
    expect(response.statusCode).toBe(401);
  });
});
