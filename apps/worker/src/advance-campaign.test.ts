import { describe, expect, it } from 'vitest';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { campaignWakeJobId, scheduleCampaignWakes } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import type { DispatchResult, ExecuteByPhoneRequest } from '@autocall/omicall';
import { advanceCampaign, type AdvanceDeps } from './advance-campaign.ts';
import { useDbAndQueues } from './test-support.ts';

const env = useDbAndQueues();
const wakesOf = async (campaignId: string) =>
  (await env.queues.campaignWake.getJobs(['delayed', 'waiting'])).filter((j) => j.data.campaignId === campaignId).map((j) => j.data.atMs).sort((a, b) => a - b);

// After a slot is accepted the campaign is handed back with its next wake in the same write, and
// that wake waits in memory (near and not busy) or in Redis (otherwise).
function setup(options: { canHold: boolean }) {
  const sent: ExecuteByPhoneRequest[] = [];
  const held: { campaignId: string; atMs: number }[] = [];
  const deps: AdvanceDeps = {
    prisma: env.db.prisma,
    queues: env.queues,
    provider: {
      async executeByPhone(request: ExecuteByPhoneRequest): Promise<DispatchResult> {
        sent.push(request);
        return { kind: 'accepted', sessionId: `s-${request.name}`, raw: {} } as DispatchResult;
      },
    },
    logger: createLogger({ level: 'silent' }),
    now: Date.now,
    workerId: 'w-test',
    leaseMs: 10_000,
    outcomeTimeoutMs: 600_000,
    budgetMs: 5_000,
    maxRequestAttempts: 3,
    wakeAt: (campaignId, atMs) => (held.push({ campaignId, atMs }), true),
    canHold: () => options.canHold,
  };
  return { deps, sent, held };
}

describe('advanceCampaign after an accepted slot', () => {
  it('hands the campaign back with the next slot time and holds that wake in memory', async () => {
    const nowMs = Date.now();
    const campaign = await seedCampaign(env.db.prisma, { nowMs, count: 8, numberCallPerTime: 4, durationOfEachCall: 5 });
    const { deps, sent, held } = setup({ canHold: true });
    await advanceCampaign(deps, campaign.id);

    expect(sent).toHaveLength(1);
    expect(held).toEqual([{ campaignId: campaign.id, atMs: nowMs + 5_000 }]);
    const row = await env.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect({ owner: row.leaseOwner, wake: row.nextWakeAt?.getTime() }).toEqual({ owner: null, wake: nowMs + 5_000 });
    expect(await env.queues.campaignWake.getJob(campaignWakeJobId(campaign.id, nowMs + 5_000))).toBeUndefined();
  });

  it('queues the next wake in Redis when the worker is busy', async () => {
    const nowMs = Date.now();
    const campaign = await seedCampaign(env.db.prisma, { nowMs, count: 8, numberCallPerTime: 4, durationOfEachCall: 5 });
    const { deps, sent, held } = setup({ canHold: false });
    await advanceCampaign(deps, campaign.id);

    expect(sent).toHaveLength(1);
    expect(held).toEqual([]);
    const job = await env.queues.campaignWake.getJob(campaignWakeJobId(campaign.id, nowMs + 5_000));
    expect(job?.data).toEqual({ campaignId: campaign.id, atMs: nowMs + 5_000 });
  });
});

describe('advanceCampaign when the campaign completes', () => {
  it('removes every wake the campaign still has in Redis', async () => {
    let clock = Date.now();
    const campaign = await seedCampaign(env.db.prisma, { nowMs: clock, count: 2, numberCallPerTime: 4, durationOfEachCall: 5 });
    const { deps, sent } = setup({ canHold: false });
    const worker = { ...deps, now: () => clock };
    await advanceCampaign(worker, campaign.id);
    expect(sent).toHaveLength(1);
    // Nothing left to dial: the campaign sleeps until its calls' outcome deadline, queued in Redis,
    // next to a wake some earlier schedule left for later.
    const deadline = clock + 600_000;
    await scheduleCampaignWakes(env.queues, [{ campaignId: campaign.id, atMs: deadline + 300_000 }], clock);
    expect(await wakesOf(campaign.id)).toEqual([deadline, deadline + 300_000]);

    // No outcome by the deadline: the calls become no_result and the claim completes the campaign.
    clock = deadline + 1;
    await advanceCampaign(worker, campaign.id);
    expect(await env.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ status: 'completed', nextWakeAt: null });
    expect(await wakesOf(campaign.id)).toEqual([]);
  });
});
