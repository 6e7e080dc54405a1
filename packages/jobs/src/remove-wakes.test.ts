import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@autocall/testing';
import { campaignWakeJobId } from './catalog.ts';
import { createQueues, scheduleCampaignWakes, type Queues } from './queues.ts';
import { removeCampaignWakes } from './remove-wakes.ts';

const prefix = uniqueQueuePrefix();
let queues: Queues;
beforeAll(() => {
  queues = createQueues({ redisUrl: testRedisUrl(), prefix });
});
afterAll(async () => {
  await queues?.close();
  await cleanupRedisPrefix(testRedisUrl(), prefix);
});

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const idsOf = async (...states: ('delayed' | 'waiting')[]) => (await queues.campaignWake.getJobs(states)).map((j) => j.id).sort();

describe('removeCampaignWakes', () => {
  it("removes every delayed and waiting wake of one campaign and leaves other campaigns' wakes alone", async () => {
    const nowMs = Date.now();
    // A: a wake due now (waiting), the next slot and two outcome deadlines a retry overtook (delayed).
    await scheduleCampaignWakes(
      queues,
      [nowMs, nowMs + 30_000, nowMs + 1_800_000, nowMs + 1_900_000].map((atMs) => ({ campaignId: A, atMs })),
      nowMs,
    );
    await scheduleCampaignWakes(queues, [{ campaignId: B, atMs: nowMs + 30_000 }, { campaignId: B, atMs: nowMs }], nowMs);
    expect(await idsOf('waiting')).toEqual([campaignWakeJobId(A, nowMs), campaignWakeJobId(B, nowMs)].sort());

    expect(await removeCampaignWakes(queues, A)).toBe(4);
    expect(await idsOf('delayed', 'waiting')).toEqual([campaignWakeJobId(B, nowMs), campaignWakeJobId(B, nowMs + 30_000)].sort());
    // Nothing left: a second removal is a no-op.
    expect(await removeCampaignWakes(queues, A)).toBe(0);
  });

  it('finds the wakes among many other campaigns', async () => {
    const nowMs = Date.now();
    const others = Array.from({ length: 2_500 }, (_, i) => ({ campaignId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, atMs: nowMs + 60_000 + i }));
    await scheduleCampaignWakes(queues, others, nowMs);
    await scheduleCampaignWakes(queues, [{ campaignId: A, atMs: nowMs + 90_000 }, { campaignId: A, atMs: nowMs + 95_000 }], nowMs);
    expect(await removeCampaignWakes(queues, A)).toBe(2);
    expect(await queues.campaignWake.getJobCountByTypes('delayed')).toBe(2_500 + 1);
  });
});
