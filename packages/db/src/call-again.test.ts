import { describe, expect, it } from 'vitest';
import { createTenant } from './api-keys.ts';
import { createCallAgainCampaign, type CallAgainCampaign } from './call-again.ts';
import { addSuppressions } from './suppressions.ts';
import { seedCampaign, useTestDb } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

function again(tenantId: string, sourceCampaignId: string, statuses: string[]): CallAgainCampaign {
  return {
    tenantId,
    sourceCampaignId,
    statuses,
    name: 'again',
    sendTimeMs: T0 + 3_600_000,
    numberCallPerTime: 2,
    durationOfEachCall: 30,
    maxRetryOfDetail: 1,
    retryAfterSeconds: 60,
    scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
    numberCallOuts: [],
    source: 'native',
    actor: 'api-key:test',
    nowMs: T0 + 1_000,
  };
}

async function setStatuses(campaignId: string, byPosition: Record<number, string>) {
  for (const [position, status] of Object.entries(byPosition)) {
    await db.prisma.$executeRaw`UPDATE campaign_numbers SET status = ${status}::call_status, attempts = 2 WHERE campaign_id = ${campaignId}::uuid AND position = ${Number(position)}`;
  }
}

const counts = async () => ({ campaigns: await db.prisma.campaign.count(), numbers: await db.prisma.campaignNumber.count(), events: await db.prisma.campaignEvent.count() });

describe('createCallAgainCampaign', () => {
  it('copies exactly the numbers in the statuses asked for, in list order, fresh, with the do-not-call list checked again', async () => {
    const source = await seedCampaign(db.prisma, { nowMs: T0, count: 8 });
    await setStatuses(source.id, { 1: 'failed', 2: 'answered', 4: 'no_result', 5: 'failed', 6: 'unknown', 7: 'no_result' });
    await addSuppressions(db.prisma, { tenantId: source.tenantId, phones: [source.phones[5]!], reason: null, nowMs: T0 });
    const outcome = await createCallAgainCampaign(db.prisma, again(source.tenantId, source.id, ['failed', 'no_result']));
    expect(outcome).toMatchObject({ kind: 'created', accepted: 3, suppressed: 1 });
    const id = (outcome as { id: string }).id;
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: id }, orderBy: { position: 'asc' } });
    expect(numbers.map((n) => [n.position, n.phone, n.status, n.attempts, n.nextAttemptAt?.getTime()])).toEqual([
      [0, source.phones[1], 'pending', 0, T0 + 3_600_000],
      [1, source.phones[4], 'pending', 0, T0 + 3_600_000],
      [2, source.phones[5], 'suppressed', 0, T0 + 3_600_000],
      [3, source.phones[7], 'pending', 0, T0 + 3_600_000],
    ]);
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(campaign).toMatchObject({ status: 'scheduled', acceptedCount: 3, name: 'again', nextWakeAt: new Date(T0 + 3_600_000) });
    const events = await db.prisma.campaignEvent.findMany({ where: { campaignId: id } });
    expect(events).toMatchObject([{ fromStatus: null, toStatus: 'scheduled', actor: 'api-key:test', reason: expect.stringContaining(source.id) }]);
    // The source is untouched.
    expect(await db.prisma.campaignNumber.count({ where: { campaignId: source.id, status: 'failed' } })).toBe(2);
  });

  it('stores nothing when no number is in those statuses, or every one is on the do-not-call list', async () => {
    const source = await seedCampaign(db.prisma, { nowMs: T0, count: 3 });
    const before = await counts();
    expect(await createCallAgainCampaign(db.prisma, again(source.tenantId, source.id, ['failed']))).toEqual({ kind: 'no_numbers', matched: 0, suppressed: 0 });
    await setStatuses(source.id, { 0: 'failed' });
    await addSuppressions(db.prisma, { tenantId: source.tenantId, phones: [source.phones[0]!], reason: null, nowMs: T0 });
    const suppressionsBefore = await db.prisma.suppressedNumber.count();
    expect(await createCallAgainCampaign(db.prisma, again(source.tenantId, source.id, ['failed']))).toEqual({ kind: 'no_numbers', matched: 1, suppressed: 1 });
    expect(await counts()).toEqual(before);
    expect(await db.prisma.suppressedNumber.count()).toBe(suppressionsBefore);
  });

  it('never copies another tenant’s numbers, whatever id it is given', async () => {
    const source = await seedCampaign(db.prisma, { nowMs: T0, count: 3 });
    await setStatuses(source.id, { 0: 'failed', 1: 'failed' });
    const other = await createTenant(db.prisma, 'other');
    const before = await counts();
    expect(await createCallAgainCampaign(db.prisma, again(other.id, source.id, ['failed']))).toEqual({ kind: 'no_numbers', matched: 0, suppressed: 0 });
    expect(await counts()).toEqual(before);
  });
});
