import { Worker, type ConnectionOptions } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { createRedisConnection, jobCatalog, scheduleCampaignWakes } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { createOmicallClient } from '@autocall/omicall';
import { testRedisUrl } from '@autocall/testing';
// Test-only: a real provider (no mocks), as in provider-unreachable.test.ts.
import { buildSimulator, simOptions } from '../../omicall-sim/src/index.ts';
import { useDbAndQueues } from './test-support.ts';
import { startWorker } from './worker.ts';

const env = useDbAndQueues();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LOCK_MS = 1_000;

describe('a wake taken by a worker that died', () => {
  it("is run by another worker soon after the dead one's lock lapses, not at BullMQ's default 30 s stall check", async () => {
    const sim = await buildSimulator(simOptions());
    const simUrl = await sim.listen(0);
    cleanups.push(() => sim.close());
    const nowMs = Date.now();
    const campaign = await seedCampaign(env.db.prisma, { nowMs, count: 3, numberCallPerTime: 3 });
    await scheduleCampaignWakes(env.queues, [{ campaignId: campaign.id, atMs: nowMs }], nowMs);

    // The worker that dies: it takes the wake (active, locked for LOCK_MS) and is never heard of
    // again: no lock renewal, no completion.
    const deadConnection = createRedisConnection(testRedisUrl(), { forWorker: true });
    const dead = new Worker(jobCatalog.campaignWake.queue, null, {
      connection: deadConnection as unknown as ConnectionOptions,
      prefix: env.queues.prefix,
      lockDuration: LOCK_MS,
      autorun: false,
    });
    const taken = await dead.getNextJob('dead-worker');
    expect(taken?.data.campaignId).toBe(campaign.id);
    deadConnection.disconnect();

    // A live worker with the same lock duration starts while the dead one's lock still holds, so
    // its first stall check finds nothing; only a later one can give the wake back.
    const provider = createOmicallClient({ baseUrl: simUrl, apiKey: 'sim-api-key', timeoutMs: 2_000 });
    cleanups.push(() => provider.close());
    const worker = startWorker({
      prisma: env.db.prisma,
      queues: env.queues,
      redisUrl: testRedisUrl(),
      provider,
      logger: createLogger({ level: 'silent' }),
      concurrency: 2,
      providerTimeoutMs: 2_000,
      outcomeTimeoutMs: 600_000,
      // The sweep stays out of it: this is about the queue handing the job back.
      sweepIntervalMs: 600_000,
      lockDurationMs: LOCK_MS,
      webhooks: false,
    });
    cleanups.push(() => worker.close());

    // Within a few lock durations; BullMQ's default stall check would leave it untouched for 30 s.
    const sent = () => env.db.prisma.batch.count({ where: { campaignId: campaign.id, status: 'sent' } });
    await expect.poll(sent, { timeout: 10_000, interval: 200 }).toBe(1);
    expect(await env.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ status: 'running' });
  });
});
