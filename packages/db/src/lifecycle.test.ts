import { describe, expect, it } from 'vitest';
import type { ClaimOptions } from './dispatch.ts';
import { markBatchRetry, markBatchSending, markBatchSent, rejectBatchAndPause } from './batches.ts';
import { settleCancelledCampaigns } from './cancelled.ts';
import { recordCallEvents, type CallEvent } from './outcomes.ts';
import { shownStatus, unsentBatchIds } from './in-flight.ts';
import { changeCampaignStatus, editScheduledCampaign, listCampaignEvents, type LifecycleRequest } from './lifecycle.ts';
import { claimAs, dialsLogged, seedCampaign, useTestDb } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

const claim = (campaignId: string, nowMs: number, extra: Partial<ClaimOptions> = {}) => claimAs(db.prisma, campaignId, nowMs, extra);

async function sendSlot(campaignId: string, nowMs: number, sessionId: string) {
  const decision = await claim(campaignId, nowMs);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  expect(await markBatchSending(db.prisma, decision.batch.batchId)).toBe(true);
  await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId, nowMs });
  return decision.batch;
}

function cdr(sessionId: string, phone: string, answered: boolean, atMs: number): CallEvent {
  const key = `${sessionId}-${phone}-${atMs}`;
  return { dedupeKey: key, state: 'cdr', autocallId: sessionId, phone, answered, answerSec: answered ? 5 : 0, hangupCause: null, callUuid: key, atMs, payload: {} };
}

const who = (c: { id: string; tenantId: string }, nowMs: number, actor = 'api-key:k1'): LifecycleRequest => ({ tenantId: c.tenantId, campaignId: c.id, actor, nowMs });
// The statuses as the API shows them ('dialing' is the stored 'calling' of a batch not yet accepted).
const statuses = async (campaignId: string) => {
  const unsent = await unsentBatchIds(db.prisma, campaignId);
  return (await db.prisma.campaignNumber.findMany({ where: { campaignId }, orderBy: { position: 'asc' } })).map((n) => shownStatus(n, unsent));
};

describe('pause and resume', () => {
  it('pause stops the next batch, even one already claimed, and resume continues from the next slot after now', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 20 });
    await sendSlot(c.id, T0, 'p-1');
    // A worker claims slot 1 but has not sent it when the pause lands.
    const claimed = await claim(c.id, T0 + 10_000);
    if (claimed.kind !== 'send') throw new Error('expected a batch');
    expect(await changeCampaignStatus(db.prisma, 'pause', who(c, T0 + 10_500))).toMatchObject({ ok: true, from: 'running', status: 'paused' });
    expect(await markBatchSending(db.prisma, claimed.batch.batchId)).toBe(false);
    expect(await claim(c.id, T0 + 20_000)).toEqual({ kind: 'idle', status: 'paused' });

    // The claimed batch was given back: its numbers are pending again, first in line.
    expect(await db.prisma.batch.findUniqueOrThrow({ where: { id: claimed.batch.batchId } })).toMatchObject({ status: 'rejected', lastError: 'paused' });
    expect(await db.prisma.callAttempt.count({ where: { batchId: claimed.batch.batchId } })).toBe(0);
    expect(await dialsLogged(db.prisma, c.tenantId)).toBe(4);

    // Resumed at T0+45s: slots 1..4 passed while paused and are never sent; slot 4 (T0+40s) is in
    // progress, so the next batch is slot 5 at T0+50s, carrying the numbers given back.
    const resumed = await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 45_000));
    expect(resumed).toEqual({ ok: true, from: 'paused', status: 'running', wakeAtMs: T0 + 45_000 });
    expect(await claim(c.id, T0 + 45_000)).toEqual({ kind: 'sleep', untilMs: T0 + 50_000 });
    const next = await sendSlot(c.id, T0 + 50_000, 'p-3');
    expect(next.phones).toEqual(claimed.batch.phones);
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id, phone: { in: next.phones } } });
    expect(numbers.map((n) => n.attempts)).toEqual([1, 1, 1, 1]);
    expect(next.slotIndex).toBe(5);
  });

  it('keeps retry times across a pause, and records outcomes of calls in flight', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2, maxRetryOfDetail: 1, retryAfterSeconds: 300 });
    const batch = await sendSlot(c.id, T0, 'k-1');
    await changeCampaignStatus(db.prisma, 'pause', who(c, T0 + 1_000));
    const events = await recordCallEvents(db.prisma, [cdr('k-1', batch.phones[0]!, false, T0 + 2_000), cdr('k-1', batch.phones[1]!, true, T0 + 2_000)], T0 + 2_000);
    expect(events.matched).toBe(2);
    await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 60_000));
    const retry = await db.prisma.campaignNumber.findFirstOrThrow({ where: { campaignId: c.id, phone: batch.phones[0] } });
    expect(retry).toMatchObject({ status: 'retry' });
    expect(retry.nextAttemptAt?.getTime()).toBe(T0 + 302_000);
    expect(await claim(c.id, T0 + 60_000)).toEqual({ kind: 'sleep', untilMs: T0 + 310_000 });
  });

  it('resumes a campaign paused before its first slot back to scheduled', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0 + 3_600_000, count: 2 });
    await changeCampaignStatus(db.prisma, 'pause', who(c, T0));
    expect(await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 1_000))).toEqual({ ok: true, from: 'paused', status: 'scheduled', wakeAtMs: T0 + 3_600_000 });
  });

  it('resumes a campaign the provider paused, clearing the reason', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    await sendSlot(c.id, T0, 'b-1');
    await db.prisma.campaign.update({ where: { id: c.id }, data: { status: 'paused', pauseReason: 'balance_is_not_enough', pauseDetail: 'top up' } });
    expect(await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 5_000))).toMatchObject({ ok: true, status: 'running' });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ pauseReason: null, pauseDetail: null });
  });
});

