import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import { createDatabase, type Database } from './client.ts';
import { purgeOldDials } from './dispatch-screen.ts';

let testDb: TestDatabase;
let db: Database;
beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDatabase(testDb.url);
});
afterAll(async () => {
  await db.close();
  await testDb.drop();
});

describe('purgeOldDials', () => {
  it('removes only dials older than the cut-off', async () => {
    const tenantId = (await db.prisma.tenant.create({ data: { name: 't' } })).id;
    const now = Date.UTC(2026, 0, 2);
    await db.prisma.dialLog.createMany({
      data: [
        { tenantId, phones: ['0395187319', '0395187320'], dialedAt: new Date(now - 30 * 3600_000) },
        { tenantId, phones: ['0395187319'], dialedAt: new Date(now - 3600_000) },
      ],
    });
    expect(await purgeOldDials(db.prisma, now - 25 * 3600_000)).toBe(2);
    expect(await db.prisma.dialLog.count()).toBe(1);
  });
});
