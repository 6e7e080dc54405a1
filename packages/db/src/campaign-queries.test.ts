import { describe, expect, it } from 'vitest';
import { numberCountsByCampaign } from './campaign-insights.ts';
import { campaignWithCounts, findCampaign } from './campaign-queries.ts';
import { seedCampaign, useTestDb, writeDials as dial } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

describe('campaignWithCounts (the detail read, one statement)', () => {
  it('returns the campaign exactly as findCampaign does, with its counters, due ranges and attempts', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 5 });
    await dial(db.prisma, c.id, 0, T0, [
      { position: 0, outcome: 'answered', status: 'answered' },
      { position: 1, outcome: 'not_answered', status: 'retry' },
    ]);

    const found = await campaignWithCounts(db.prisma, c.tenantId, c.id);
    expect(found?.campaign).toEqual(await findCampaign(db.prisma, c.tenantId, c.id));
    // The list's grouped read and the detail's agree on numbers and due ranges.
    const listed = (await numberCountsByCampaign(db.prisma, [c.id])).get(c.id);
    expect(found?.counts).toEqual({ numbers: listed?.numbers, due: listed?.due, batches: expect.any(Object), attempts: 2 });
    expect(found?.counts.numbers).toEqual({ pending: 3, answered: 1, retry: 1 });
    expect(found?.counts.due).toEqual({ pending: { firstMs: T0, lastMs: T0 }, retry: { firstMs: T0 + 61_000, lastMs: T0 + 61_000 } });
  });

  it("is null for another tenant's campaign and for an unknown id", async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    const other = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    expect(await campaignWithCounts(db.prisma, other.tenantId, c.id)).toBeNull();
    expect(await campaignWithCounts(db.prisma, c.tenantId, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
