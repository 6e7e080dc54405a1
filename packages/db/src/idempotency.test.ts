import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import { createTenant } from './api-keys.ts';
import { createDatabase, type Database } from './client.ts';
import { claimIdempotencyKey, completeIdempotencyKey, purgeExpiredIdempotencyKeys, releaseIdempotencyKey } from './idempotency.ts';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 24 * 3600 * 1000;
let testDb: TestDatabase;
let db: Database;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDatabase(testDb.url);
  tenantId = (await createTenant(db.prisma, 'idem')).id;
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const claim = (key: string, requestHash: string, nowMs: number) =>
  claimIdempotencyKey(db.prisma, { tenantId, key, requestHash, nowMs, ttlMs: DAY, staleMs: 60_000 });

describe('idempotency keys', () => {
  it('hands a key to one request, then replays its stored reply', async () => {
    expect(await claim('k1', 'h1', T0)).toEqual({ kind: 'new' });
    expect(await claim('k1', 'h1', T0 + 1)).toEqual({ kind: 'in_progress' });
    expect(await claim('k1', 'h2', T0 + 1)).toEqual({ kind: 'mismatch' });
    await completeIdempotencyKey(db.prisma, { tenantId, key: 'k1', status: 201, body: { id: 'c1' } });
    expect(await claim('k1', 'h1', T0 + 2)).toEqual({ kind: 'replay', status: 201, body: { id: 'c1' } });
  });

  it('gives exactly one of many concurrent claims the key', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => claim('k-race', 'h', T0)));
    expect(results.filter((r) => r.kind === 'new')).toHaveLength(1);
  });

  it('frees a released key, a stale in-progress key, and an expired key', async () => {
    await claim('k2', 'h', T0);
    await releaseIdempotencyKey(db.prisma, { tenantId, key: 'k2' });
    expect(await claim('k2', 'other', T0)).toEqual({ kind: 'new' });
    // Its request died: after staleMs the key may be taken over.
    expect(await claim('k2', 'other', T0 + 61_000)).toEqual({ kind: 'new' });

    await completeIdempotencyKey(db.prisma, { tenantId, key: 'k2', status: 200, body: null });
    expect((await claim('k2', 'other', T0 + DAY - 1)).kind).toBe('replay');
    expect(await claim('k2', 'new-body', T0 + 61_000 + DAY)).toEqual({ kind: 'new' });
  });

  it('purges expired keys in bulk', async () => {
    await claim('k3', 'h', T0);
    const purged = await purgeExpiredIdempotencyKeys(db.prisma, T0 + 30 * DAY);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.idempotencyKey.count({ where: { key: 'k3' } })).toBe(0);
  });
});
