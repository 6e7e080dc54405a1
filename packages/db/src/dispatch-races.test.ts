import { describe, expect, it, vi } from 'vitest';
import type { ClaimOptions } from './dispatch.ts';
import { markBatchRetry, markBatchSending, markBatchSent, pauseForProvider, rejectBatchAndPause } from './batches.ts';
import { campaignWithCounts } from './campaign-queries.ts';
import { changeCampaignStatus, releaseUnsentBatches } from './lifecycle.ts';
import { transaction } from './sql.ts';
import { addSuppressions, removeSuppression } from './suppressions.ts';
import { claimAs, dialsOf as dialsOfPhone, lockWaiters, seedCampaign, useTestDb } from './test-fixtures.ts';

const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };
const claim = (campaignId: string, nowMs: number, extra: Partial<ClaimOptions> = {}) => claimAs(db.prisma, campaignId, nowMs, extra);
const spyLog = () => ({ warn: vi.fn<(fields: object, message: string) => void>() });

async function claimed(campaignId: string, nowMs: number, extra: Partial<ClaimOptions> = {}) {
  const decision = await claim(campaignId, nowMs, extra);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  return decision.batch;
}

const batchRow = (id: bigint) => db.prisma.batch.findUniqueOrThrow({ where: { id } });
const dialsOf = (tenantId: string, phone: string) => dialsOfPhone(db.prisma, tenantId, phone);

describe('a provider reply that comes after the lease was lost', () => {
  it('leaves the ambiguous batch ambiguous, its numbers unknown, and logs the lost race', async () => {
    const T0 = Date.UTC(2026, 6, 1, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
    const batch = await claimed(c.id, T0, { workerId: 'slow' });
    expect(await markBatchSending(db.prisma, batch.batchId)).toBe(true);
    // The slow worker's lease (30 s) lapses; another worker takes over and settles the batch.
    const takeover = spyLog();
    await claim(c.id, T0 + 31_000, { workerId: 'other', log: takeover });
    expect(takeover.warn).not.toHaveBeenCalled();
    expect((await batchRow(batch.batchId)).status).toBe('ambiguous');

    const late = spyLog();
    const sent = await markBatchSent(db.prisma, { batchId: batch.batchId, sessionId: 's-late', nowMs: T0 + 32_000, release: { workerId: 'slow', nextWakeAtMs: T0 + 40_000 } }, late);
    expect(sent).toMatchObject({ moved: false, released: false });
    expect(late.warn).toHaveBeenCalledTimes(1);
    expect(late.warn.mock.calls[0]![0]).toMatchObject({ batchId: String(batch.batchId), expected: 'sending', found: 'ambiguous' });

    const row = await batchRow(batch.batchId);
    expect({ status: row.status, session: row.providerSessionId, sentAt: row.sentAt }).toEqual({ status: 'ambiguous', session: null, sentAt: null });
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id }, orderBy: { position: 'asc' } });
    expect(numbers.map((n) => n.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('does not let a late retryable or fatal reply move the ambiguous batch either', async () => {
    const T0 = Date.UTC(2026, 6, 2, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const batch = await claimed(c.id, T0, { workerId: 'slow' });
    await markBatchSending(db.prisma, batch.batchId);
    await claim(c.id, T0 + 31_000, { workerId: 'other' });

    const log = spyLog();
    expect(await markBatchRetry(db.prisma, { batchId: batch.batchId, error: 'http_503', retryAtMs: T0 + 40_000, nowMs: T0 + 32_000 }, log)).toEqual({ moved: false, found: 'ambiguous' });
    expect(await rejectBatchAndPause(db.prisma, { batchId: batch.batchId, campaignId: c.id, code: 'balance_is_not_enough', message: 'out of credit', nowMs: T0 + 32_000 }, log)).toEqual({ moved: false, found: 'ambiguous' });
    expect(log.warn.mock.calls.map(([fields]) => fields)).toMatchObject([
      { move: 'retry', expected: 'sending', found: 'ambiguous' },
      { move: 'refuse', expected: 'sending', found: 'ambiguous' },
    ]);
    expect((await batchRow(batch.batchId)).status).toBe('ambiguous');
    // The refusal came too late to pause anything: the campaign runs on.
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('running');
    expect((await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } })).map((n) => n.status)).toEqual(['unknown', 'unknown']);
  });
});

