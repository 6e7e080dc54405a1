import { describe, expect, it } from 'vitest';
import type { ClaimOptions } from './dispatch.ts';
import { markBatchRetry, markBatchSending, markBatchSent } from './batches.ts';
import { recordCallEvents, type CallEvent } from './outcomes.ts';
import { claimAs, seedCampaign, useTestDb } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

const claim = (campaignId: string, nowMs: number, extra: Partial<ClaimOptions> = {}) => claimAs(db.prisma, campaignId, nowMs, extra);

function cdr(sessionId: string, phone: string, answered: boolean, atMs: number, key = `${sessionId}-${phone}-${atMs}`): CallEvent {
  return { dedupeKey: key, state: 'cdr', autocallId: sessionId, phone, answered, answerSec: answered ? 5 : 0, hangupCause: null, callUuid: key, atMs, payload: {} };
}

async function sendSlot(campaignId: string, nowMs: number, sessionId: string) {
  const decision = await claim(campaignId, nowMs);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  await markBatchSending(db.prisma, decision.batch.batchId);
  await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId, nowMs });
  return decision.batch;
}

describe('claimNextBatch', () => {
  it('sleeps until sendTime, then claims the first numbers in list order', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10 });
    expect(await claim(c.id, T0 - 5_000)).toEqual({ kind: 'sleep', untilMs: T0 });
    const batch = await sendSlot(c.id, T0, 's-1');
    expect(batch.slotIndex).toBe(0);
    expect(batch.phones).toEqual(c.phones.slice(0, 4));
  });

  it('lets only one of two concurrent workers claim a slot', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10 });
    const [a, b] = await Promise.all([claim(c.id, T0, { workerId: 'a' }), claim(c.id, T0, { workerId: 'b' })]);
    const sends = [a, b].filter((d) => d.kind === 'send');
    expect(sends).toHaveLength(1);
    expect([a, b].find((d) => d.kind !== 'send')).toMatchObject({ kind: 'sleep' });
  });

  it('waits for the next slot on the absolute grid, and a late worker continues from the slot in progress', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 40 });
    await sendSlot(c.id, T0, 's-a');
    expect(await claim(c.id, T0 + 1_234)).toEqual({ kind: 'sleep', untilMs: T0 + 10_000 });
    const late = await sendSlot(c.id, T0 + 35_000, 's-b');
    expect(late.slotIndex).toBe(3);
    expect(late.slotTimeMs).toBe(T0 + 30_000);
  });

  it('retries a not-answered number retryAfterSeconds after its outcome, before fresh numbers', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10, maxRetryOfDetail: 1, retryAfterSeconds: 15 });
    const first = await sendSlot(c.id, T0, 's-r1');
    const result = await recordCallEvents(db.prisma, [cdr('s-r1', first.phones[0]!, false, T0 + 2_000)], T0 + 2_000);
    expect(result.outcomes).toEqual([{ campaignId: c.id, phone: first.phones[0], outcome: 'retry' }]);
    // Slot 1 (T0+10s) comes before the retry is due (T0+17s): fresh numbers only.
    const second = await sendSlot(c.id, T0 + 10_000, 's-r2');
    expect(second.phones).not.toContain(first.phones[0]);
    const third = await sendSlot(c.id, T0 + 20_000, 's-r3');
    expect(third.phones[0]).toBe(first.phones[0]);
    // Second not-answered outcome exhausts maxRetryOfDetail = 1.
    const again = await recordCallEvents(db.prisma, [cdr('s-r3', first.phones[0]!, false, T0 + 22_000)], T0 + 22_000);
    expect(again.outcomes[0]?.outcome).toBe('failed');
  });

  it('ignores a re-delivered webhook', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
    const batch = await sendSlot(c.id, T0, 's-dup');
    const event = cdr('s-dup', batch.phones[0]!, true, T0 + 1_000, 'same-key');
    expect((await recordCallEvents(db.prisma, [event], T0 + 1_000)).matched).toBe(1);
    const replay = await recordCallEvents(db.prisma, [event, { ...event }], T0 + 2_000);
    expect(replay).toMatchObject({ duplicates: 2, matched: 0 });
  });

  it('completes the campaign when the last outcome arrives', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 3 });
    const batch = await sendSlot(c.id, T0, 's-done');
    const result = await recordCallEvents(db.prisma, batch.phones.map((p) => cdr('s-done', p, true, T0 + 1_000)), T0 + 1_000);
    expect(result.completed).toEqual([c.id]);
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(campaign.status).toBe('completed');
  });

  it('marks numbers unknown when the worker that was sending them lost its lease', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
    const decision = await claim(c.id, T0, { workerId: 'crashed' });
    if (decision.kind !== 'send') throw new Error('expected a batch');
    await markBatchSending(db.prisma, decision.batch.batchId);
    expect(await claim(c.id, T0 + 1_000, { workerId: 'other' })).toEqual({ kind: 'sleep', untilMs: T0 + 30_000 });
    await claim(c.id, T0 + 31_000, { workerId: 'other' });
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } });
    expect(numbers.map((n) => n.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it("leaves a due next_wake_at as it is when it takes the lease, and pulls a later one in to the lease's end", async () => {
    const wakeOf = async (id: string) => (await db.prisma.campaign.findUniqueOrThrow({ where: { id } })).nextWakeAt?.getTime() ?? null;
    // Due (the wake being served): unchanged, so the claim's update of the row changes no indexed
    // column; a worker that dies holding the lease is found by the sweep once it lapses (overdue).
    const due = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
    expect(await wakeOf(due.id)).toBe(T0);
    expect((await claim(due.id, T0 + 500)).kind).toBe('send');
    expect(await wakeOf(due.id)).toBe(T0);
    // Later than the lease's end (a wake queued for later, claimed early): pulled in to the lease's end.
    const later = await seedCampaign(db.prisma, { nowMs: T0, count: 4 });
    await db.prisma.campaign.update({ where: { id: later.id }, data: { nextWakeAt: new Date(T0 + 3_600_000) } });
    expect((await claim(later.id, T0 + 500)).kind).toBe('send');
    expect(await wakeOf(later.id)).toBe(T0 + 500 + 30_000);
  });

  it('turns a dialled number with no outcome into no_result after the timeout', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    await sendSlot(c.id, T0, 's-silent');
    expect(await claim(c.id, T0 + 1_000)).toEqual({ kind: 'sleep', untilMs: T0 + 600_000 });
    expect(await claim(c.id, T0 + 600_001)).toEqual({ kind: 'idle', status: 'completed' });
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } });
    expect(numbers.every((n) => n.status === 'no_result')).toBe(true);
  });
});

