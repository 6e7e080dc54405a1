import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, TEST_WEBHOOK_SECRET, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ captureLogs: true });
});
afterAll(() => t?.close());

// Secrets and numbers that must never reach a log line in full, in any of their spellings.
const PHONE = '0395187319';
const OTHER_PHONE = '0912345678';
const forbidden = () => [t.adminKey, TEST_WEBHOOK_SECRET, PHONE, PHONE.slice(1), `84${PHONE.slice(1)}`, OTHER_PHONE.slice(1)];

describe('request logs', () => {
  it('never carry the API key, the webhook token, an access token or a full phone number', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: bearer(t.adminKey),
      payload: campaignBody({ phoneNumbers: [PHONE, `+84${OTHER_PHONE.slice(1)}`, 'junk'] }),
    });
    expect(created.statusCode).toBe(201);
    const refused = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody({ phoneNumbers: ['123'], numberCallPerTime: 0 }) });
    expect(refused.statusCode).toBe(400);
    const hook = await t.app.inject({
      method: 'POST',
      url: `/v1/providers/omicall/webhook?token=${TEST_WEBHOOK_SECRET}`,
      payload: { state: 'cdr', call_uuid: 'log-1', autocall_id: 'x', to_number: PHONE, from_number: `84${OTHER_PHONE.slice(1)}`, answer_sec: 0 },
    });
    expect(hook.statusCode).toBe(200);
    const wrongHook = await t.app.inject({ method: 'POST', url: `/v1/providers/omicall/webhook?token=${TEST_WEBHOOK_SECRET}x`, payload: { state: 'cdr' } });
    expect(wrongHook.statusCode).toBe(401);
    const auth = await t.app.inject({ method: 'GET', url: `/api/auth?apiKey=${t.adminKey}` });
    const accessToken: string = auth.json().payload.access_token;
    const executed = await t.app.inject({ method: 'POST', url: '/api/v2/autoCall/executeByPhone', headers: bearer(accessToken), payload: campaignBody({ phoneNumbers: [PHONE] }) });
    expect(executed.statusCode).toBe(200);

    const text = t.logs.join('');
    // The requests were logged, so the absence below means something.
    expect(t.logs.length).toBeGreaterThanOrEqual(6);
    expect(text).toContain('/v1/providers/omicall/webhook');
    expect(text).toContain('/api/auth');
    for (const secret of [...forbidden(), accessToken]) expect(text, `log contains ${secret.slice(0, 6)}...`).not.toContain(secret);
  });

  it('are one line per request at info: the completion line, with status and duration', async () => {
    const before = t.logs.length;
    const listed = await t.app.inject({ method: 'GET', url: '/v1/campaigns?limit=1', headers: bearer(t.adminKey) });
    expect(listed.statusCode).toBe(200);
    const missing = await t.app.inject({ method: 'GET', url: '/v1/nothing-here', headers: bearer(t.adminKey) });
    expect(missing.statusCode).toBe(404);
    const atInfo = t.logs
      .slice(before)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => Number(line.level) >= 30);
    expect(atInfo).toHaveLength(2);
    expect(atInfo[0]).toMatchObject({ msg: 'request completed', method: 'GET', url: '/v1/campaigns?limit=1', statusCode: 200 });
    expect(atInfo[1]).toMatchObject({ msg: 'request completed', url: '/v1/nothing-here', statusCode: 404 });
    for (const line of atInfo) expect(line.durationMs).toEqual(expect.any(Number));
    expect(t.logs.join('')).not.toContain('incoming request');
  });
});
