import { describe, expect, it } from 'vitest';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { campaignWakeJobId } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { cleanupRedisPrefix, testRedisUrl } from '@autocall/testing';
import { OVERDUE_GRACE_MS, sweepOnce } from './sweep.ts';
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

  it('leaves alone wakes a worker may be holding or running, and queues them again once they are overdue', async () => {
    const nowMs = Date.now();
    const sweep = (atMs: number) => sweepOnce({ prisma: env.db.prisma, queues: env.queues, logger, now: () => atMs, horizonMs: 60_000 });
    await sweep(nowMs); // sets the marker: later sweeps are regular ones, not rebuilds
    // Due in 500 ms: its job has already been handed to a worker, which holds it in memory.
    const held = await seedCampaign(env.db.prisma, { nowMs: nowMs + 500 });
    // Leased: a worker is sending its batch; next_wake_at is the lease end.
    const leased = await seedCampaign(env.db.prisma, { nowMs: nowMs + 20_000 });
    await env.db.prisma.campaign.update({
      where: { id: leased.id },
      data: { status: 'running', leaseOwner: 'w-1', leaseUntil: new Date(nowMs + 20_000) },
    });

    await sweep(nowMs);
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(held.id, nowMs + 500))).toBeUndefined();
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(leased.id, nowMs + 20_000))).toBeUndefined();

    // The holder died: once the wake is more than the grace late, the sweep queues it.
    await sweep(nowMs + 500 + OVERDUE_GRACE_MS - 1);
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(held.id, nowMs + 500))).toBeUndefined();
    await sweep(nowMs + 500 + OVERDUE_GRACE_MS + 1);
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(held.id, nowMs + 500))).toBeDefined();
    // Likewise a lease that lapsed.
    await sweep(nowMs + 20_000 + OVERDUE_GRACE_MS + 1);
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(leased.id, nowMs + 20_000))).toBeDefined();
  });
});
