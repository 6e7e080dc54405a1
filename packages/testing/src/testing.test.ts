import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix, waitFor } from './index.ts';

describe('createTestDatabase', () => {
  it('gives a private, migrated database that drop() removes even with a connection open', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    client.on('error', () => undefined); // the forced drop kills this session on purpose
    const { rows } = await client.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations`);
    expect(rows.length).toBeGreaterThan(0);
    await client.query(`INSERT INTO tenants (id, name) VALUES (gen_random_uuid(), 'only here')`);

    const other = await createTestDatabase();
    const count = await new pg.Client({ connectionString: other.url });
    await count.connect();
    expect((await count.query('SELECT count(*)::int AS n FROM tenants')).rows).toEqual([{ n: 0 }]);
    await count.end();
    await other.drop();

    await db.drop();
    await client.end().catch(() => undefined);
    const admin = new pg.Client({ connectionString: db.url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    expect((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name])).rowCount).toBe(0);
    await admin.end();
  });
});

describe('redis helpers', () => {
  it('deletes the keys under a prefix and nothing else', async () => {
    const prefix = uniqueQueuePrefix();
    const neighbour = uniqueQueuePrefix();
    expect(prefix).toMatch(/^t[0-9a-f]{12}$/);
    const redis = new Redis(testRedisUrl());
    try {
      await redis.set(`${prefix}:a`, '1');
      await redis.set(`${prefix}:queue:b`, '1');
      await redis.set(`${neighbour}:a`, '1');
      await cleanupRedisPrefix(testRedisUrl(), prefix);
      expect(await redis.exists(`${prefix}:a`, `${prefix}:queue:b`)).toBe(0);
      expect(await redis.exists(`${neighbour}:a`)).toBe(1);
    } finally {
      await cleanupRedisPrefix(testRedisUrl(), neighbour);
      redis.disconnect();
    }
  });
});

describe('waitFor', () => {
  it('returns the first truthy-enough value', async () => {
    let calls = 0;
    const value = await waitFor(async () => (++calls >= 3 ? calls : undefined), { intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('keeps a falsy-but-real value such as 0', async () => {
    expect(await waitFor(async () => 0)).toBe(0);
  });

  it('fails after the deadline with the message and the last error', async () => {
    const failure = await waitFor(
      async () => {
        throw new Error('not yet');
      },
      { timeoutMs: 30, intervalMs: 5, message: 'batch never sent' },
    ).catch((error: Error) => error);
    expect(failure.message).toMatch(/timed out after 30 ms: batch never sent/);
    expect((failure.cause as Error).message).toBe('not yet');
  });
});