describe('suppression at dispatch gives the claim back', () => {
  it('takes back the attempt and the dial-log entry, so the frequency cap counts only real calls', async () => {
    const t0 = Date.UTC(2026, 6, 3, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: t0, count: 2, dailyAttemptCap: 1 });
    const [dropped, kept] = [c.phones[0]!, c.phones[1]!];
    const batch = await claimed(c.id, t0);
    await markBatchSending(db.prisma, batch.batchId);
    await markBatchRetry(db.prisma, { batchId: batch.batchId, error: 'http_503', retryAtMs: t0 + 5_000, nowMs: t0 + 1 });
    expect(await dialsOf(c.tenantId, dropped)).toHaveLength(1);

    await addSuppressions(db.prisma, { tenantId: c.tenantId, phones: [dropped], reason: null, nowMs: t0 + 1_000 });
    const again = await claimed(c.id, t0 + 5_000);
    expect(again).toMatchObject({ batchId: batch.batchId, phones: [kept] });

    const number = await db.prisma.campaignNumber.findFirstOrThrow({ where: { campaignId: c.id, phone: dropped } });
    expect(number).toMatchObject({ status: 'suppressed', attempts: 0 });
    expect(await db.prisma.callAttempt.count({ where: { numberId: number.id } })).toBe(0);
    expect(await dialsOf(c.tenantId, dropped)).toEqual([]);
    expect((await dialsOf(c.tenantId, kept)).map((d) => d.batchId)).toEqual([batch.batchId]);
    expect((await batchRow(batch.batchId)).size).toBe(1);

    // Off the list again, the number has no dial counted against the cap of 1; the kept one has.
    await removeSuppression(db.prisma, c.tenantId, dropped);
    const next = await seedCampaign(db.prisma, { tenantId: c.tenantId, nowMs: t0 + 6_000, count: 2, dailyAttemptCap: 1 });
    const fresh = await claimed(next.id, t0 + 6_000);
    expect(fresh.phones).toEqual([dropped]);
  });

  it('gives back by batch, never by time: a claim of the same number at the same moment elsewhere keeps its entry', async () => {
    const t0 = Date.UTC(2026, 6, 4, 3, 0, 0);
    const a = await seedCampaign(db.prisma, { nowMs: t0, count: 1 });
    const b = await seedCampaign(db.prisma, { tenantId: a.tenantId, nowMs: t0, count: 1 });
    const phone = a.phones[0]!;
    await claimed(a.id, t0);
    const kept = await claimed(b.id, t0);
    expect(await dialsOf(a.tenantId, phone)).toHaveLength(2);
    // Pausing A gives back its claimed, unsent batch: its dial-log entry only.
    await changeCampaignStatus(db.prisma, 'pause', { tenantId: a.tenantId, campaignId: a.id, actor: 'test', nowMs: t0 + 100 });
    expect((await dialsOf(a.tenantId, phone)).map((d) => d.batchId)).toEqual([kept.batchId]);
  });
});

