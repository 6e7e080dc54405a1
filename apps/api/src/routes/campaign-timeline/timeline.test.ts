import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDials } from '@autocall/db/test-fixtures';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

const NOW = Date.UTC(2026, 2, 2, 2, 0);
const S = NOW - 120_000;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
});
afterAll(async () => t?.close());

const get = (url: string, key = t.adminKey) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

// A campaign that started at S: 6 numbers, 2 per 30 s slot, one retry a minute after an unanswered call.
async function runningCampaign(status = 'running', startedAtMs = S) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/campaigns',
    headers: bearer(t.adminKey),
    payload: campaignBody({
      numberCallPerTime: 2,
      durationOfEachCall: 30,
      maxRetryOfDetail: 1,
      retryAfterSeconds: 60,
      phoneNumbers: ['0395187319', '0912345678', '0987654321', '0901111111', '0902222222', '0903333333'],
    }),
  });
  const id = created.json().id as string;
  await t.db.prisma.$executeRaw`
    UPDATE campaigns SET status = ${status}::campaign_status, send_time = ${new Date(S)}, started_at = ${new Date(startedAtMs)} WHERE id = ${id}::uuid`;
  await t.db.prisma.$executeRaw`UPDATE campaign_numbers SET next_attempt_at = ${new Date(S)} WHERE campaign_id = ${id}::uuid`;
  await writeDials(t.db.prisma, id, 0, S, [
    { position: 0, outcome: 'answered', status: 'answered' },
    { position: 1, outcome: 'not_answered', status: 'retry' },
  ]);
  await writeDials(t.db.prisma, id, 1, S + 30_000, [
    { position: 2, outcome: 'no_result', status: 'no_result' },
    { position: 3, outcome: 'pending', status: 'calling' },
  ]);
  return id;
}

describe('GET /v1/campaigns/:id/timeline', () => {
  it('gives calls per bucket, empty ones included, and the batches sent then planned', async () => {
    const id = await runningCampaign();
    const response = await get(`/v1/campaigns/${id}/timeline?bucketSeconds=60`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.bucketSeconds).toBe(60);
    expect(body.calls).toEqual([
      { at: S, dialled: 4, answered: 1, notAnswered: 1, noResult: 1, retries: 0 },
      { at: S + 60_000, dialled: 0, answered: 0, notAnswered: 0, noResult: 0, retries: 0 },
      { at: S + 120_000, dialled: 0, answered: 0, notAnswered: 0, noResult: 0, retries: 0 },
    ]);
    expect(body.olderBatches).toBe(0);
    expect(body.batches).toEqual([
      { slot: 0, plannedAt: S, sentAt: S + 150, size: 2, status: 'sent' },
      { slot: 1, plannedAt: S + 30_000, sentAt: S + 30_150, size: 2, status: 'sent' },
      // Now is slot 4: the retry due since S+61 s goes first with a fresh number. 1 call of the 3
      // with an outcome was answered, so the call in flight (slot 7) and the last fresh number
      // (slot 8) are expected back for a retry, the expected fractions carried over.
      { slot: 4, plannedAt: S + 120_000, sentAt: null, size: 2, status: 'planned' },
      { slot: 5, plannedAt: S + 150_000, sentAt: null, size: 1, status: 'planned' },
      { slot: 7, plannedAt: S + 210_000, sentAt: null, size: 1, status: 'planned' },
      { slot: 8, plannedAt: S + 240_000, sentAt: null, size: 1, status: 'planned' },
    ]);
  });

  it('chooses the bucket size for at most 300 buckets, and plans nothing for a paused campaign', async () => {
    const id = await runningCampaign('paused', NOW - 6 * 3_600_000);
    const body = (await get(`/v1/campaigns/${id}/timeline`)).json();
    expect(body.bucketSeconds).toBe(120);
    expect(body.calls.length).toBeLessThanOrEqual(300);
    expect(body.calls.reduce((sum: number, b: { dialled: number }) => sum + b.dialled, 0)).toBe(4);
    expect(body.batches.map((b: { status: string }) => b.status)).toEqual(['sent', 'sent']);
  });

  it('refuses a bucket size that makes too many buckets, bad query parameters and unknown campaigns', async () => {
    const id = await runningCampaign('running', NOW - 3 * 3_600_000);
    const tooMany = await get(`/v1/campaigns/${id}/timeline?bucketSeconds=1`);
    expect(tooMany.json()).toMatchObject({ statusCode: 400, details: [{ field: 'querystring.bucketSeconds', code: 'too_small', message: expect.stringContaining('use 3 or more') }] });
    for (const query of ['bucketSeconds=0', 'bucketSeconds=abc', 'bucketSeconds=604801', 'bucket=60']) {
      const response = await get(`/v1/campaigns/${id}/timeline?${query}`);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
      expect(response.json().details[0]).toMatchObject({ field: expect.stringMatching(/^querystring/), code: expect.any(String), message: expect.any(String) });
    }
    expect((await get('/v1/campaigns/00000000-0000-4000-8000-000000000000/timeline')).json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    const other = await t.createKey();
    expect((await get(`/v1/campaigns/${id}/timeline`, other.secret)).json()).toMatchObject({ statusCode: 404, code: 'not_found' });
  });
});
