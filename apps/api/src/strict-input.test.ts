// A field this service does not know is refused everywhere a client sends input: 400
// unknown_field, the field named, the field it was probably meant to be suggested, and nothing
// stored or queued. A typo must never mean "call now".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, TEST_WEBHOOK_SECRET, type TestApp } from './test-app.ts';

let t: TestApp;
let campaignId: string;
const SEND_TIME = Date.now() + 7 * 24 * 3600_000;

beforeAll(async () => {
  t = await buildTestApp();
  const created = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody({ sendTime: SEND_TIME }) });
  expect(created.statusCode).toBe(201);
  campaignId = created.json().id;
});
afterAll(() => t?.close());

// Rows of every table, and the wake jobs in Redis: none may move when a request is refused.
async function snapshot() {
  const { rows } = await t.db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) counts[table_name] = (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`)).rows[0]!.n;
  const jobs = await t.queues.campaignWake.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
  return { counts, jobs };
}

type Request = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown; headers?: Record<string, string> };

async function refused(request: Request) {
  const before = await snapshot();
  const response = await t.app.inject({ ...request, headers: { ...bearer(t.adminKey), ...request.headers }, payload: request.payload as object });
  expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(400);
  expect(await snapshot()).toEqual(before);
  return response.json();
}

function uploadForm(campaign: unknown, file = 'phone\n0395187319\n') {
  const boundary = '----strict-input-boundary';
  const payload =
    `--${boundary}\r\nContent-Disposition: form-data; name="campaign"\r\n\r\n${JSON.stringify(campaign)}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="numbers.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /v1/campaigns with a misspelt field', () => {
  it('refuses "sendtime" with unknown_field and the field it meant, storing and queueing nothing', async () => {
    const body = await refused({ method: 'POST', url: '/v1/campaigns', payload: { ...campaignBody(), sendtime: SEND_TIME } });
    process.stdout.write(`[strict-input] POST /v1/campaigns with "sendtime": ${JSON.stringify(body)}\n`);
    expect(body).toEqual({
      statusCode: 400,
      code: 'unknown_field',
      message: 'Unknown field "sendtime". Did you mean "sendTime"?',
      details: [{ field: 'sendtime', code: 'unknown_field', message: 'Unknown field "sendtime". Did you mean "sendTime"?', suggestion: 'sendTime' }],
    });
  });

  it('refuses unknown fields inside script steps and call windows, one detail each, beside other problems', async () => {
    const body = await refused({
      method: 'POST',
      url: '/v1/campaigns',
      payload: campaignBody({
        scripts: [{ targetType: 'callBotTextVariable', targetValue: 'Xin chào quý khách', voise: 'northern_female_ngocanh' }],
        callWindows: { mon: [['08:00', '12:00']], Tue: [['13:00', '17:00']] },
        numberCallPerTime: 0,
        priority: 'high',
      }),
    });
    expect(body.code).toBe('unknown_field');
    expect(body.message).toBe('Unknown field "scripts.0.voise". Did you mean "scripts.0.voice"? 2 more unknown fields are listed in details.');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: 'scripts.0.voise', code: 'unknown_field', message: expect.any(String), suggestion: 'scripts.0.voice' },
        { field: 'callWindows.Tue', code: 'unknown_field', message: 'Unknown field "callWindows.Tue". Did you mean "callWindows.tue"?', suggestion: 'callWindows.tue' },
        { field: 'priority', code: 'unknown_field', message: 'Unknown field "priority".' },
        expect.objectContaining({ field: 'numberCallPerTime', code: 'too_small' }),
      ]),
    );
    expect(body.details).toHaveLength(4);
  });
});

describe('the OMICALL-compatible executeByPhone', () => {
  async function token() {
    const response = await t.app.inject({ method: 'GET', url: `/api/auth?apiKey=${t.adminKey}` });
    return response.json().payload.access_token as string;
  }

  it("refuses fields beyond OMICALL's page (native-only ones too) in OMICALL's envelope, storing nothing", async () => {
    const headers = bearer(await token());
    const misspelt = await refused({ method: 'POST', url: '/api/v2/autoCall/executeByPhone', headers, payload: { ...campaignBody(), sendtime: SEND_TIME } });
    process.stdout.write(`[strict-input] POST /api/v2/autoCall/executeByPhone with "sendtime": ${JSON.stringify(misspelt)}\n`);
    expect(misspelt).toMatchObject({
      status_code: -9999,
      message: 'unknown_field',
      payload: {
        status: 'fail',
        error: 'unknown_field',
        message: 'Unknown field "sendtime". Did you mean "sendTime"?',
        field: 'sendtime',
        reason: 'unknown_field',
        details: [{ field: 'sendtime', code: 'unknown_field', suggestion: 'sendTime' }],
      },
    });
    const native = await refused({
      method: 'POST',
      url: '/api/v2/autoCall/executeByPhone',
      headers,
      payload: { ...campaignBody(), timeZone: 'Asia/Ho_Chi_Minh', callWindows: null },
    });
    expect(native.payload).toMatchObject({ error: 'unknown_field', field: 'timeZone' });
    expect(native.payload.details.map((d: { field: string }) => d.field)).toEqual(['timeZone', 'callWindows']);
  });
});

