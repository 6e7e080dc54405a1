import { describe, expect, it } from 'vitest';
import { markBatchSending, markBatchSent } from './batches.ts';
import { recordCallEvents, type CallEvent } from './outcomes.ts';
import { claimAs, seedCampaign, useTestDb } from './test-fixtures.ts';

const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

// call_attempts has no foreign keys to its number and batch (schema.prisma says why); these are
// the deletes the keys' ON DELETE CASCADE used to do, now done by statement-level triggers.
const cdrOf = (sessionId: string, phone: string, atMs: number): CallEvent => ({
  dedupeKey: `${sessionId}-${phone}`,
  state: 'cdr',
  autocallId: sessionId,
  phone,
  answered: false,
  answerSec: 0,
  hangupCause: null,
  callUuid: null,
  atMs,
  payload: {},
});

async function campaignWithAttempts(nowMs: number) {
  const c = await seedCampaign(db.prisma, { nowMs, count: 6 });
  const decision = await claimAs(db.prisma, c.id, nowMs);
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  await markBatchSending(db.prisma, decision.batch.batchId);
  await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: `s-${nowMs}`, nowMs });
  // An attempt row is written with the outcome of a call that does not end its number: the calls
  // end unanswered, to be dialled again.
  const ended = decision.batch.phones.map((phone) => cdrOf(`s-${nowMs}`, phone, nowMs + 1_000));
  await recordCallEvents(db.prisma, ended, nowMs + 1_000);
  const attempts = () => db.prisma.callAttempt.count({ where: { campaignId: c.id } });
  expect(await attempts()).toBe(4);
  return { ...c, batchId: decision.batch.batchId, attempts };
}

describe('attempts go with what they belong to', () => {
  it('deleting a campaign deletes its attempts (through its numbers and batches), and no other campaign\'s', async () => {
    const kept = await campaignWithAttempts(Date.UTC(2026, 7, 1));
    const gone = await campaignWithAttempts(Date.UTC(2026, 7, 2));
    await db.prisma.$executeRaw`DELETE FROM campaigns WHERE id = ${gone.id}::uuid`;
    expect(await gone.attempts()).toBe(0);
    expect(await kept.attempts()).toBe(4);
  });

  it('deleting a number or a batch deletes its attempts', async () => {
    const c = await campaignWithAttempts(Date.UTC(2026, 7, 3));
    const [first] = await db.prisma.campaignNumber.findMany({ where: { campaignId: c.id }, orderBy: { position: 'asc' }, take: 1 });
    await db.prisma.$executeRaw`DELETE FROM campaign_numbers WHERE campaign_id = ${c.id}::uuid AND id = ${first!.id}`;
    expect(await c.attempts()).toBe(3);
    await db.prisma.$executeRaw`DELETE FROM batches WHERE campaign_id = ${c.id}::uuid AND id = ${c.batchId}`;
    expect(await c.attempts()).toBe(0);
  });
});
