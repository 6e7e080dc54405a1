import { describe, expect, it } from 'vitest';
import { moveCampaign } from './campaign-moves.ts';
import { transaction } from './sql.ts';
import { seedCampaign, useTestDb } from './test-fixtures.ts';
import { createWebhookEndpoint } from './webhooks.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

// The move's update, its audit event and its webhook leave in one round trip; the two writes must
// follow the update, never happen without it.
describe('moveCampaign', () => {
  async function subscribedCampaign() {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    await createWebhookEndpoint(db.prisma, { tenantId: c.tenantId, url: 'https://example.com/h', events: ['campaign.started'], secret: 's', nowMs: T0 });
    return c;
  }
  const trail = async (campaignId: string) => ({
    events: (await db.prisma.campaignEvent.findMany({ where: { campaignId }, orderBy: { id: 'asc' } })).map((e) => [e.fromStatus, e.toStatus, e.actor]),
    webhooks: (await db.prisma.webhookDelivery.findMany({ where: { payload: { path: ['campaignId'], equals: campaignId } } })).map((d) => d.eventType),
  });
  const start = (campaignId: string, from: 'scheduled' | 'running') =>
    transaction(db.prisma, async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
      return moveCampaign(tx, { campaignId, from, action: 'start', actor: 'worker', nowMs: T0 + 1_000 });
    });

  it('a start writes the new status, its audit event and its webhook', async () => {
    const c = await subscribedCampaign();
    expect(await start(c.id, 'scheduled')).toBe('running');
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('running');
    expect(await trail(c.id)).toEqual({ events: [[null, 'scheduled', 'test'], ['scheduled', 'running', 'worker']], webhooks: ['campaign.started'] });
  });

  it('a move from a status the campaign has left changes nothing and records nothing', async () => {
    const c = await subscribedCampaign();
    await db.prisma.campaign.update({ where: { id: c.id }, data: { status: 'paused' } });
    const before = await trail(c.id);
    expect(await start(c.id, 'scheduled')).toBeNull();
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('paused');
    expect(await trail(c.id)).toEqual(before);
  });
});
