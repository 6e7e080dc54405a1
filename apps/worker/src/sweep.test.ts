import { describe, expect, it } from 'vitest';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { campaignWakeJobId } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { cleanupRedisPrefix, testRedisUrl } from '@autocall/testing';
import { sweepOnce } from './sweep.ts';
import { useDbAndQueues } from './test-support.ts';

const env = useDbAndQueues();
const logger = createLogger({ level: 'silent' });

describe('sweepOnce', () => {
  it('queues the wake of a campaign that was committed but never enqueued', async () => {
    const nowMs = Date.now();
    // Stored directly: as if the API process died between its commit and its enqueue.
    const campaign = await seedCampaign(env.db.prisma, { nowMs: nowMs + 10_000 });
    await sweepOnce({ prisma: env.db.prisma, queues: env.queues, logger, now: () => nowMs, horizonMs: 60_000 });
    const job = await env.queues.campaignWake.getJob(campaignWakeJobId(campaign.id, nowMs + 10_000));
    expect(job?.data).toEqual({ campaignId: campaign.id, atMs: nowMs + 10_000 });
    expect(await job?.isDelayed()).toBe(true);
  });

  it('rebuilds every live campaign from Postgres after Redis lost its data', async () => {
    const nowMs = Date.now();
    // Far beyond the sweep horizon: only a full rebuild brings it back.
    const far = await seedCampaign(env.db.prisma, { nowMs: nowMs + 86_400_000 });
    await sweepOnce({ prisma: env.db.prisma, queues: env.queues, logger, now: () => nowMs, horizonMs: 60_000 });
    await cleanupRedisPrefix(testRedisUrl(), env.queues.prefix);
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(far.id, nowMs + 86_400_000))).toBeUndefined();

    const result = await sweepOnce({ prisma: env.db.prisma, queues: env.queues, logger, now: () => nowMs, horizonMs: 60_000 });
    expect(result.rebuilt).toBe(true);
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(far.id, nowMs + 86_400_000))).toBeDefined();
    // The marker is back: the next sweep only looks at wakes due soon.
    expect((await sweepOnce({ prisma: env.db.prisma, queues: env.queues, logger, now: () => nowMs, horizonMs: 60_000 })).rebuilt).toBe(false);
  });
});
