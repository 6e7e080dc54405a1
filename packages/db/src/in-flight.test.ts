import { describe, expect, it } from 'vitest';
import { markBatchSending, markBatchSent } from './batches.ts';
import { numberCountsByCampaign } from './campaign-insights.ts';
import { campaignWithCounts, listCalls } from './campaign-queries.ts';
import { callResultPages } from './exports.ts';
import { claimAs, seedCampaign, useTestDb } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

// What every reader sees of the campaign's numbers, by status.
async function seen({ id: campaignId, tenantId }: { id: string; tenantId: string }) {
  const list = async (status?: string) => (await listCalls(db.prisma, { campaignId, status, limit: 100 })).items.map((i) => i.number.status);
  const exported: string[] = [];
  for await (const page of callResultPages(shared.db.pool, campaignId)) exported.push(...page.map((r) => r.status));
  const dialingExport: string[] = [];
  for await (const page of callResultPages(shared.db.pool, campaignId, 100, { statuses: ['dialing'] })) dialingExport.push(...page.map((r) => r.phone));
  return {
    list: await list(),
    dialing: (await list('dialing')).length,
    calling: (await list('calling')).length,
    counts: (await campaignWithCounts(db.prisma, tenantId, campaignId))?.counts.numbers,
    listCounts: (await numberCountsByCampaign(db.prisma, [campaignId])).get(campaignId)?.numbers,
    exported,
    dialingExport: dialingExport.length,
  };
}

// The four claimed numbers in `status` (the two others pending) as every reader must see them.
function everywhere(status: 'dialing' | 'calling') {
  const statuses = [status, status, status, status, 'pending', 'pending'];
  return {
    list: statuses,
    dialing: status === 'dialing' ? 4 : 0,
    calling: status === 'calling' ? 4 : 0,
    counts: { [status]: 4, pending: 2 },
    listCounts: { [status]: 4, pending: 2 },
    exported: statuses,
    dialingExport: status === 'dialing' ? 4 : 0,
  };
}

// Row versions of the campaign's numbers: a write of any kind gives a row a new xmin.
const versions = async (campaignId: string) =>
  (await db.prisma.$queryRaw<{ v: string }[]>`SELECT xmin::text AS v FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid ORDER BY position`).map((r) => r.v);

describe("numbers in flight: 'dialing' until the provider accepts the batch, then 'calling'", () => {
  it('shows a claimed batch as dialing everywhere, and its acceptance as calling without writing a number row', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 6 });
    const decision = await claimAs(db.prisma, c.id, T0);
    if (decision.kind !== 'send') throw new Error('expected a batch');
    expect(await markBatchSending(db.prisma, decision.batch.batchId)).toBe(true);

    expect(await seen(c)).toEqual(everywhere('dialing'));

    const before = await versions(c.id);
    await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: 'session-1', nowMs: T0 + 100 });
    expect(await versions(c.id)).toEqual(before);

    expect(await seen(c)).toEqual(everywhere('calling'));
  });
});
