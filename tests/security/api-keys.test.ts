// Key management: admin-only routes and the `npm run keys` CLI. Only a hash is stored, the secret
// is shown once, a revoked key stops working at once.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, type TestApp } from '../../apps/api/src/test-app.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let t: TestApp;
let databaseUrl: string;

beforeAll(async () => {
  t = await buildTestApp();
  // The CLI works on the test app's own private database.
  databaseUrl = (t.db.pool.options as { connectionString: string }).connectionString;
});
afterAll(async () => t?.close());

const admin = () => bearer(t.adminKey);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function storedColumns(): Promise<string> {
  const { rows } = await t.db.pool.query('SELECT * FROM api_keys');
  return JSON.stringify(rows);
}

describe('admin key routes', () => {
  it('creates a key for a new tenant, shows the secret once and stores only its hash', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin(), payload: { tenant: 'acme', createTenant: true, name: 'acme backend' } });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({ tenantName: 'acme', tenantCreated: true, role: 'member', name: 'acme backend', revokedAt: null });
    expect(key.secret).toMatch(/^ak_[A-Za-z0-9_-]{32}$/);

    expect((await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer(key.secret) })).statusCode).toBe(200);
    const stored = await storedColumns();
    expect(stored).not.toContain(key.secret);
    expect(stored).toContain(sha256(key.secret));

    const list = await t.app.inject({ method: 'GET', url: `/v1/admin/api-keys?tenantId=${key.tenantId}`, headers: admin() });
    expect(list.json().items).toEqual([expect.objectContaining({ id: key.id, keyPrefix: key.secret.slice(0, 7) })]);
    expect(list.body).not.toContain(key.secret.slice(7));
    expect(list.body).not.toContain(sha256(key.secret));

    // A second key for the same tenant, found by name; no new tenant.
    const again = await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin(), payload: { tenant: 'acme', role: 'admin' } });
    expect(again.json()).toMatchObject({ tenantId: key.tenantId, tenantCreated: false, role: 'admin' });
  });

  it('revokes a key at once; unknown tenants and repeated revokes are 404', async () => {
    const key = (await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin(), payload: { tenant: 'revoke-me', createTenant: true } })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/admin/api-keys/${key.id}`, headers: admin() })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer(key.secret) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/admin/api-keys/${key.id}`, headers: admin() })).statusCode).toBe(404);
    const missing = await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin(), payload: { tenant: 'nobody-by-this-name' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('tenant_not_found');
  });

  it('refuses member keys and anonymous callers', async () => {
    const member = await t.createKey({ role: 'member' });
    for (const headers of [bearer(member.secret), {}]) {
      const reply = await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers, payload: { tenant: member.tenantId, role: 'admin' } });
      expect([401, 403]).toContain(reply.statusCode);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/admin/api-keys', headers: bearer(member.secret) })).statusCode).toBe(403);
  });
});

describe('npm run keys', () => {
  const keys = (...args: string[]) =>
    run(process.execPath, ['scripts/keys.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });

  it('creates (tenant too), lists and revokes keys from a shell', { timeout: 60_000 }, async () => {
    const created = await keys('create', '--tenant', 'cli-tenant', '--admin', '--name', 'ops');
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^ak_/);
    expect(created.stderr).toMatch(/created tenant cli-tenant/);
    expect((await t.app.inject({ method: 'GET', url: '/v1/admin/api-keys', headers: bearer(secret) })).statusCode).toBe(200);

    const listed = await keys('list', '--tenant', 'cli-tenant');
    expect(listed.stdout).toContain(secret.slice(0, 7));
    expect(listed.stdout).not.toContain(secret);
    const id = listed.stdout.split(/\s+/)[0]!;

    expect((await keys('revoke', id)).stdout).toContain(`revoked ${id}`);
    expect((await t.app.inject({ method: 'GET', url: '/v1/campaigns', headers: bearer(secret) })).statusCode).toBe(401);
    await expect(keys('revoke', id)).rejects.toMatchObject({ code: 1 });
  });
});