describe('every other input', () => {
  it('refuses unknown fields in each body, form field and query, with the field named', async () => {
    const id = campaignId;
    const cases: [Request, string, string?][] = [
      [{ method: 'PATCH', url: `/v1/campaigns/${id}`, payload: { name: 'x', sendtime: SEND_TIME } }, 'sendtime', 'sendTime'],
      [{ method: 'PATCH', url: `/v1/campaigns/${id}`, payload: { scripts: [{ targetType: 'recording', targetValue: 'a.mp3', targetID: 'r1' }] } }, 'scripts.0.targetID', 'scripts.0.targetId'],
      [{ method: 'POST', url: `/v1/campaigns/${id}/pause`, payload: { reson: 'x' } }, 'reson', 'reason'],
      [{ method: 'POST', url: `/v1/campaigns/${id}/numbers`, payload: { phoneNumbers: ['0395187319'], phone: ['0912345678'] } }, 'phone', 'phoneNumbers'],
      [{ method: 'POST', url: '/v1/campaigns/upload', ...uploadForm({ ...campaignBody({ phoneNumbers: undefined }), sendtime: SEND_TIME }) }, 'campaign.sendtime', 'campaign.sendTime'],
      [{ method: 'POST', url: '/v1/campaigns/upload', ...uploadForm(campaignBody()) }, 'campaign.phoneNumbers'],
      [{ method: 'POST', url: '/v1/suppressions', payload: { phones: ['0395187319'], reasons: 'x' } }, 'reasons', 'reason'],
      [{ method: 'POST', url: '/v1/webhooks', payload: { url: 'https://crm.example.vn/hook', events: ['call.answered'], secret: 's' } }, 'secret'],
      [{ method: 'POST', url: '/v1/admin/api-keys', payload: { tenant: 'default', roles: 'admin' } }, 'roles', 'role'],
      [{ method: 'GET', url: '/v1/campaigns?limt=5' }, 'querystring.limt', 'querystring.limit'],
      [{ method: 'GET', url: `/v1/campaigns/${id}?expand=calls` }, 'querystring.expand'],
      [{ method: 'GET', url: `/v1/campaigns/${id}/calls?Status=answered` }, 'querystring.Status', 'querystring.status'],
      [{ method: 'GET', url: '/v1/suppressions?phones=0395187319' }, 'querystring.phones', 'querystring.phone'],
      [{ method: 'DELETE', url: '/v1/suppressions/0395187319?force=true' }, 'querystring.force'],
      [{ method: 'GET', url: '/v1/admin/api-keys?tenant=x' }, 'querystring.tenant', 'querystring.tenantId'],
      [{ method: 'POST', url: '/v1/campaigns/validate', payload: { ...campaignBody(), sendtime: SEND_TIME } }, 'sendtime', 'sendTime'],
      [{ method: 'POST', url: '/v1/campaigns/validate', ...uploadForm({ ...campaignBody({ phoneNumbers: undefined }), sendtime: SEND_TIME }) }, 'campaign.sendtime', 'campaign.sendTime'],
      [{ method: 'POST', url: `/v1/campaigns/${id}/call-again`, payload: { statuses: ['failed'], sendtime: SEND_TIME } }, 'sendtime', 'sendTime'],
      [{ method: 'POST', url: `/v1/campaigns/${id}/call-again`, payload: { statuss: ['failed'] } }, 'statuss', 'statuses'],
      [{ method: 'GET', url: `/v1/campaigns/${id}/timeline?bucketSecond=60` }, 'querystring.bucketSecond', 'querystring.bucketSeconds'],
      [{ method: 'GET', url: `/v1/campaigns/${id}/calls?phones=319` }, 'querystring.phones', 'querystring.phone'],
      [{ method: 'GET', url: `/v1/campaigns/${id}/calls.csv?Status=failed` }, 'querystring.Status', 'querystring.status'],
    ];
    for (const [request, field, suggestion] of cases) {
      const body = await refused(request);
      const where = `${request.method} ${request.url}`;
      expect(body.code, where).toBe('unknown_field');
      const detail = body.details.find((d: { field: string }) => d.field === field);
      expect(detail, `${where}: ${JSON.stringify(body.details)}`).toMatchObject({ code: 'unknown_field', message: expect.stringContaining(`"${field}"`) });
      expect(detail.suggestion, where).toBe(suggestion);
      expect(body.message, where).toContain(`Unknown field "${field}".`);
    }
    const campaign = await t.db.prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(campaign).toMatchObject({ status: 'scheduled', name: 'test campaign', sendTime: new Date(SEND_TIME) });
  });

  it("keeps the provider webhook tolerant: OMICALL's fields we do not model are accepted", async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/providers/omicall/webhook?token=${TEST_WEBHOOK_SECRET}&source=omicall`,
      payload: { state: 'cdr', call_uuid: 'strict-1', to_number: '0395187319', tenant_code: 'x', extra: { kept: true } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, received: 1 });
  });
});
