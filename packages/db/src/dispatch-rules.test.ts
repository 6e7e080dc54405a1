import { describe, expect, it } from 'vitest';
import type { ClaimOptions } from './dispatch.ts';
import { markBatchRetry, markBatchSending, markBatchSent, rejectBatchAndPause } from './batches.ts';
import { changeCampaignStatus } from './lifecycle.ts';
import { recordCallEvents, type CallEvent } from './outcomes.ts';
import { addSuppressions } from './suppressions.ts';
import { claimAs, dialsLogged, seedCampaign, useTestDb } from './test-fixtures.ts';

// Monday 2026-03-02 07:59:50 in Ho Chi Minh City (UTC+7).
const MON_0759_50 = Date.UTC(2026, 2, 2, 0, 59, 50);
const HCM = 'Asia/Ho_Chi_Minh';
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

const claim = (campaignId: string, nowMs: number, extra: Partial<ClaimOptions> = {}) => claimAs(db.prisma, campaignId, nowMs, extra);

async function sendSlot(campaignId: string, nowMs: number, sessionId: string) {
  const decision = await claim(campaignId, nowMs);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  await markBatchSending(db.prisma, decision.batch.batchId);
  await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId, nowMs });
  return decision.batch;
}

function cdr(sessionId: string, phone: string, answered: boolean, atMs: number): CallEvent {
  const key = `${sessionId}-${phone}-${atMs}`;
  return { dedupeKey: key, state: 'cdr', autocallId: sessionId, phone, answered, answerSec: answered ? 5 : 0, hangupCause: null, callUuid: key, atMs, payload: {} };
}

describe('call windows at dispatch', () => {
  const windows = { mon: [['08:00', '12:00'], ['13:30', '20:00']] };

  it('pushes a slot before the opening to the first grid slot at or after it', async () => {
    // Slots every 10 s from 07:59:50: the 07:59:50 slot is outside, 08:00:00 is the first inside.
    const c = await seedCampaign(db.prisma, { nowMs: MON_0759_50, count: 6, timeZone: HCM, callWindows: windows });
    expect(await claim(c.id, MON_0759_50)).toEqual({ kind: 'sleep', untilMs: MON_0759_50 + 10_000 });
    const batch = await sendSlot(c.id, MON_0759_50 + 10_000, 'w-1');
    expect(batch).toMatchObject({ slotIndex: 1, slotTimeMs: MON_0759_50 + 10_000 });
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(campaign.status).toBe('running');
  });

  it('makes a retry that falls due in the lunch break wait for the afternoon window', async () => {
    const noonMinus = Date.UTC(2026, 2, 2, 4, 59, 0); // 11:59:00 local
    const c = await seedCampaign(db.prisma, { nowMs: noonMinus, count: 1, timeZone: HCM, callWindows: windows, maxRetryOfDetail: 1, retryAfterSeconds: 60 });
    const batch = await sendSlot(c.id, noonMinus, 'w-2');
    await recordCallEvents(db.prisma, [cdr('w-2', batch.phones[0]!, false, noonMinus + 5_000)], noonMinus + 5_000);
    // Due at 12:00:05, outside; the afternoon opens at 13:30:00, which is on the 10 s grid.
    const afternoon = Date.UTC(2026, 2, 2, 6, 30, 0);
    expect(await claim(c.id, noonMinus + 65_000)).toEqual({ kind: 'sleep', untilMs: afternoon });
    const retried = await sendSlot(c.id, afternoon, 'w-3');
    expect(retried.phones).toEqual(batch.phones);
  });

  it('skips listed dates', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: MON_0759_50, count: 1, timeZone: HCM, skipDates: ['2026-03-02'] });
    // Any time of day, but not on Monday: midnight Tuesday local is 17:00 UTC Monday.
    expect(await claim(c.id, MON_0759_50)).toEqual({ kind: 'sleep', untilMs: Date.UTC(2026, 2, 2, 17, 0, 0) });
  });
});