describe('the next wake, known at the claim', () => {
  it('is the next slot on the grid, and the "sent" write hands the campaign back with it', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10 });
    const first = await claim(c.id, T0);
    if (first.kind !== 'send') throw new Error('expected a batch');
    expect(first.batch.nextWakeAtMs).toBe(T0 + 10_000);
    await markBatchSending(db.prisma, first.batch.batchId);
    // Another worker's name: the lease is not its to release.
    const stranger = await markBatchSent(db.prisma, { batchId: first.batch.batchId, sessionId: 's-n1', nowMs: T0 + 5, release: { workerId: 'w2', nextWakeAtMs: T0 + 10_000 } });
    expect(stranger.released).toBe(false);
    const sent = await markBatchSent(db.prisma, { batchId: first.batch.batchId, sessionId: 's-n1', nowMs: T0 + 5, release: { workerId: 'w1', nextWakeAtMs: T0 + 10_000 } });
    expect(sent.released).toBe(true);
    const row = await db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect({ owner: row.leaseOwner, until: row.leaseUntil, wake: row.nextWakeAt?.getTime() }).toEqual({ owner: null, until: null, wake: T0 + 10_000 });
    // A claim at that time agrees with what the first one announced.
    expect(await claim(c.id, T0 + 6_000)).toEqual({ kind: 'sleep', untilMs: T0 + 10_000 });
  });

  it('is unknown for the last numbers, and never later than a call timing out', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 6 });
    const first = await claim(c.id, T0, { outcomeTimeoutMs: 4_000 });
    if (first.kind !== 'send') throw new Error('expected a batch');
    // The batch's own calls time out before the next slot: that is when the campaign needs a worker.
    expect(first.batch.nextWakeAtMs).toBe(T0 + 4_000);
    await markBatchSending(db.prisma, first.batch.batchId);
    await markBatchSent(db.prisma, { batchId: first.batch.batchId, sessionId: 's-n2', nowMs: T0 });
    const last = await claim(c.id, T0 + 10_000);
    if (last.kind !== 'send') throw new Error('expected a batch');
    expect(last.batch.phones).toHaveLength(2);
    expect(last.batch.nextWakeAtMs).toBeNull();
  });
});