describe('cancel', () => {
  it('dials nothing more: pending, retry and claimed-but-unsent numbers become cancelled, in-flight outcomes are still recorded', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10, maxRetryOfDetail: 2, retryAfterSeconds: 1 });
    const first = await sendSlot(c.id, T0, 'c-1');
    await recordCallEvents(db.prisma, [cdr('c-1', first.phones[0]!, false, T0 + 1_000)], T0 + 1_000);
    const unsent = await claim(c.id, T0 + 10_000);
    if (unsent.kind !== 'send') throw new Error('expected a batch');

    expect(await changeCampaignStatus(db.prisma, 'cancel', who(c, T0 + 10_500))).toMatchObject({ ok: true, status: 'cancelled' });
    expect(await markBatchSending(db.prisma, unsent.batch.batchId)).toBe(false);
    expect(await claim(c.id, T0 + 20_000)).toEqual({ kind: 'idle', status: 'cancelled' });
    const byPhone = new Map((await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } })).map((n) => [n.phone, n]));
    // Three of slot 0 are still with the provider; everything else is cancelled, the claimed batch's attempt taken back.
    expect(first.phones.slice(1).map((p) => byPhone.get(p)!.status)).toEqual(['calling', 'calling', 'calling']);
    expect([...byPhone.values()].filter((n) => n.status === 'cancelled')).toHaveLength(7);
    for (const phone of unsent.batch.phones) expect(byPhone.get(phone)).toMatchObject({ status: 'cancelled' });
    expect(byPhone.get(unsent.batch.phones.find((p) => p !== first.phones[0])!)!.attempts).toBe(0);
    expect(await db.prisma.callAttempt.count({ where: { batchId: unsent.batch.batchId } })).toBe(0);

    const late = await recordCallEvents(
      db.prisma,
      [cdr('c-1', first.phones[1]!, true, T0 + 30_000), cdr('c-1', first.phones[2]!, false, T0 + 30_000)],
      T0 + 30_000,
    );
    expect(late.matched).toBe(2);
    const after = await statuses(c.id);
    // The answered call is recorded; the unanswered one is not retried.
    expect(after.filter((s) => s === 'answered')).toHaveLength(1);
    expect(after.filter((s) => s === 'cancelled')).toHaveLength(8);
    expect(after.filter((s) => s === 'retry')).toHaveLength(0);
  });

  it('gives back a batch whose request failed retryably after the cancel or pause landed', async () => {
    for (const action of ['cancel', 'pause'] as const) {
      const c = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
      const decision = await claim(c.id, T0);
      if (decision.kind !== 'send') throw new Error('expected a batch');
      expect(await markBatchSending(db.prisma, decision.batch.batchId)).toBe(true);
      // The request is out when the change lands: the batch is left alone, its numbers dialing.
      await changeCampaignStatus(db.prisma, action, who(c, T0 + 100));
      expect(await statuses(c.id)).toEqual(['dialing', 'dialing', 'dialing', 'dialing']);
      // The provider answers 503: nothing was dialled, so the numbers go back.
      await markBatchRetry(db.prisma, { batchId: decision.batch.batchId, error: 'http_503', retryAtMs: T0 + 5_000, nowMs: T0 + 200 });
      const expected = action === 'cancel' ? 'cancelled' : 'pending';
      expect(await statuses(c.id)).toEqual([expected, expected, expected, expected]);
      expect(await db.prisma.batch.findUniqueOrThrow({ where: { id: decision.batch.batchId } })).toMatchObject({ status: 'rejected', lastError: action === 'cancel' ? 'cancelled' : 'paused' });
      expect(await db.prisma.callAttempt.count({ where: { batchId: decision.batch.batchId } })).toBe(0);
    }
  });

  it('gives back a batch the provider refused, or could not take after every try, also after a cancel or pause', async () => {
    for (const action of ['cancel', 'pause', null] as const) {
      const c = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
      const decision = await claim(c.id, T0);
      if (decision.kind !== 'send') throw new Error('expected a batch');
      expect(await markBatchSending(db.prisma, decision.batch.batchId)).toBe(true);
      if (action) await changeCampaignStatus(db.prisma, action, who(c, T0 + 100));
      // Connection refused on the last allowed try: the worker gives the batch back and pauses.
      await rejectBatchAndPause(db.prisma, {
        batchId: decision.batch.batchId,
        campaignId: c.id,
        code: 'auth_connection_refused',
        pauseReason: 'provider_unavailable',
        message: '8 attempts failed, last: auth_connection_refused',
        nowMs: T0 + 200,
      });
      const expected = action === 'cancel' ? 'cancelled' : 'pending';
      expect(await statuses(c.id)).toEqual([expected, expected, expected, expected]);
      expect(await db.prisma.batch.findUniqueOrThrow({ where: { id: decision.batch.batchId } })).toMatchObject({ status: 'rejected', lastError: 'auth_connection_refused' });
      expect(await db.prisma.callAttempt.count({ where: { batchId: decision.batch.batchId } })).toBe(0);
      const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } });
      // Only a running campaign takes the provider's reason; a user's pause or cancel stands.
      if (action === null) expect(campaign).toMatchObject({ status: 'paused', pauseReason: 'provider_unavailable', pauseDetail: '8 attempts failed, last: auth_connection_refused' });
      else expect(campaign).toMatchObject({ status: action === 'cancel' ? 'cancelled' : 'paused', pauseReason: null });
    }
  });

  it('settles what a cancelled campaign left in flight: overdue calls become no_result, a dead worker’s batch ambiguous', async () => {
    const timeout = 600_000;
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 8 });
    const first = await sendSlot(c.id, T0, 'z-1');
    // Slot 1 is being sent by a worker that then dies, lease and all.
    const lost = await claim(c.id, T0 + 10_000);
    if (lost.kind !== 'send') throw new Error('expected a batch');
    expect(await markBatchSending(db.prisma, lost.batch.batchId)).toBe(true);
    await changeCampaignStatus(db.prisma, 'cancel', who(c, T0 + 10_500));
    await recordCallEvents(db.prisma, [cdr('z-1', first.phones[0]!, true, T0 + 11_000)], T0 + 11_000);

    // Before the lease and the outcome timeout run out, nothing changes. (The counts cover every
    // cancelled campaign in this file's database, so they are checked as lower bounds.)
    const before = await statuses(c.id);
    await settleCancelledCampaigns(db.prisma, { nowMs: T0 + 20_000, outcomeTimeoutMs: timeout });
    expect(await statuses(c.id)).toEqual(before);
    const settled = await settleCancelledCampaigns(db.prisma, { nowMs: T0 + timeout + 1, outcomeTimeoutMs: timeout });
    expect(settled.expired).toBeGreaterThanOrEqual(3);
    expect(settled.ambiguous).toBeGreaterThanOrEqual(1);
    const byPhone = new Map((await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } })).map((n) => [n.phone, n.status]));
    expect(first.phones.map((p) => byPhone.get(p))).toEqual(['answered', 'no_result', 'no_result', 'no_result']);
    expect(lost.batch.phones.map((p) => byPhone.get(p))).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(await db.prisma.batch.findUniqueOrThrow({ where: { id: lost.batch.batchId } })).toMatchObject({ status: 'ambiguous' });
    // Nothing is left open, and a second run finds nothing.
    expect([...byPhone.values()].filter((s) => ['pending', 'dialing', 'calling', 'retry'].includes(s))).toEqual([]);
    expect(await settleCancelledCampaigns(db.prisma, { nowMs: T0 + timeout + 2, outcomeTimeoutMs: timeout })).toEqual({ expired: 0, ambiguous: 0 });
  });
});

