import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '@autocall/logger';
import { commitNewCampaign, readCampaignField, stageList } from '../../services/imports.ts';
import { auth, multipartBody, settings, startImportApp, upload, type ImportFixture } from './fixture.ts';

let f: ImportFixture;
beforeAll(async () => {
  f = await startImportApp({ uploadLimitBytes: 64 * 1024 });
});
afterAll(async () => {
  await f?.close();
});

const rows = (campaignId: string) =>
  f.db.pool
    .query<{ position: number; phone: string; status: string; invalid_reason: string | null }>(
      'SELECT position, phone, status::text, invalid_reason FROM campaign_numbers WHERE campaign_id = $1 ORDER BY position',
      [campaignId],
    )
    .then((r) => r.rows);
const counts = async () => {
  const { rows: [r] } = await f.db.pool.query<{ c: number; n: number }>(
    'SELECT (SELECT count(*) FROM campaigns)::int AS c, (SELECT count(*) FROM campaign_numbers)::int AS n',
  );
  return r;
};

describe('POST /v1/campaigns/upload', () => {
  test('stores a CSV with a header: normalised, de-duplicated, invalid lines kept and reported', async () => {
    await f.db.pool.query('INSERT INTO suppressed_numbers (tenant_id, phone) VALUES ($1, $2)', [f.tenantId, '0977777777']);
    const csv = [
      'name,so_dien_thoai,city', // header: phone column found by name
      'Lan,0395187319,HN',
      'Minh,"+84 912 345 678",HCM',
      'Lan again,84395187319,HN', // duplicate of line 2 in another form
      'Bad,12ab,HN',
      '',
      'Hoa,0977777777,DN', // suppressed
      'Tuan,0987654321,HN\r',
      'Empty,,HN',
    ].join('\n');
    const res = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', ...upload(settings({ name: 'From CSV' }), csv) });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'From CSV', status: 'scheduled', numberCallPerTime: 5 });
    expect(body.phones).toMatchObject({ accepted: 3, duplicated: 1, invalid: 2, suppressed: 1 });
    expect(body.phones.invalidExamples).toEqual([
      { line: 5, position: 3, input: '12ab', reason: expect.any(String) },
      { line: 9, position: 6, input: '', reason: 'empty' },
    ]);
    expect(body.numbers).toEqual({ accepted: 3, duplicated: 1, invalid: 2 });
    expect(await rows(body.id)).toEqual([
      { position: 0, phone: '0395187319', status: 'pending', invalid_reason: null },
      { position: 1, phone: '0912345678', status: 'pending', invalid_reason: null },
      { position: 3, phone: '12ab', status: 'invalid', invalid_reason: expect.any(String) },
      { position: 4, phone: '0977777777', status: 'suppressed', invalid_reason: null },
      { position: 5, phone: '0987654321', status: 'pending', invalid_reason: null },
      { position: 6, phone: '', status: 'invalid', invalid_reason: 'empty' },
    ]);
    const events = await f.db.pool.query('SELECT to_status::text, actor FROM campaign_events WHERE campaign_id = $1', [body.id]);
    expect(events.rows).toEqual([{ to_status: 'scheduled', actor: expect.stringMatching(/^api-key:/) }]);
    const job = await f.queues.campaignWake.getJobs(['delayed', 'waiting']);
    expect(job.some((j) => j.data.campaignId === body.id)).toBe(true);
  });

  test('reads a plain newline-delimited list with the file before the settings', async () => {
    const file = '0395187319\n0395187319\n0912345678';
    const res = await f.app.inject({
      method: 'POST',
      url: '/v1/campaigns/upload',
      ...multipartBody([
        { name: 'file', value: file, filename: 'list.txt' },
        { name: 'campaign', value: JSON.stringify(settings()) },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().phones).toMatchObject({ accepted: 2, duplicated: 1, invalid: 0, suppressed: 0 });
  });

  test('a refused upload stores nothing', async () => {
    const before = await counts();
    const cases: [ReturnType<typeof upload>, number, string][] = [
      [upload('{not json', '0395187319'), 400, 'invalid_json'],
      [upload(settings({ scripts: [] }), '0395187319'), 400, 'validation_error'],
      [upload(settings(), 'phone\nabc\n12\n'), 400, 'no_valid_numbers'],
      [upload(settings(), `phone\n${'0395187319\n'.repeat(10_000)}`), 413, 'file_too_large'],
      [multipartBody([{ name: 'campaign', value: JSON.stringify(settings()) }]), 400, 'missing_part'],
    ];
    for (const [request, status, code] of cases) {
      const res = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', ...request });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toMatchObject({ statusCode: status, code, message: expect.any(String) });
    }
    const invalid = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', ...upload(settings({ scripts: [] }), '0395187319') });
    expect(invalid.json().details[0]).toMatchObject({ field: 'campaign.scripts' });
    const json = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', headers: auth, payload: { campaign: '{}', file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('multipart_required');
    expect(await counts()).toEqual(before);
  });
});

describe('past the de-duplication limit', () => {
  test('the database de-duplicates what the parser no longer remembers', async () => {
    const deps = {
      prisma: f.db.prisma,
      pool: f.db.pool,
      queues: f.queues,
      logger: createLogger({ level: 'silent' }),
      now: Date.now,
      defaultCountry: 'VN',
      maxCallsPerBatch: 50,
      dedupeLimit: 2,
    };
    const list = await stageList(deps, ['0395187319', '0912345678', '0395187319', '0987654321', '0912345678', '0987654321']);
    expect(list.parser.counts()).toMatchObject({ duplicatesDropped: 0, mayRepeat: true });
    const created = await commitNewCampaign(deps, list, readCampaignField(deps, JSON.stringify(settings())), {
      tenantId: f.tenantId,
      apiKeyId: '00000000-0000-4000-8000-000000000001',
      role: 'admin',
    });
    expect(created.phones).toMatchObject({ accepted: 3, duplicated: 3 });
    // The first occurrence keeps its place.
    expect((await rows(created.id)).map((r) => [r.position, r.phone])).toEqual([
      [0, '0395187319'],
      [1, '0912345678'],
      [3, '0987654321'],
    ]);
  });
});

describe('POST /v1/campaigns/:id/numbers', () => {
  test('appends after the last position, counting numbers already there as duplicates', async () => {
    const created = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', ...upload(settings(), '0395187319\n0912345678') });
    const id = created.json().id;
    const res = await f.app.inject({
      method: 'POST',
      url: `/v1/campaigns/${id}/numbers`,
      headers: auth,
      payload: { phoneNumbers: ['0912345678', '0988888888', 'nope', '+84988888888'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, firstPosition: 2, phones: { accepted: 1, duplicated: 2, invalid: 1, suppressed: 0 } });
    expect(res.json().numbers).toEqual({ accepted: 3, duplicated: 2, invalid: 1 });

    const file = await f.app.inject({
      method: 'POST',
      url: `/v1/campaigns/${id}/numbers`,
      ...multipartBody([{ name: 'file', value: 'phone\n0966666666\n0395187319', filename: 'more.csv' }]),
    });
    expect(file.statusCode, file.body).toBe(200);
    // Positions continue after the highest stored one (the duplicate at 5 was not stored).
    expect(file.json()).toMatchObject({ firstPosition: 5, phones: { accepted: 1, duplicated: 1 } });
    expect((await rows(id)).map((r) => [r.position, r.phone, r.status])).toEqual([
      [0, '0395187319', 'pending'],
      [1, '0912345678', 'pending'],
      [3, '0988888888', 'pending'],
      [4, 'nope', 'invalid'],
      [5, '0966666666', 'pending'],
    ]);
  });

  test('409 once the campaign has started, 404 for another tenant, 400 for a bad body', async () => {
    const created = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', ...upload(settings(), '0395187319') });
    const id = created.json().id;
    const bad = await f.app.inject({ method: 'POST', url: `/v1/campaigns/${id}/numbers`, headers: auth, payload: { phoneNumbers: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_error', details: [{ field: 'phoneNumbers' }] });
    await f.db.pool.query(`UPDATE campaigns SET status = 'running', started_at = now() WHERE id = $1`, [id]);
    const res = await f.app.inject({ method: 'POST', url: `/v1/campaigns/${id}/numbers`, headers: auth, payload: { phoneNumbers: ['0988888888'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'invalid_transition', current: 'running', details: [{ field: 'status', code: 'invalid_transition' }] });
    const missing = await f.app.inject({
      method: 'POST',
      url: '/v1/campaigns/00000000-0000-4000-8000-000000000000/numbers',
      headers: auth,
      payload: { phoneNumbers: ['0988888888'] },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /v1/campaigns/:id/calls.csv', () => {
  test('streams every number with its latest attempt', async () => {
    const created = await f.app.inject({ method: 'POST', url: '/v1/campaigns/upload', ...upload(settings(), 'phone\n0395187319\n"=1+2"\n0912345678') });
    const id = created.json().id;
    // Two calls, stored as dispatch stores them: the first (not answered) as an attempt row, the
    // one that made the number final on the number's row, each batch keeping its dial time.
    const batches = await f.db.pool.query<{ id: string }>(
      `INSERT INTO batches (campaign_id, slot_index, slot_time, status, size, dialed_at)
       SELECT $1, k, now(), 'sent', 1, '2026-01-01T00:00:00Z'::timestamptz + (k + 1 || ' minutes')::interval FROM generate_series(0, 1) k
       RETURNING id`,
      [id],
    );
    const [first, last] = batches.rows.map((b) => b.id);
    await f.db.pool.query(
      `INSERT INTO call_attempts (number_id, campaign_id, batch_id, attempt_no, dialed_at, outcome, outcome_at)
       SELECT n.id, n.campaign_id, $2, 1, '2026-01-01T00:01:00Z', 'not_answered', '2026-01-01T01:00:00Z'
       FROM campaign_numbers n WHERE n.campaign_id = $1 AND n.phone = '0395187319'`,
      [id, first],
    );
    await f.db.pool.query(
      `UPDATE campaign_numbers SET status = 'answered', attempts = 2, last_batch_id = $2, outcome_at = '2026-01-01T01:00:00Z', answer_sec = 42
       WHERE campaign_id = $1 AND phone = '0395187319'`,
      [id, last],
    );

    const res = await f.app.inject({ method: 'GET', url: `/v1/campaigns/${id}/calls.csv`, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${id}-calls.csv"`);
    expect(res.body.split('\r\n')).toEqual([
      'phone,position,status,attempts,invalid_reason,last_outcome,last_dialed_at,last_outcome_at,answer_sec,hangup_cause,provider_call_id',
      '0395187319,0,answered,2,,answered,2026-01-01T00:02:00.000Z,2026-01-01T01:00:00.000Z,42,,',
      `'=1+2,1,invalid,0,not_a_number,,,,,,`,
      '0912345678,2,pending,0,,,,,,,',
      '',
    ]);
    const other = await f.app.inject({ method: 'GET', url: '/v1/campaigns/00000000-0000-4000-8000-000000000000/calls.csv', headers: auth });
    expect(other.statusCode).toBe(404);
  });
});
