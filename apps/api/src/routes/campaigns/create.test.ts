import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

const MAX_CALLS = 20;
const NOW = Date.UTC(2030, 0, 15, 9, 0, 0);
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW, maxCallsPerBatch: MAX_CALLS });
});
afterAll(() => t?.close());

const create = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: { ...bearer(t.adminKey), ...headers }, payload: payload as object });

// A refusal: 400, a stable code, the field at fault in details, a sentence, and nothing stored
// (no campaign, no number, no wake job).
async function expectRefused(payload: unknown, expected: { code: string; field: string; fieldCode?: string }) {
  const before = await t.countRows();
  const jobsBefore = await t.queues.campaignWake.count();
  const response = await create(payload);
  expect(response.statusCode, JSON.stringify(payload).slice(0, 200)).toBe(400);
  const body = response.json();
  expect(body.statusCode).toBe(400);
  expect(body.code).toBe(expected.code);
  expect(body.message).toMatch(/\w.{8,}\.$/);
  expect(Array.isArray(body.details)).toBe(true);
  const detail = body.details.find((d: { field: string }) => d.field === expected.field);
  expect(detail, JSON.stringify(body.details)).toBeDefined();
  if (expected.fieldCode) expect(detail.code).toBe(expected.fieldCode);
  expect(detail.message).toMatch(/\.$/);
  expect(await t.countRows()).toEqual(before);
  expect(await t.queues.campaignWake.count()).toBe(jobsBefore);
  return body;
}

describe('POST /v1/campaigns validation', () => {
  it('requires well-formed scripts for each targetType', async () => {
    const { scripts: _omit, ...withoutScripts } = campaignBody();
    await expectRefused(withoutScripts, { code: 'validation_error', field: 'scripts', fieldCode: 'required' });
    await expectRefused(campaignBody({ scripts: [] }), { code: 'validation_error', field: 'scripts', fieldCode: 'too_small' });
    await expectRefused(campaignBody({ scripts: 'hello' }), { code: 'validation_error', field: 'scripts', fieldCode: 'invalid_type' });
    await expectRefused(campaignBody({ scripts: [{ targetType: 'fax', targetValue: 'x' }] }), {
      code: 'validation_error',
      field: 'scripts.0.targetType',
      fieldCode: 'invalid_value',
    });
    await expectRefused(campaignBody({ scripts: [{ targetType: 'recording' }] }), {
      code: 'validation_error',
      field: 'scripts.0.targetValue',
      fieldCode: 'required',
    });
    await expectRefused(campaignBody({ scripts: [{ targetType: 'callBotTextVariable', targetValue: '' }] }), {
      code: 'validation_error',
      field: 'scripts.0.targetValue',
      fieldCode: 'too_short',
    });
    await expectRefused(campaignBody({ scripts: [{ targetType: 'ivrMenu', targetValue: '728341' }] }), {
      code: 'validation_error',
      field: 'scripts.0.targetId',
      fieldCode: 'required',
    });
    await expectRefused(campaignBody({ scripts: [{ targetType: 'ringGroup', targetId: 'rg1', targetValue: 79149 }] }), {
      code: 'validation_error',
      field: 'scripts.0.targetValue',
      fieldCode: 'invalid_type',
    });
  });

  it('refuses text-to-speech text of 301 characters and accepts 300', async () => {
    const body = await expectRefused(campaignBody({ scripts: [{ targetType: 'callBotTextVariable', targetValue: 'a'.repeat(301) }] }), {
      code: 'validation_error',
      field: 'scripts.0.targetValue',
      fieldCode: 'too_long',
    });
    expect(body.message).toContain('300');
    const ok = await create(campaignBody({ scripts: [{ targetType: 'callBotTextVariable', targetValue: 'a'.repeat(300) }] }));
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a sendTime in seconds or more than a day old, and starts a slightly past one now', async () => {
    await expectRefused(campaignBody({ sendTime: 1764000000 }), { code: 'send_time_in_seconds', field: 'sendTime', fieldCode: 'send_time_in_seconds' });
    await expectRefused(campaignBody({ sendTime: NOW - 25 * 3600_000 }), { code: 'send_time_too_old', field: 'sendTime', fieldCode: 'send_time_too_old' });
    await expectRefused(campaignBody({ sendTime: '2030-01-15T09:00:00Z' }), { code: 'validation_error', field: 'sendTime', fieldCode: 'invalid_type' });
    await expectRefused(campaignBody({ sendTime: NOW + 0.5 }), { code: 'validation_error', field: 'sendTime', fieldCode: 'invalid_type' });

    const slightlyPast = await create(campaignBody({ sendTime: NOW - 5 * 60_000 }));
    expect(slightlyPast.statusCode).toBe(201);
    expect(slightlyPast.json()).toMatchObject({ status: 'scheduled', sendTime: NOW, nextBatchAt: NOW });
    const future = await create(campaignBody({ sendTime: NOW + 3600_000 }));
    expect(future.json()).toMatchObject({ sendTime: NOW + 3600_000, nextBatchAt: NOW + 3600_000 });
    const omitted = await create(campaignBody());
    expect(omitted.json().sendTime).toBe(NOW);
  });

  it('bounds numberCallPerTime, durationOfEachCall, retryAfterSeconds and maxRetryOfDetail', async () => {
    const field = (name: string, value: unknown, fieldCode: string) =>
      expectRefused(campaignBody({ [name]: value }), { code: 'validation_error', field: name, fieldCode });
    await field('numberCallPerTime', 0, 'too_small');
    const tooBig = await field('numberCallPerTime', MAX_CALLS + 1, 'too_big');
    expect(tooBig.message).toContain(String(MAX_CALLS));
    await field('durationOfEachCall', -1, 'too_small');
    await field('durationOfEachCall', 1.5, 'invalid_type');
    await field('retryAfterSeconds', -1, 'too_small');
    await field('maxRetryOfDetail', 11, 'too_big');
    await field('maxRetryOfDetail', -1, 'too_small');
    const atLimits = await create(campaignBody({ numberCallPerTime: MAX_CALLS, durationOfEachCall: 0, retryAfterSeconds: 0, maxRetryOfDetail: 10 }));
    expect(atLimits.statusCode).toBe(201);
  });

  it('reports every problem at once', async () => {
    const { phoneNumbers: _omit, ...noPhones } = campaignBody({ numberCallPerTime: 0, maxRetryOfDetail: 11 });
    const body = await expectRefused(noPhones, { code: 'validation_error', field: 'phoneNumbers', fieldCode: 'required' });
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(['maxRetryOfDetail', 'numberCallPerTime', 'phoneNumbers']);
  });

  it('refuses a list without one valid number with no_valid_numbers and the report', async () => {
    const body = await expectRefused(campaignBody({ phoneNumbers: ['12', 'not a phone', '0000'] }), {
      code: 'no_valid_numbers',
      field: 'phoneNumbers',
      fieldCode: 'no_valid_numbers',
    });
    expect(body.details[0]).toMatchObject({ accepted: 0, invalid: 3, duplicated: 0 });
    expect(body.details[0].invalidExamples).toHaveLength(3);
    await expectRefused(campaignBody({ phoneNumbers: [] }), { code: 'validation_error', field: 'phoneNumbers', fieldCode: 'too_small' });
    await expectRefused(campaignBody({ phones: ['0395187319'] }), { code: 'validation_error', field: 'phones', fieldCode: 'conflict' });
  });
});