describe('transitions that make no sense', () => {
  it('refuses them with the current status', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    await sendSlot(c.id, T0, 'x-1');
    expect(await editScheduledCampaign(db.prisma, { ...who(c, T0 + 1), edit: { name: 'late' } })).toMatchObject({
      ok: false,
      code: 'invalid_transition',
      current: 'running',
    });
    expect(await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 1))).toMatchObject({ ok: false, code: 'invalid_transition', current: 'running' });
    await changeCampaignStatus(db.prisma, 'cancel', who(c, T0 + 2));
    expect(await changeCampaignStatus(db.prisma, 'pause', who(c, T0 + 3))).toMatchObject({ ok: false, current: 'cancelled' });
    expect(await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 3))).toMatchObject({ ok: false, current: 'cancelled' });
  });

  it('does not find another tenant’s campaign', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    const other = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    expect(await changeCampaignStatus(db.prisma, 'pause', { ...who(c, T0), tenantId: other.tenantId })).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('editing a scheduled campaign', () => {
  it('moves the send time, the numbers and the wake with it', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, sendTimeMs: T0 + 60_000, count: 3 });
    const moved = await editScheduledCampaign(db.prisma, {
      ...who(c, T0),
      edit: { name: 'renamed', sendTimeMs: T0 + 120_000, numberCallPerTime: 2, callWindows: { mon: [['08:00', '12:00']] }, dailyAttemptCap: 1 },
    });
    expect(moved).toEqual({ ok: true, from: 'scheduled', status: 'scheduled', wakeAtMs: T0 + 120_000 });
    const row = await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ name: 'renamed', numberCallPerTime: 2, dailyAttemptCap: 1, callWindows: { mon: [['08:00', '12:00']] } });
    expect(row.nextWakeAt?.getTime()).toBe(T0 + 120_000);
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } });
    expect(numbers.every((n) => n.nextAttemptAt?.getTime() === T0 + 120_000)).toBe(true);
    // An old wake at the former send time finds nothing to do yet.
    expect(await claim(c.id, T0 + 60_000)).toEqual({ kind: 'sleep', untilMs: T0 + 120_000 });
    await editScheduledCampaign(db.prisma, { ...who(c, T0), edit: { callWindows: null } });
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).callWindows).toBeNull();
  });
});