// Settles within `ms` or reports that it did not (a lock wait), without leaving the promise behind.
async function within<T>(ms: number, promise: Promise<T>): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ settled: false }>((resolve) => (timer = setTimeout(() => resolve({ settled: false }), ms)));
  try {
    return await Promise.race([promise.then((value) => ({ settled: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the "sending" mark', () => {
  it('does not wait for a transaction holding the campaign row (an outcome applier) and writes no counter', async () => {
    const T0 = Date.UTC(2026, 6, 5, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 3 });
    const batch = await claimed(c.id, T0);
    const counters = () =>
      db.prisma.$queryRaw<{ name: string }[]>`SELECT name FROM campaign_counts WHERE campaign_id = ${c.id}::uuid AND name LIKE 'batch:%' AND n <> 0`;
    expect(await counters()).toEqual([]);
    expect((await campaignWithCounts(db.prisma, c.tenantId, c.id))?.counts.batches).toEqual({ claimed: 1 });

    let mark: Awaited<ReturnType<typeof within<boolean>>> = { settled: false };
    await transaction(db.prisma, async (tx) => {
      // What the applier holds while it applies a set of outcomes (its counters' triggers).
      await tx.$queryRaw`SELECT id FROM campaigns WHERE id = ${c.id}::uuid FOR NO KEY UPDATE`;
      mark = await within(2_000, markBatchSending(db.prisma, batch.batchId));
    });
    expect(mark).toEqual({ settled: true, value: true });
    expect(await counters()).toEqual([]);
    expect((await campaignWithCounts(db.prisma, c.tenantId, c.id))?.counts.batches).toEqual({ sending: 1 });

    await markBatchSent(db.prisma, { batchId: batch.batchId, sessionId: 's-free', nowMs: T0 + 1_000 });
    expect((await counters()).map((r) => r.name)).toEqual(['batch:sent']);
    expect((await campaignWithCounts(db.prisma, c.tenantId, c.id))?.counts.batches).toEqual({ sent: 1 });
  });

  it('still never sends after a pause: one in progress is waited for (on the batch row), then the mark refuses', async () => {
    const T0 = Date.UTC(2026, 6, 6, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const batch = await claimed(c.id, T0);
    let mark: Promise<boolean> | undefined;
    await transaction(db.prisma, async (tx) => {
      // The pause's writes (lifecycle.ts), held uncommitted while the worker marks its batch.
      await tx.$queryRaw`SELECT id FROM campaigns WHERE id = ${c.id}::uuid FOR UPDATE`;
      await releaseUnsentBatches(tx, c.id, 'paused', new Date(T0 + 10));
      await tx.$executeRaw`UPDATE campaigns SET status = 'paused' WHERE id = ${c.id}::uuid`;
      mark = markBatchSending(db.prisma, batch.batchId);
      // Seen waiting on the batch row the pause holds, rather than assumed to after a sleep.
      await expect.poll(() => lockWaiters(db.prisma), { timeout: 5_000, interval: 20 }).toBe(1);
      expect(await within(0, mark)).toEqual({ settled: false });
    });
    expect(await mark).toBe(false);
    expect((await batchRow(batch.batchId)).status).toBe('rejected');
  });

  it('refuses after the provider pauses the campaign, whose claimed batch gives its numbers back', async () => {
    const T0 = Date.UTC(2026, 6, 7, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const batch = await claimed(c.id, T0);
    await pauseForProvider(db.prisma, c.id, 'provider_unavailable', '5 attempts failed', T0 + 10);
    expect(await markBatchSending(db.prisma, batch.batchId)).toBe(false);
    expect((await batchRow(batch.batchId)).status).toBe('rejected');
    expect((await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } })).map((n) => n.status)).toEqual(['pending', 'pending']);
  });
});

describe('the claim', () => {
  it('reads what it decides on after the campaign lock it waited for, in the same statement', async () => {
    const T0 = Date.UTC(2026, 6, 8, 3, 0, 0);
    const later = T0 + 3_600_000;
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 3 });
    let decision: ReturnType<typeof claim> | undefined;
    await transaction(db.prisma, async (tx) => {
      // Another holder of the campaign row moves every number past the claim's time and commits
      // only once the claim waits for the row.
      await tx.$queryRaw`SELECT id FROM campaigns WHERE id = ${c.id}::uuid FOR UPDATE`;
      await tx.$executeRaw`UPDATE campaign_numbers SET next_attempt_at = ${new Date(later)} WHERE campaign_id = ${c.id}::uuid`;
      decision = claim(c.id, T0);
      await expect.poll(() => lockWaiters(db.prisma), { timeout: 5_000, interval: 20 }).toBe(1);
    });
    // Read with the statement's own snapshot (taken before the wait), the numbers would look due
    // now: the claim would find none to take and look again at once instead of sleeping until then.
    expect(await decision).toEqual({ kind: 'sleep', untilMs: later });
    expect(await db.prisma.batch.count({ where: { campaignId: c.id } })).toBe(0);
  });
});
