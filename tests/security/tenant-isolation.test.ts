// A tenant can never read, change or learn of another tenant's campaigns, numbers, suppression
// list or webhook endpoints. Every /v1 route the app documents is called by tenant B with tenant
// A's ids; the answer must be the same as for an id that does not exist, and A's data must not
// move. Routes added later are covered automatically (they come from the app's OpenAPI document).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../../apps/api/src/test-app.ts';

let t: TestApp;
let a: { secret: string; tenantId: string };
let b: { secret: string; tenantId: string };
const A_PHONES = ['0395187319', '0912345678', '0987654321'];
const A_SUPPRESSED = '0901234567';
const A_HOOK_URL = 'https://tenant-a.example.com/hook';
const ids = { campaign: '', webhook: '' };

type Operation = { security?: unknown[] };

beforeAll(async () => {
  t = await buildTestApp();
  a = await t.createKey({ role: 'member' });
  b = await t.createKey({ role: 'member' });
  const campaign = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(a.secret), payload: campaignBody({ phoneNumbers: A_PHONES }) });
  expect(campaign.statusCode).toBe(201);
  ids.campaign = campaign.json().id;
  const hook = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(a.secret), payload: { url: A_HOOK_URL, events: ['campaign.completed'] } });
  expect(hook.statusCode).toBe(201);
  ids.webhook = hook.json().id;
  const suppressed = await t.app.inject({ method: 'POST', url: '/v1/suppressions', headers: bearer(a.secret), payload: { phones: [A_SUPPRESSED] } });
  expect(suppressed.statusCode).toBeLessThan(300);
});
afterAll(async () => t?.close());

// Tenant A's id for a path parameter, or (foreign = false) an id nobody has.
function fill(path: string, foreign: boolean): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'phone') return foreign ? A_SUPPRESSED : '0909999999';
    if (!foreign) return randomUUID();
    return path.startsWith('/v1/webhooks') ? ids.webhook : ids.campaign;
  });
}

// A body that would be valid for the route, so only ownership can make B's request fail.
function bodyFor(method: string, path: string): Record<string, unknown> | undefined {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (path.endsWith('/numbers')) return { phoneNumbers: ['0933333333'] };
  if (path.endsWith('/call-again')) return { statuses: ['failed', 'no_result', 'unknown', 'cancelled', 'answered'] };
  if (path.endsWith('/validate')) return campaignBody({ phoneNumbers: [A_SUPPRESSED, ...A_PHONES] });
  if (method === 'PATCH') return { name: 'taken over' };
  return {};
}

async function aState() {
  const campaign = await t.app.inject({ method: 'GET', url: `/v1/campaigns/${ids.campaign}`, headers: bearer(a.secret) });
  const calls = await t.app.inject({ method: 'GET', url: `/v1/campaigns/${ids.campaign}/calls`, headers: bearer(a.secret) });
  const hooks = await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(a.secret) });
  const list = await t.app.inject({ method: 'GET', url: '/v1/suppressions', headers: bearer(a.secret) });
  // progress and nextBatchAt (the next slot with a number due, never before now) are computed from
  // "now"; everything stored is compared.
  const { updatedAt: _u, progress: _p, nextBatchAt: _n, ...campaignJson } = campaign.json();
  return { campaign: campaignJson, calls: calls.json(), hooks: hooks.json(), suppressions: list.json() };
}

describe('tenant isolation on every /v1 route', () => {
  it('answers tenant B exactly as for ids that do not exist, leaks nothing, changes nothing', async () => {
    const spec = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const routes = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/v1/') && !path.startsWith('/v1/admin/') && !path.startsWith('/v1/providers/'))
      .flatMap(([path, methods]) => Object.keys(methods).filter((m) => m !== 'head').map((m) => ({ method: m.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const before = await aState();
    const secrets = [ids.campaign, ids.webhook, A_HOOK_URL, A_SUPPRESSED, ...A_PHONES, a.tenantId];
    const checked: string[] = [];

    for (const { method, path } of routes) {
      const payload = bodyFor(method, path);
      const call = (url: string) => t.app.inject({ method: method as 'GET', url, headers: bearer(b.secret), ...(payload ? { payload } : {}) });
      const foreign = await call(fill(path, true));
      // Nothing of A's appears in anything B gets back, success or error.
      for (const s of secrets) expect(foreign.body, `${method} ${path} leaks ${s}`).not.toContain(s);
      if (!path.includes('{')) continue; // collections: B's own (empty) view, checked for leaks above
      expect(foreign.statusCode, `${method} ${path}: ${foreign.body}`).toBeOneOf([403, 404]);
      const missing = await call(fill(path, false));
      // Same status and error code as an id that does not exist: existence cannot be probed.
      expect([foreign.statusCode, foreign.json().code], `${method} ${path}`).toEqual([missing.statusCode, missing.json().code]);
      checked.push(`${method} ${path}`);
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
    expect(await aState()).toEqual(before);
  });

  it('checks a dry run against the caller’s own do-not-call list only', async () => {
    const dryRun = (key: string) => t.app.inject({ method: 'POST', url: '/v1/campaigns/validate', headers: bearer(key), payload: campaignBody({ phoneNumbers: [A_SUPPRESSED] }) });
    expect((await dryRun(a.secret)).json().phones).toMatchObject({ accepted: 0, suppressed: 1 });
    expect((await dryRun(b.secret)).json().phones).toMatchObject({ accepted: 1, suppressed: 0 });
  });

  it('keeps tenant B out of key management and Bull Board (admin only)', async () => {
    const keyId = (await t.app.inject({ method: 'GET', url: '/v1/admin/api-keys', headers: bearer(t.adminKey) })).json().items[0].id;
    const attempts = [
      { method: 'GET', url: '/v1/admin/api-keys' },
      { method: 'POST', url: '/v1/admin/api-keys', payload: { tenant: b.tenantId, role: 'admin' } },
      { method: 'DELETE', url: `/v1/admin/api-keys/${keyId}` },
      { method: 'GET', url: '/admin/queues/api/queues' },
      { method: 'PUT', url: '/admin/queues/api/queues/campaign-wake/empty' },
    ] as const;
    for (const attempt of attempts) {
      const reply = await t.app.inject({ ...attempt, headers: bearer(b.secret) });
      expect(reply.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
    }
    const stillThere = await t.app.inject({ method: 'GET', url: '/v1/admin/api-keys', headers: bearer(t.adminKey) });
    expect(stillThere.json().items.find((k: { id: string }) => k.id === keyId).revokedAt).toBeNull();
  });
});