describe('frequency cap across campaigns of a tenant', () => {
  it('skips a number dialled too often in the last 24 h, and dials it once the oldest dial ages out', async () => {
    const t0 = Date.UTC(2026, 4, 4, 3, 0, 0);
    const first = await seedCampaign(db.prisma, { nowMs: t0, count: 2 });
    await sendSlot(first.id, t0, 'f-1');
    // Same tenant, same two numbers, at most one dial per number per 24 h, plus one fresh number.
    const second = await seedCampaign(db.prisma, { tenantId: first.tenantId, nowMs: t0 + 3_600_000, count: 3, dailyAttemptCap: 1 });
    const batch = await sendSlot(second.id, t0 + 3_600_000, 'f-2');
    expect(batch.phones).toEqual([second.phones[2]]);
    const held = await db.prisma.campaignNumber.findMany({ where: { campaignId: second.id, phone: { in: first.phones } } });
    expect(held.map((n) => [n.status, n.nextAttemptAt?.getTime()])).toEqual([
      ['pending', t0 + 86_400_000],
      ['pending', t0 + 86_400_000],
    ]);
    await recordCallEvents(db.prisma, [cdr('f-2', second.phones[2]!, true, t0 + 3_600_200)], t0 + 3_600_200);
    // Nothing else is due: the campaign sleeps until the first dial leaves the window.
    expect(await claim(second.id, t0 + 3_600_500)).toEqual({ kind: 'sleep', untilMs: t0 + 86_400_000 });
    const later = await sendSlot(second.id, t0 + 86_400_000, 'f-3');
    expect(later.phones).toEqual(first.phones);
    expect(await dialsLogged(db.prisma, first.tenantId)).toBe(5);
  });

  it('does not count a batch the provider refused: its numbers go out after the resume', async () => {
    const t0 = Date.UTC(2026, 4, 6, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: t0, count: 2, dailyAttemptCap: 1 });
    const refused = await claim(c.id, t0);
    if (refused.kind !== 'send') throw new Error('expected a batch');
    await markBatchSending(db.prisma, refused.batch.batchId);
    await rejectBatchAndPause(db.prisma, { batchId: refused.batch.batchId, campaignId: c.id, code: 'balance', message: 'out of credit', nowMs: t0 + 50 });
    expect(await dialsLogged(db.prisma, c.tenantId)).toBe(0);
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } });
    expect(numbers.map((n) => [n.status, n.attempts])).toEqual([['pending', 0], ['pending', 0]]);

    const resumed = await changeCampaignStatus(db.prisma, 'resume', { tenantId: c.tenantId, campaignId: c.id, actor: 'test', nowMs: t0 + 60_000 });
    expect(resumed).toMatchObject({ ok: true, status: 'running' });
    // Slot 6 was in progress at the resume; slot 7 carries the numbers, the cap not counting the refusal.
    expect(await claim(c.id, t0 + 60_000)).toEqual({ kind: 'sleep', untilMs: t0 + 70_000 });
    const again = await sendSlot(c.id, t0 + 70_000, 'r-2');
    expect(again.phones).toEqual(c.phones);
  });

  it('does not count another tenant’s dials', async () => {
    const t0 = Date.UTC(2026, 4, 5, 3, 0, 0);
    const other = await seedCampaign(db.prisma, { nowMs: t0, count: 2 });
    await sendSlot(other.id, t0, 'o-1');
    const capped = await seedCampaign(db.prisma, { nowMs: t0 + 1_000, count: 2, dailyAttemptCap: 1 });
    expect((await sendSlot(capped.id, t0 + 1_000, 'o-2')).phones).toEqual(capped.phones);
  });
});

