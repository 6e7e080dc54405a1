import { describe, expect, it } from 'vitest';
import { markBatchSending, markBatchSent } from './batches.ts';
import { changeCampaignStatus } from './lifecycle.ts';
import { recordCallEvents, type CallEvent } from './outcomes.ts';
import { claimAs, seedCampaign, useTestDb } from './test-fixtures.ts';

// A call waiting for its outcome has no attempt row: it is its number (stored 'calling', its
// batch in last_batch_id) and one of its batch's open_calls. Every way a call ends or is given
// back must move both together, or the outcome clock (the oldest open batch) and completion go
// wrong. These check the count against the numbers after each kind of move.
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

const cdr = (sessionId: string, phone: string, answered: boolean, atMs: number): CallEvent => ({
  dedupeKey: `${sessionId}-${phone}-${atMs}`,
  state: 'cdr',
  autocallId: sessionId,
  phone,
  answered,
  answerSec: answered ? 7 : 0,
  hangupCause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
  callUuid: `uuid-${phone}-${atMs}`,
  atMs,
  payload: {},
});

// Each batch's open count next to what its numbers say.
async function openCalls(campaignId: string): Promise<{ slot: number; open: number; calling: number }[]> {
  return db.prisma.$queryRaw`
    SELECT b.slot_index AS slot, b.open_calls AS open,
      (SELECT count(*) FROM campaign_numbers n WHERE n.campaign_id = b.campaign_id AND n.last_batch_id = b.id AND n.status = 'calling')::int AS calling
    FROM batches b WHERE b.campaign_id = ${campaignId}::uuid ORDER BY b.slot_index`;
}

// Every call recorded: attempt rows, the calls that made numbers final and those still waiting.
const attempts = (campaignId: string) =>
  db.prisma.$queryRaw<{ attemptNo: number; outcome: string; dialedAt: Date; answerSec: number | null }[]>`
    SELECT attempt_no AS "attemptNo", outcome::text AS outcome, dialed_at AS "dialedAt", answer_sec AS "answerSec"
    FROM call_history(ARRAY[${campaignId}::uuid]) WHERE outcome <> 'pending' ORDER BY number_id, attempt_no`;

async function sendSlot(campaignId: string, nowMs: number, sessionId: string, extra: Parameters<typeof claimAs>[3] = {}) {
  const decision = await claimAs(db.prisma, campaignId, nowMs, extra);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  await markBatchSending(db.prisma, decision.batch.batchId);
  await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId, nowMs: nowMs + 100 });
  return decision.batch;
}

describe('calls waiting for their outcome', () => {
  it('are counted on their batch from the claim, and each outcome writes its attempt once (on the number when final) and closes the call', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 6 });
    const batch = await sendSlot(c.id, T0, 's-a');
    expect(await openCalls(c.id)).toEqual([{ slot: 0, open: 4, calling: 4 }]);
    expect(await attempts(c.id)).toEqual([]);

    const [first, second] = batch.phones;
    await recordCallEvents(db.prisma, [cdr('s-a', first!, true, T0 + 20_000), cdr('s-a', second!, false, T0 + 21_000)], T0 + 21_000);
    // The same cdr again and a second cdr for an ended call change nothing.
    await recordCallEvents(db.prisma, [cdr('s-a', first!, true, T0 + 20_000), cdr('s-a', first!, false, T0 + 22_000)], T0 + 22_000);
    expect(await openCalls(c.id)).toEqual([{ slot: 0, open: 2, calling: 2 }]);
    const written = (await attempts(c.id)).toSorted((a, b) => a.outcome.localeCompare(b.outcome));
    expect(written.map((a) => ({ attempt: a.attemptNo, outcome: a.outcome, dialedAt: a.dialedAt.getTime(), answerSec: a.answerSec }))).toEqual([
      { attempt: 1, outcome: 'answered', dialedAt: T0, answerSec: 7 },
      { attempt: 1, outcome: 'not_answered', dialedAt: T0, answerSec: 0 },
    ]);
    // Only the call to be dialled again has a row of its own; the answered one is on its number.
    expect(await db.prisma.callAttempt.count({ where: { campaignId: c.id } })).toBe(1);
  });

  it('expire as no_result after the outcome timeout, each with its attempt, and the campaign then completes', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    await sendSlot(c.id, T0, 's-b', { outcomeTimeoutMs: 60_000 });
    expect(await claimAs(db.prisma, c.id, T0 + 30_000, { outcomeTimeoutMs: 60_000 })).toEqual({ kind: 'sleep', untilMs: T0 + 60_000 });
    expect(await claimAs(db.prisma, c.id, T0 + 61_000, { outcomeTimeoutMs: 60_000 })).toEqual({ kind: 'idle', status: 'completed' });
    expect(await openCalls(c.id)).toEqual([{ slot: 0, open: 0, calling: 0 }]);
    expect((await attempts(c.id)).map((a) => a.outcome)).toEqual(['no_result', 'no_result']);
  });

  it('end as unknown with a batch the provider may or may not have, and the campaign then completes', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 3 });
    const decision = await claimAs(db.prisma, c.id, T0, { workerId: 'w-dead' });
    if (decision.kind !== 'send') throw new Error('expected a batch');
    await markBatchSending(db.prisma, decision.batch.batchId);
    // The worker dies with the request out; another takes over after its lease.
    expect(await claimAs(db.prisma, c.id, T0 + 31_000, { workerId: 'w2' })).toEqual({ kind: 'sleep', untilMs: T0 + 31_000 });
    expect(await openCalls(c.id)).toEqual([{ slot: 0, open: 0, calling: 0 }]);
    expect((await attempts(c.id)).map((a) => a.outcome)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(await claimAs(db.prisma, c.id, T0 + 31_000, { workerId: 'w2' })).toEqual({ kind: 'idle', status: 'completed' });
  });

  it('given back by a pause leave their batch with nothing open and no attempt behind', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 6 });
    const claimed = await claimAs(db.prisma, c.id, T0);
    if (claimed.kind !== 'send') throw new Error('expected a batch');
    expect(await changeCampaignStatus(db.prisma, 'pause', { tenantId: c.tenantId, campaignId: c.id, actor: 'test', nowMs: T0 + 500 })).toMatchObject({ ok: true });
    expect(await openCalls(c.id)).toEqual([{ slot: 0, open: 0, calling: 0 }]);
    expect(await attempts(c.id)).toEqual([]);
  });
});