describe('audit trail', () => {
  it('lists every change with who made it and when', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2, actor: 'api-key:creator' });
    await sendSlot(c.id, T0, 'a-1');
    await changeCampaignStatus(db.prisma, 'pause', { ...who(c, T0 + 1_000, 'api-key:ops'), reason: 'customer asked' });
    await changeCampaignStatus(db.prisma, 'resume', who(c, T0 + 2_000, 'api-key:ops'));
    await changeCampaignStatus(db.prisma, 'cancel', who(c, T0 + 3_000, 'api-key:boss'));
    const page = await listCampaignEvents(db.prisma, { campaignId: c.id, limit: 3 });
    const rest = await listCampaignEvents(db.prisma, { campaignId: c.id, limit: 3, afterId: page.nextAfterId! });
    const trail = [...page.items, ...rest.items].map((e) => [e.from, e.to, e.actor, e.reason, e.at.getTime()]);
    expect(trail).toEqual([
      [null, 'scheduled', 'api-key:creator', null, T0],
      ['scheduled', 'running', 'worker', null, T0],
      ['running', 'paused', 'api-key:ops', 'customer asked', T0 + 1_000],
      ['paused', 'running', 'api-key:ops', null, T0 + 2_000],
      ['running', 'cancelled', 'api-key:boss', null, T0 + 3_000],
    ]);
    expect(rest.nextAfterId).toBeNull();
  });
});
