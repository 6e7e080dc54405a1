import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import { authenticate, createFirstAdminKey, revokeApiKey } from './api-keys.ts';
import { createDatabase, type Database } from './client.ts';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDatabase(testDb.url);
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const firstKey = () => db.prisma.$transaction((tx) => createFirstAdminKey(tx));

describe('createFirstAdminKey', () => {
  it('gives a fresh database one admin key for the default tenant, once, even when starts race', async () => {
    const results = await Promise.all([firstKey(), firstKey(), firstKey()]);
    const created = results.filter((r) => r !== null);
    expect(created).toHaveLength(1);
    const [key] = created;
    expect(key!.secret).toMatch(/^ak_[A-Za-z0-9_-]{32}$/);
    const principal = await authenticate(db.prisma, key!.secret, Date.now());
    expect(principal).toEqual({ tenantId: key!.tenantId, apiKeyId: key!.id, role: 'admin' });
    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { id: key!.tenantId } });
    expect(tenant.name).toBe('default');
    // Only the hash is stored: the secret exists nowhere but in the caller's hands.
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key!.id } });
    expect(JSON.stringify(stored)).not.toContain(key!.secret);

    expect(await firstKey()).toBeNull();
    // A database whose keys are all revoked is not a fresh one: no new key appears on restart.
    await revokeApiKey(db.prisma, { id: key!.id, nowMs: Date.now() });
    expect(await firstKey()).toBeNull();
    expect(await db.prisma.apiKey.count()).toBe(1);
  });
});
