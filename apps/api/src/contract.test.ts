import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContractChecker, type ContractChecker, type OpenApiDocument } from './contract.ts';
import { bearer, buildTestApp, campaignBody, type TestApp } from './test-app.ts';

let t: TestApp;
let checker: ContractChecker;
beforeAll(async () => {
  t = await buildTestApp();
  checker = createContractChecker(t.app.swagger() as unknown as OpenApiDocument);
});
afterAll(() => t?.close());

const JSON_TYPE = 'application/json; charset=utf-8';

describe('the contract check of the test app', () => {
  it('checks every reply of the tests against the served document', async () => {
    const before = t.contract.checked;
    const created = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody() });
    expect(created.statusCode).toBe(201);
    await t.app.inject({ method: 'GET', url: `/v1/campaigns/${created.json().id}`, headers: bearer(t.adminKey) });
    await t.app.inject({ method: 'GET', url: '/v1/campaigns/00000000-0000-4000-8000-000000000000', headers: bearer(t.adminKey) });
    expect(t.contract.checked - before).toBe(3);
    expect(t.contract.violations).toEqual([]);
  });

  it('fails a reply whose body, status or media type the operation does not document', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody() });
    const real = await t.app.inject({ method: 'GET', url: `/v1/campaigns/${created.json().id}`, headers: bearer(t.adminKey) });
    const reply = { method: 'GET', route: '/v1/campaigns/:id', statusCode: 200, contentType: JSON_TYPE, body: real.body };
    expect(checker.check(reply)).toEqual([]);

    const { status: _status, ...withoutStatus } = real.json();
    expect(checker.check({ ...reply, body: JSON.stringify(withoutStatus) })).toEqual([expect.stringMatching(/does not match.*must have required property 'status'/)]);
    const wrongType = { ...real.json(), numbers: { ...real.json().numbers, accepted: '3' } };
    expect(checker.check({ ...reply, body: JSON.stringify(wrongType) })).toEqual([expect.stringMatching(/\/numbers\/accepted must be integer/)]);
    expect(checker.check({ ...reply, body: JSON.stringify({ ...real.json(), status: 'sleeping' }) })).toHaveLength(1);
    expect(checker.check({ ...reply, statusCode: 418 })).toEqual([expect.stringMatching(/status not documented/)]);
    expect(checker.check({ ...reply, contentType: 'text/html' })).toEqual([expect.stringMatching(/media type "text\/html" not documented/)]);
    expect(checker.check({ ...reply, statusCode: 404, body: JSON.stringify({ statusCode: 404, message: 'x' }) })).toEqual([
      expect.stringMatching(/must have required property 'code'/),
    ]);
    expect(checker.check({ method: 'DELETE', route: '/v1/suppressions/:phone', statusCode: 204, contentType: undefined, body: 'x' })).toEqual([
      expect.stringMatching(/documented without a body/),
    ]);
    // Routes outside the document (the docs UI, Bull Board) are not the contract.
    expect(checker.check({ method: 'GET', route: '/docs/json', statusCode: 200, contentType: JSON_TYPE, body: '{}' })).toEqual([]);
  });
});
