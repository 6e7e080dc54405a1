import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../test-app.ts';
import { phoneCell } from './lines.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, key = t.adminKey) {
  const response = await t.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

function multipart(content: string, filename = 'list.csv') {
  const boundary = '----autocall-test-boundary';
  const payload =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n` +
    `${content}\r\n--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the do-not-call list', () => {
  it('adds numbers normalised, reporting added, duplicated and invalid', async () => {
    const { tenantId, secret } = await t.createKey();
    const added = await call('POST', '/v1/suppressions', { phones: ['0395187319', '+84395187319', '0912345678', 'abc'], reason: 'asked' }, secret);
    expect(added).toMatchObject({ status: 200, body: { added: 2, duplicated: 1, invalid: 1, invalidExamples: [{ input: 'abc', position: 3 }] } });
    const again = await call('POST', '/v1/suppressions', { phones: ['84912345678'] }, secret);
    expect(again.body).toMatchObject({ added: 0, duplicated: 1, invalid: 0 });
    const rows = await t.db.prisma.suppressedNumber.findMany({ where: { tenantId }, orderBy: { phone: 'asc' } });
    expect(rows.map((r) => [r.phone, r.reason])).toEqual([['0395187319', 'asked'], ['0912345678', 'asked']]);
  });

  it('lists page by page, looks one number up, and removes one', async () => {
    const { secret } = await t.createKey();
    const phones = Array.from({ length: 5 }, (_, i) => `09${String(20_000_000 + i).padStart(8, '0')}`);
    await call('POST', '/v1/suppressions', { phones }, secret);
    const first = await call('GET', '/v1/suppressions?limit=3', undefined, secret);
    const second = await call('GET', `/v1/suppressions?limit=3&cursor=${first.body.nextCursor}`, undefined, secret);
    expect([...first.body.items, ...second.body.items].map((i: { phone: string }) => i.phone)).toEqual(phones);
    expect(second.body.nextCursor).toBeNull();
    const one = await call('GET', `/v1/suppressions?phone=${encodeURIComponent('+84' + phones[2]!.slice(1))}`, undefined, secret);
    expect(one.body.items).toEqual([{ phone: phones[2], reason: null, createdAt: expect.any(Number) }]);

    expect((await call('DELETE', `/v1/suppressions/${phones[2]}`, undefined, secret)).status).toBe(204);
    expect(await call('DELETE', `/v1/suppressions/${phones[2]}`, undefined, secret)).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await call('DELETE', '/v1/suppressions/notaphone', undefined, secret)).toMatchObject({ status: 400, body: { code: 'invalid_phone' } });
    expect((await call('GET', `/v1/suppressions?phone=${phones[2]}`, undefined, secret)).body.items).toEqual([]);
  });

  it('keeps each tenant’s list to itself', async () => {
    const a = await t.createKey();
    const b = await t.createKey();
    await call('POST', '/v1/suppressions', { phones: ['0395187319'] }, a.secret);
    expect((await call('GET', '/v1/suppressions', undefined, b.secret)).body.items).toEqual([]);
    expect((await call('DELETE', '/v1/suppressions/0395187319', undefined, b.secret)).status).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/v1/suppressions' })).statusCode).toBe(401);
  });

  it('takes a CSV or newline file upload, skipping a header line', async () => {
    const { tenantId, secret } = await t.createKey();
    const body = multipart('phone,name\n0395187319,An\n"+84912345678",Binh\n\n0395187319,again\nnot-a-number\r\n0987654321');
    const response = await t.app.inject({ method: 'POST', url: '/v1/suppressions/upload?reason=complaint', headers: { ...bearer(secret), ...body.headers }, payload: body.payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ added: 3, duplicated: 1, invalid: 1, invalidExamples: [{ input: 'not-a-number', reason: expect.any(String), line: 6 }] });
    const rows = await t.db.prisma.suppressedNumber.findMany({ where: { tenantId } });
    expect(rows.map((r) => r.reason)).toEqual(['complaint', 'complaint', 'complaint']);
  });

  it('refuses an upload that is not multipart', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/suppressions/upload', headers: { ...bearer(t.adminKey), 'content-type': 'application/json' }, payload: '{}' });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });

  it('stores suppressed numbers of a new campaign as suppressed and reports them', async () => {
    const { secret } = await t.createKey();
    await call('POST', '/v1/suppressions', { phones: ['0912345678'] }, secret);
    const created = await call('POST', '/v1/campaigns', campaignBody({ sendTime: Date.now() + 3_600_000 }), secret);
    expect(created.status).toBe(201);
    expect(created.body.phones).toMatchObject({ accepted: 2, suppressed: 1, duplicated: 0, invalid: 0 });
    const calls = await call('GET', `/v1/campaigns/${created.body.id}/calls`, undefined, secret);
    expect(calls.body.items.map((i: { phone: string; status: string }) => [i.phone, i.status])).toEqual([
      ['0395187319', 'pending'],
      ['0912345678', 'suppressed'],
      ['0987654321', 'pending'],
    ]);
  });
});

describe('phoneCell', () => {
  it('takes the first cell of a CSV line, unquoted', () => {
    expect(phoneCell(' 0395187319 ')).toBe('0395187319');
    expect(phoneCell('"0395187319";x')).toBe('0395187319');
    expect(phoneCell('0395187319\tAn')).toBe('0395187319');
  });
});
