import { describe, expect, it } from 'vitest';
import { callTimeline, firstDueRetries, numberCountsByCampaign, numbersLeft, recentBatches } from './campaign-insights.ts';
import { listCalls } from './campaign-queries.ts';
import { callResultPages } from './exports.ts';
import { seedCampaign, useTestDb, writeDials as dial } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

describe('numberCountsByCampaign', () => {
  it('counts numbers per status for several campaigns in one query, with when the numbers to dial fall due', async () => {
    const a = await seedCampaign(db.prisma, { nowMs: T0, count: 5 });
    const b = await seedCampaign(db.prisma, { nowMs: T0, count: 3, tenantId: a.tenantId });
    await dial(db.prisma, a.id, 0, T0, [
      { position: 0, outcome: 'answered', status: 'answered' },
      { position: 1, outcome: 'not_answered', status: 'retry' },
    ]);
    const counts = await numberCountsByCampaign(db.prisma, [a.id, b.id, '00000000-0000-4000-8000-000000000000']);
    expect(counts.get(a.id)).toEqual({
      numbers: { pending: 3, answered: 1, retry: 1 },
      due: { pending: { firstMs: T0, lastMs: T0 }, retry: { firstMs: T0 + 61_000, lastMs: T0 + 61_000 } },
    });
    expect(counts.get(b.id)?.numbers).toEqual({ pending: 3 });
    expect(counts.size).toBe(2);
    expect((await numberCountsByCampaign(db.prisma, [])).size).toBe(0);
  });
});

describe('callTimeline and recentBatches', () => {
  it('buckets calls by dial time with how they ended, and lists the last batches oldest first', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 6 });
    await dial(db.prisma, c.id, 0, T0, [
      { position: 0, outcome: 'answered', status: 'answered' },
      { position: 1, outcome: 'not_answered', status: 'retry' },
      { position: 2, outcome: 'no_result', status: 'no_result' },
    ]);
    await dial(db.prisma, c.id, 1, T0 + 10_000, [{ position: 3, outcome: 'pending', status: 'calling' }]);
    await dial(db.prisma, c.id, 7, T0 + 70_000, [{ position: 1, attempt: 2, outcome: 'unknown', status: 'unknown' }]);
    expect(await callTimeline(db.prisma, c.id, 60)).toEqual([
      { atMs: T0, dialled: 4, answered: 1, notAnswered: 1, noResult: 1, retries: 0 },
      { atMs: T0 + 60_000, dialled: 1, answered: 0, notAnswered: 0, noResult: 1, retries: 1 },
    ]);
    const batches = await recentBatches(db.prisma, c.id, 2);
    expect(batches.total).toBe(3);
    expect(batches.items).toEqual([
      { slot: 1, slotTimeMs: T0 + 10_000, sentAtMs: T0 + 10_150, size: 1, status: 'sent' },
      { slot: 7, slotTimeMs: T0 + 70_000, sentAtMs: T0 + 70_150, size: 1, status: 'sent' },
    ]);
    expect(await callTimeline(db.prisma, '00000000-0000-4000-8000-000000000000', 60)).toEqual([]);
  });
});

describe('firstDueRetries', () => {
  it('reads only the retries due first, grouped by due second and dials so far', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 6 });
    await dial(db.prisma, c.id, 0, T0, [0, 1, 2, 3].map((position) => ({ position, outcome: 'not_answered', status: 'retry' })));
    await db.prisma.$executeRaw`UPDATE campaign_numbers SET next_attempt_at = ${new Date(T0 + 60_400)} WHERE campaign_id = ${c.id}::uuid AND position IN (0, 1)`;
    expect(await firstDueRetries(db.prisma, c.id, 3)).toEqual([
      { dueAtMs: T0 + 61_000, attempts: 1, count: 2 },
      { dueAtMs: T0 + 62_000, attempts: 1, count: 1 },
    ]);
  });
});

describe('numbersLeft', () => {
  it('counts never-dialled numbers up to the cap, and the calls in flight', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 8 });
    await dial(db.prisma, c.id, 0, T0, [
      { position: 0, outcome: 'pending', status: 'calling' },
      { position: 1, outcome: 'pending', status: 'dialing' },
      { position: 2, outcome: 'answered', status: 'answered' },
    ]);
    expect(await numbersLeft(db.prisma, c.id, 100)).toEqual({ pending: 5, inFlight: 2 });
    expect(await numbersLeft(db.prisma, c.id, 3)).toEqual({ pending: 3, inFlight: 2 });
  });
});

describe('filters of the calls page and the export', () => {
  it('keep the statuses asked for and the number searched for, whole or by its last digits', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 12 });
    await dial(db.prisma, c.id, 0, T0, [
      { position: 1, outcome: 'answered', status: 'answered' },
      { position: 2, outcome: 'not_answered', status: 'failed' },
      { position: 11, outcome: 'no_result', status: 'no_result' },
    ]);
    const phones = async (input: Parameters<typeof listCalls>[1]) => (await listCalls(db.prisma, input)).items.map((i) => i.number.position);
    expect(await phones({ campaignId: c.id, status: ['failed', 'no_result'], limit: 50 })).toEqual([2, 11]);
    expect(await phones({ campaignId: c.id, status: 'answered', limit: 50 })).toEqual([1]);
    expect(await phones({ campaignId: c.id, phone: { kind: 'exact', phone: c.phones[5]! }, limit: 50 })).toEqual([5]);
    // The numbers are 0910000000..0910000011: "0001" ends 0910000001 only, "000" 0910000000 only.
    expect(await phones({ campaignId: c.id, phone: { kind: 'suffix', digits: '0001' }, limit: 50 })).toEqual([1]);
    expect(await phones({ campaignId: c.id, phone: { kind: 'suffix', digits: '000' }, limit: 50 })).toEqual([0]);
    expect(await phones({ campaignId: c.id, phone: { kind: 'suffix', digits: '0001' }, status: ['failed'], limit: 50 })).toEqual([]);

    const exported: number[] = [];
    for await (const page of callResultPages(shared.db.pool, c.id, 5000, { statuses: ['failed', 'no_result', 'answered'], phone: { kind: 'suffix', digits: '1' } })) {
      exported.push(...page.map((row) => row.position));
    }
    expect(exported).toEqual([1, 11]);
  });

  it('page in list order with the cursor, and a tampered cursor starts over instead of failing', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 7 });
    const first = await listCalls(db.prisma, { campaignId: c.id, limit: 3 });
    const second = await listCalls(db.prisma, { campaignId: c.id, limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.number.position)).toEqual([3, 4, 5]);
    const tampered = Buffer.from(JSON.stringify([1e300, 'abc'])).toString('base64url');
    expect((await listCalls(db.prisma, { campaignId: c.id, limit: 3, cursor: tampered })).items.map((i) => i.number.position)).toEqual([0, 1, 2]);
  });
});