describe('suppression', () => {
  it('stores numbers already on the list as suppressed when the campaign is created', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: MON_0759_50, count: 1 });
    const tenantId = c.tenantId;
    await addSuppressions(db.prisma, { tenantId, phones: ['0910000001'], reason: 'asked', nowMs: MON_0759_50 });
    const created = await seedCampaign(db.prisma, { tenantId, nowMs: MON_0759_50, count: 3 });
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: created.id }, orderBy: { position: 'asc' } });
    expect(numbers.map((n) => n.status)).toEqual(['pending', 'suppressed', 'pending']);
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: created.id } })).acceptedCount).toBe(2);
  });

  it('never claims a number suppressed after the campaign was created, and marks it suppressed', async () => {
    const t0 = Date.UTC(2026, 5, 1, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: t0, count: 6 });
    await addSuppressions(db.prisma, { tenantId: c.tenantId, phones: [c.phones[1]!, c.phones[5]!], reason: null, nowMs: t0 });
    const first = await sendSlot(c.id, t0, 's-1');
    expect(first.phones).toEqual([c.phones[0], c.phones[2], c.phones[3], c.phones[4]]);
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id, status: 'suppressed' } });
    expect(numbers.map((n) => n.phone).sort()).toEqual([c.phones[1], c.phones[5]]);
  });

  it('screens from the claim hint on: numbers suppressed after the first batch are settled by the next claim', async () => {
    const t0 = Date.UTC(2026, 5, 1, 4, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: t0, count: 10 });
    await addSuppressions(db.prisma, { tenantId: c.tenantId, phones: [c.phones[9]!], reason: null, nowMs: t0 - 1 });
    expect((await sendSlot(c.id, t0, 's-h1')).phones).toEqual(c.phones.slice(0, 4));
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id }, select: { claimHintPosition: true } })).toEqual({ claimHintPosition: 3 });
    await addSuppressions(db.prisma, { tenantId: c.tenantId, phones: [c.phones[5]!], reason: null, nowMs: t0 + 1 });
    const second = await sendSlot(c.id, t0 + 10_000, 's-h2');
    expect(second.phones).toEqual([c.phones[4], c.phones[6], c.phones[7], c.phones[8]]);
    const suppressed = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id, status: 'suppressed' } });
    expect(suppressed.map((n) => n.phone).sort()).toEqual([c.phones[5], c.phones[9]].sort());
  });

  it('drops a number suppressed while its claimed batch waits to be sent again', async () => {
    const t0 = Date.UTC(2026, 5, 2, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: t0, count: 2 });
    const decision = await claim(c.id, t0);
    if (decision.kind !== 'send') throw new Error('expected a batch');
    await markBatchSending(db.prisma, decision.batch.batchId);
    await markBatchRetry(db.prisma, { batchId: decision.batch.batchId, error: 'http_503', retryAtMs: t0 + 5_000, nowMs: t0 + 1 });
    await addSuppressions(db.prisma, { tenantId: c.tenantId, phones: [c.phones[0]!], reason: null, nowMs: t0 + 1_000 });
    const again = await claim(c.id, t0 + 5_000);
    expect(again).toMatchObject({ kind: 'send', batch: { batchId: decision.batch.batchId, phones: [c.phones[1]] } });
    const dropped = await db.prisma.campaignNumber.findFirstOrThrow({ where: { campaignId: c.id, phone: c.phones[0] } });
    expect(dropped).toMatchObject({ status: 'suppressed', attempts: 0 });
  });

  it('completes a campaign whose remaining numbers were all suppressed', async () => {
    const t0 = Date.UTC(2026, 5, 3, 3, 0, 0);
    const c = await seedCampaign(db.prisma, { nowMs: t0, count: 3 });
    await addSuppressions(db.prisma, { tenantId: c.tenantId, phones: c.phones, reason: null, nowMs: t0 });
    expect(await claim(c.id, t0)).toEqual({ kind: 'sleep', untilMs: t0 });
    expect(await claim(c.id, t0)).toEqual({ kind: 'idle', status: 'completed' });
  });
});