describe('POST /v1/campaigns phone numbers', () => {
  it('normalises and de-duplicates numbers and reports accepted, duplicated and invalid with examples', async () => {
    const response = await create(
      campaignBody({ phoneNumbers: ['0395187319', '84395187319', '+84395187319', 'abc', '0912 345 678', 84912345678, '12'] }),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    // 84395187319 and +84395187319 repeat the first number; 84912345678 repeats '0912 345 678'.
    expect(body.phones).toMatchObject({ accepted: 2, duplicated: 3, invalid: 2 });
    expect(body.phones.invalidExamples).toEqual([
      expect.objectContaining({ input: 'abc', position: 3, reason: expect.any(String) }),
      expect.objectContaining({ input: '12', position: 6, reason: expect.any(String) }),
    ]);
    expect(body.numbers).toEqual({ accepted: 2, duplicated: 3, invalid: 2 });
    const stored = await t.db.prisma.campaignNumber.findMany({ where: { campaignId: body.id, status: { not: 'invalid' } }, orderBy: { position: 'asc' } });
    expect(stored.map((n) => n.phone)).toEqual(['0395187319', '0912345678']);
  });
});

describe('POST /v1/campaigns body handling', () => {
  it('answers 400 invalid_json for a body that is not JSON, storing nothing', async () => {
    const before = await t.countRows();
    const response = await create('{"scripts": [', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'invalid_json', message: expect.any(String) });
    expect(await t.countRows()).toEqual(before);
  });

  it('answers 413 for a body over the limit, storing nothing', async () => {
    const before = await t.countRows();
    const phoneNumbers = Array.from({ length: 400_000 }, (_, i) => `09${String(i).padStart(8, '0')}`);
    const response = await create(campaignBody({ phoneNumbers }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    expect(await t.countRows()).toEqual(before);
  });

  it('answers 415 for a content type it does not parse and 400 for a text body', async () => {
    const xml = await create('<campaign/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
    const text = await create('phoneNumbers=0395187319', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'validation_error', details: [{ field: 'body', code: 'invalid_type' }] });
  });
});
