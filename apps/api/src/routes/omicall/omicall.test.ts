import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

const DAY_MS = 24 * 3600_000;
let clock = Date.now();
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock, maxCallsPerBatch: 30 });
});
afterAll(() => t?.close());

async function getToken(apiKey = t.adminKey): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: `/api/auth?apiKey=${encodeURIComponent(apiKey)}` });
  expect(response.statusCode).toBe(200);
  return response.json().payload.access_token;
}

const execute = (payload: unknown, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v2/autoCall/executeByPhone', headers, payload: payload as object });

// OMICALL's failure envelope with a fitting HTTP status.
function expectFailure(response: { statusCode: number; json(): any }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  const body = response.json();
  expect(body).toMatchObject({ status_code: -9999, message: code, payload: { status: 'fail', error: code } });
  expect(body.payload.message).toMatch(/\w.+\.$/);
  return body;
}

describe('GET /api/auth', () => {
  it('exchanges an API key for a bearer token in the 9999 envelope', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/auth?apiKey=${t.adminKey}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status_code: 9999, payload: { token_type: 'Bearer', expires_in: 86_400 } });
    expect(body.payload.access_token).toMatch(/^at_/);
    expect(body.payload.expired_at).toBe(clock + DAY_MS);
    // The token is a credential of its own, not the key echoed back.
    expect(body.payload.access_token).not.toBe(t.adminKey);
  });

  it('refuses a wrong key with 401 api_key_invalid and a missing one with 400', async () => {
    expectFailure(await t.app.inject({ method: 'GET', url: '/api/auth?apiKey=wrong-key-0123456789' }), 401, 'api_key_invalid');
    const missing = expectFailure(await t.app.inject({ method: 'GET', url: '/api/auth' }), 400, 'api_key_is_required');
    expect(missing.payload.field).toBe('apiKey');
    expectFailure(await t.app.inject({ method: 'GET', url: '/api/auth?apiKey=' }), 400, 'api_key_is_required');
  });
});

describe('POST /api/v2/autoCall/executeByPhone', () => {
  it('creates a campaign from the phones, phoneNumbers or phone_number_list field', async () => {
    const token = await getToken();
    for (const field of ['phones', 'phoneNumbers', 'phone_number_list']) {
      const { phoneNumbers: _omit, ...body } = campaignBody();
      const response = await execute({ ...body, [field]: ['0395187319', '+84395187319', '0912345678'] }, bearer(token));
      expect(response.statusCode, field).toBe(200);
      const reply = response.json();
      expect(reply).toMatchObject({ status_code: 9999, payload: { status: 'scheduled', source: 'omicall', phones: { accepted: 2, duplicated: 1, invalid: 0 } } });
      expect(reply.payload.autocall_id).toBe(reply.payload.id);
      const stored = await t.db.prisma.campaign.findUnique({ where: { id: reply.payload.autocall_id } });
      expect(stored).toMatchObject({ tenantId: t.tenantId, source: 'omicall', acceptedCount: 2 });
    }
  });

  it('answers validation failures with HTTP 400, -9999, the code in message and field and reason in payload, storing nothing', async () => {
    const token = await getToken();
    const before = await t.countRows();
    const tooMany = expectFailure(await execute(campaignBody({ numberCallPerTime: 31 }), bearer(token)), 400, 'validation_error');
    expect(tooMany.payload).toMatchObject({ field: 'numberCallPerTime', reason: 'too_big' });
    const seconds = expectFailure(await execute(campaignBody({ sendTime: 1764000000 }), bearer(token)), 400, 'send_time_in_seconds');
    expect(seconds.payload).toMatchObject({ field: 'sendTime', reason: 'send_time_in_seconds' });
    const tts = expectFailure(
      await execute(campaignBody({ scripts: [{ targetType: 'callBotTextVariable', targetValue: 'x'.repeat(301) }] }), bearer(token)),
      400,
      'validation_error',
    );
    expect(tts.payload).toMatchObject({ field: 'scripts.0.targetValue', reason: 'too_long' });
    const noNumbers = expectFailure(await execute(campaignBody({ phones: undefined, phoneNumbers: ['123'] }), bearer(token)), 400, 'no_valid_numbers');
    expect(noNumbers.payload).toMatchObject({ field: 'phoneNumbers', reason: 'no_valid_numbers' });
    expectFailure(
      await execute('{"scripts":', { ...bearer(token), 'content-type': 'application/json' }),
      400,
      'invalid_json',
    );
    expect(await t.countRows()).toEqual(before);
  });

  it('answers a missing, unknown or expired token with the 401 envelope', async () => {
    const token = await getToken();
    const before = await t.countRows();
    expectFailure(await execute(campaignBody(), {}), 401, 'token_expired');
    expectFailure(await execute(campaignBody(), bearer('at_unknown')), 401, 'token_expired');
    // Unauthenticated callers are refused before their body is looked at.
    expectFailure(await execute({ bogus: true }, {}), 401, 'token_expired');
    clock += DAY_MS + 1_000;
    try {
      expectFailure(await execute(campaignBody(), bearer(token)), 401, 'token_expired');
    } finally {
      clock -= DAY_MS + 1_000;
    }
    expect(await t.countRows()).toEqual(before);
    expect((await execute(campaignBody(), bearer(token))).statusCode).toBe(200);
  });

  it('answers a body over the limit with the 413 envelope', async () => {
    const token = await getToken();
    const phoneNumbers = Array.from({ length: 400_000 }, (_, i) => `09${String(i).padStart(8, '0')}`);
    expectFailure(await execute(campaignBody({ phoneNumbers }), bearer(token)), 413, 'payload_too_large');
  });
});