describe('a cdr that arrives before its batch is recorded as sent', () => {
  it('is kept and applied when the batch is marked sent', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const decision = await claim(c.id, T0);
    if (decision.kind !== 'send') throw new Error('expected a batch');
    await markBatchSending(db.prisma, decision.batch.batchId);
    // An instant provider: its webhooks beat our own write of the session id.
    const early = await recordCallEvents(db.prisma, decision.batch.phones.map((p) => cdr('s-early', p, true, T0 + 10)), T0 + 10);
    expect(early).toMatchObject({ stored: 2, matched: 0 });
    const settled = await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: 's-early', nowMs: T0 + 20 });
    expect(settled.completed).toEqual([c.id]);
    const numbers = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id } });
    expect(numbers.map((n) => n.status)).toEqual(['answered', 'answered']);
  });
});

describe('a batch the provider accepts only after failing it', () => {
  it("restarts its calls' outcome clock at the acceptance", async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const first = await claim(c.id, T0);
    if (first.kind !== 'send') throw new Error('expected a batch');
    await markBatchSending(db.prisma, first.batch.batchId);
    await markBatchRetry(db.prisma, { batchId: first.batch.batchId, error: 'http_503', retryAtMs: T0 + 5_000, nowMs: T0 + 100 });
    const again = await claim(c.id, T0 + 5_000);
    if (again.kind !== 'send') throw new Error('expected the batch again');
    expect(again.batch.batchId).toBe(first.batch.batchId);
    await markBatchSending(db.prisma, again.batch.batchId);
    const sent = await markBatchSent(db.prisma, { batchId: again.batch.batchId, sessionId: 's-retried', nowMs: T0 + 5_200 });
    expect(sent.moved).toBe(true);
    // The attempts are written with their outcomes, carrying the clock's start.
    await recordCallEvents(db.prisma, again.batch.phones.map((p) => cdr('s-retried', p, false, T0 + 9_000)), T0 + 9_000);
    const attempts = await db.prisma.callAttempt.findMany({ where: { campaignId: c.id } });
    expect(attempts.map((a) => a.dialedAt.getTime())).toEqual([T0 + 5_200, T0 + 5_200]);
  });
});

// The claim's read of never-dialled numbers starts at a hint on the campaign row (migration
// 20261207100740): a lower bound that lets it skip the dead index entries of what it claimed
// before. A hint is never the truth.
describe('the claim hint', () => {
  const hints = async (campaignId: string) =>
    await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { claimHintAt: true, claimHintPosition: true } });

  it('is written by the claim: the key of the last never-dialled number it took', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10 });
    await sendSlot(c.id, T0, 's-h1');
    expect(await hints(c.id)).toEqual({ claimHintAt: new Date(T0), claimHintPosition: 3 });
    const second = await sendSlot(c.id, T0 + 10_000, 's-h2');
    expect(second.phones).toEqual(c.phones.slice(4, 8));
    expect(await hints(c.id)).toEqual({ claimHintAt: new Date(T0), claimHintPosition: 7 });
  });

  it('past every pending number is not trusted: the claim reads the whole range and takes the first numbers', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 10 });
    await db.prisma.$executeRaw`
      UPDATE campaigns SET claim_hint_at = ${new Date(T0 + 86_400_000)}, claim_hint_position = 999 WHERE id = ${c.id}::uuid`;
    const batch = await sendSlot(c.id, T0, 's-h3');
    expect(batch.phones).toEqual(c.phones.slice(0, 4));
    expect(await hints(c.id)).toMatchObject({ claimHintAt: new Date(T0), claimHintPosition: 3 });
  });
});
