// What the console reads besides a campaign's detail: the numbers filtered by status and searched by
// number (page and CSV alike), the progress of every campaign in the list, the do-not-call list's
// size and search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDials } from '@autocall/db/test-fixtures';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';

const NOW = Date.UTC(2026, 2, 2, 2, 0);
const PHONES = ['0395187319', '0912345678', '0987654321', '0901111319', '0902222222', '0903333333'];

let t: TestApp;
let campaignId: string;
beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  const created = await get('POST', '/v1/campaigns', campaignBody({ numberCallPerTime: 2, durationOfEachCall: 60, phoneNumbers: [...PHONES, 'not-a-number'] }));
  campaignId = created.json().id;
  await t.db.prisma.$executeRaw`UPDATE campaigns SET status = 'running', started_at = ${new Date(NOW)} WHERE id = ${campaignId}::uuid`;
  await writeDials(t.db.prisma, campaignId, 0, NOW, [
    { position: 0, outcome: 'answered', status: 'answered' },
    { position: 1, outcome: 'not_answered', status: 'failed' },
  ]);
  await writeDials(t.db.prisma, campaignId, 1, NOW + 60_000, [
    { position: 2, outcome: 'no_result', status: 'no_result' },
    { position: 3, outcome: 'pending', status: 'calling' },
  ]);
});
afterAll(async () => t?.close());

function get(method: 'GET' | 'POST', url: string, payload?: object, key = t.adminKey) {
  return t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
}
const phonesOf = async (query: string) => {
  const response = await get('GET', `/v1/campaigns/${campaignId}/calls?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((i: { phone: string }) => i.phone);
};

describe('GET /v1/campaigns/:id/calls filters', () => {
  it('keeps one status or several separated by commas', async () => {
    expect(await phonesOf('status=failed')).toEqual([PHONES[1]]);
    expect(await phonesOf('status=failed,no_result')).toEqual([PHONES[1], PHONES[2]]);
    expect(await phonesOf('status=pending,calling,invalid')).toEqual([PHONES[3], PHONES[4], PHONES[5], 'not-a-number']);
  });

  it('finds a number in any format, or the numbers ending with some digits', async () => {
    expect(await phonesOf(`phone=${encodeURIComponent('+84 395 187 319')}`)).toEqual([PHONES[0]]);
    expect(await phonesOf('phone=84912345678')).toEqual([PHONES[1]]);
    expect(await phonesOf('phone=319')).toEqual([PHONES[0], PHONES[3]]);
    expect(await phonesOf('phone=319&status=calling')).toEqual([PHONES[3]]);
    expect(await phonesOf('phone=0999999999')).toEqual([]);
  });

  it('pages a filtered list with the cursor', async () => {
    const first = (await get('GET', `/v1/campaigns/${campaignId}/calls?status=pending,calling&limit=2`)).json();
    expect(first.items.map((i: { phone: string }) => i.phone)).toEqual([PHONES[3], PHONES[4]]);
    const second = (await get('GET', `/v1/campaigns/${campaignId}/calls?status=pending,calling&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { phone: string }) => i.phone)).toEqual([PHONES[5]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown status or a search that is no number, naming the parameter', async () => {
    const status = await get('GET', `/v1/campaigns/${campaignId}/calls?status=failed,nope`);
    expect(status.json()).toMatchObject({ statusCode: 400, details: [{ field: 'querystring.status', code: 'invalid_value', message: expect.stringContaining('"nope"') }] });
    for (const phone of ['12', 'abc', '%25']) {
      const search = await get('GET', `/v1/campaigns/${campaignId}/calls?phone=${phone}`);
      expect(search.json(), phone).toMatchObject({
        statusCode: 400,
        details: [{ field: 'querystring.phone', code: 'invalid_phone_search', message: 'Search by a phone number (any format) or by at least 3 of its last digits.' }],
      });
    }
  });
});

describe('GET /v1/campaigns/:id/calls.csv filters', () => {
  it('exports what the page shows', async () => {
    const csv = await get('GET', `/v1/campaigns/${campaignId}/calls.csv?status=failed,no_result,answered&phone=${PHONES[1]}`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith(`${PHONES[1]},1,failed,1,`)).toBe(true);
    const bySuffix = await get('GET', `/v1/campaigns/${campaignId}/calls.csv?phone=222`);
    expect(bySuffix.body.trim().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual([PHONES[4]]);
    const bad = await get('GET', `/v1/campaigns/${campaignId}/calls.csv?status=ringing`);
    expect(bad.json()).toMatchObject({ statusCode: 400, details: [{ field: 'querystring.status' }] });
  });
});

describe('GET /v1/campaigns progress', () => {
  it('gives every campaign of the page its progress', async () => {
    const fresh = await get('POST', '/v1/campaigns', campaignBody({ sendTime: NOW + 3_600_000, numberCallPerTime: 2, durationOfEachCall: 60, maxRetryOfDetail: 0 }));
    const page = await get('GET', '/v1/campaigns?limit=50');
    expect(page.statusCode, page.body).toBe(200);
    const byId = new Map(page.json().items.map((c: { id: string }) => [c.id, c]));
    expect((byId.get(campaignId) as { progress: unknown }).progress).toEqual({
      total: 6,
      finished: 3,
      inFlight: 1,
      toDial: 2,
      answerRate: 1 / 3,
      estimatedFinishAt: expect.any(Number),
      nextBatchAt: expect.any(Number),
    });
    // Three numbers, two per minute from an hour ahead: the last batch at +61 min, ringing out a minute.
    expect((byId.get(fresh.json().id) as { progress: unknown }).progress).toEqual({
      total: 3,
      finished: 0,
      inFlight: 0,
      toDial: 3,
      answerRate: null,
      estimatedFinishAt: NOW + 3_600_000 + 2 * 60_000,
      nextBatchAt: NOW + 3_600_000,
    });
  });
});

describe('GET /v1/suppressions total and search', () => {
  it('counts the whole list and finds numbers by their last digits', async () => {
    const key = (await t.createKey()).secret;
    await get('POST', '/v1/suppressions', { phones: ['0395187319', '0901111319', '0912345678'] }, key);
    const all = (await get('GET', '/v1/suppressions?limit=1', undefined, key)).json();
    expect(all).toMatchObject({ total: 3, items: [{ phone: '0395187319' }], nextCursor: expect.any(String) });
    const bySuffix = (await get('GET', '/v1/suppressions?phone=319&limit=1', undefined, key)).json();
    expect(bySuffix).toMatchObject({ total: 3, items: [{ phone: '0395187319' }] });
    const next = (await get('GET', `/v1/suppressions?phone=319&limit=1&cursor=${bySuffix.nextCursor}`, undefined, key)).json();
    expect(next.items.map((i: { phone: string }) => i.phone)).toEqual(['0901111319']);
    expect(next.nextCursor).toBeNull();
    expect((await get('GET', '/v1/suppressions?phone=%2B84912345678', undefined, key)).json().items).toEqual([
      { phone: '0912345678', reason: null, createdAt: expect.any(Number) },
    ]);
    const bad = await get('GET', '/v1/suppressions?phone=ab', undefined, key);
    expect(bad.json()).toMatchObject({ statusCode: 400, details: [{ field: 'querystring.phone', code: 'invalid_phone_search' }] });
  });
});
