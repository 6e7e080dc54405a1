import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@autocall/db';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { campaignWakeJobId, createQueues, type Queues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix, type TestDatabase } from '@autocall/testing';
import { sweepOnce } from './sweep.ts';

let testDb: TestDatabase;
let db: Database;
let queues: Queues;
const prefix = uniqueQueuePrefix();
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDatabase(testDb.url);
  queues = createQueues({ redisUrl: testRedisUrl(), prefix });
});
afterAll(async () => {
  await queues.close();
  await db.close();
  await cleanupRedisPrefix(testRedisUrl(), prefix);
  await testDb.drop();
});

describe('sweepOnce', () => {
  it('queues the wake of a campaign that was committed but never enqueued', async () => {
    const nowMs = Date.now();
    // Stored directly: as if the API process died between its commit and its enqueue.
    const campaign = await seedCampaign(db.prisma, { nowMs: nowMs + 10_000 });
    await sweepOnce({ prisma: db.prisma, queues, logger, now: () => nowMs, horizonMs: 60_000 });
    const job = await queues.campaignWake.getJob(campaignWakeJobId(campaign.id, nowMs + 10_000));
    expect(job?.data).toEqual({ campaignId: campaign.id, atMs: nowMs + 10_000 });
    expect(await job?.isDelayed()).toBe(true);
  });

  it('rebuilds every live campaign from Postgres after Redis lost its data', async () => {
    const nowMs = Date.now();
    // Far beyond the sweep horizon: only a full rebuild brings it back.
    const far = await seedCampaign(db.prisma, { nowMs: nowMs + 86_400_000 });
    await sweepOnce({ prisma: db.prisma, queues, logger, now: () => nowMs, horizonMs: 60_000 });
    await cleanupRedisPrefix(testRedisUrl(), prefix);
    expect(await queues.campaignWake.getJob(campaignWakeJobId(far.id, nowMs + 86_400_000))).toBeUndefined();

    const result = await sweepOnce({ prisma: db.prisma, queues, logger, now: () => nowMs, horizonMs: 60_000 });
    expect(result.rebuilt).toBe(true);
    expect(await queues.campaignWake.getJob(campaignWakeJobId(far.id, nowMs + 86_400_000))).toBeDefined();
    // The marker is back: the next sweep only looks at wakes due soon.
    expect((await sweepOnce({ prisma: db.prisma, queues, logger, now: () => nowMs, horizonMs: 60_000 })).rebuilt).toBe(false);
  });
});
