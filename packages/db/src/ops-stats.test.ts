import { describe, expect, it } from 'vitest';
import { pauseForProvider } from './batches.ts';
import { changeCampaignStatus } from './lifecycle.ts';
import { readOpsStats } from './ops-stats.ts';
import { seedCampaign, useTestDb } from './test-fixtures.ts';
import { createWebhookEndpoint } from './webhooks.ts';

const T0 = Date.UTC(2026, 0, 5, 2);
const env = useTestDb();

describe('readOpsStats', () => {
  it('counts live campaigns by status, provider pauses by reason, and the outbox backlog', async () => {
    const { prisma } = env.db;
    const empty = await readOpsStats(prisma, T0);
    expect(empty).toEqual({ campaignsByStatus: [], pausedByProvider: [], outboxPending: 0, outboxOldestDueAtMs: null });

    const a = await seedCampaign(prisma, { nowMs: T0 });
    const b = await seedCampaign(prisma, { nowMs: T0, tenantId: a.tenantId });
    const c = await seedCampaign(prisma, { nowMs: T0, tenantId: a.tenantId });
    const d = await seedCampaign(prisma, { nowMs: T0, tenantId: a.tenantId });
    await seedCampaign(prisma, { nowMs: T0, tenantId: a.tenantId });
    // Finished campaigns are history, not counted.
    await changeCampaignStatus(prisma, 'cancel', { tenantId: a.tenantId, campaignId: d.id, actor: 'test', nowMs: T0 });
    await pauseForProvider(prisma, a.id, 'provider_unavailable', '5 attempts failed', T0);
    await pauseForProvider(prisma, b.id, 'provider_unavailable', '5 attempts failed', T0);
    // A user pause carries no reason: it is not the provider's doing.
    const paused = await changeCampaignStatus(prisma, 'pause', { tenantId: a.tenantId, campaignId: c.id, actor: 'test', nowMs: T0 });
    expect(paused.ok).toBe(true);

    const endpoint = await createWebhookEndpoint(prisma, { tenantId: a.tenantId, url: 'https://example.com/h', events: ['campaign.paused'], secret: 's', nowMs: T0 });
    await prisma.webhookDelivery.createMany({
      data: [
        { endpointId: endpoint.id, eventType: 'campaign.paused', payload: {}, nextAttemptAt: new Date(T0 - 90_000) },
        { endpointId: endpoint.id, eventType: 'campaign.paused', payload: {}, nextAttemptAt: new Date(T0 - 5_000) },
        // Waiting for its retry time: pending, but not yet due.
        { endpointId: endpoint.id, eventType: 'campaign.paused', payload: {}, nextAttemptAt: new Date(T0 + 60_000) },
        { endpointId: endpoint.id, eventType: 'campaign.paused', payload: {}, status: 'delivered', nextAttemptAt: new Date(T0 - 200_000) },
      ],
    });

    const stats = await readOpsStats(prisma, T0);
    expect(stats.campaignsByStatus.sort((x, y) => x.status.localeCompare(y.status))).toEqual([
      { status: 'paused', campaigns: 3 },
      { status: 'scheduled', campaigns: 1 },
    ]);
    expect(stats.pausedByProvider).toEqual([{ reason: 'provider_unavailable', campaigns: 2 }]);
    expect(stats.outboxPending).toBe(3);
    expect(stats.outboxOldestDueAtMs).toBe(T0 - 90_000);
  });
});
