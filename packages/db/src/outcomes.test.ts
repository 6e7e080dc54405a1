import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@autocall/testing';
import { markBatchSending, markBatchSent } from './batches.ts';
import { applyPendingEvents } from './outcome-applier.ts';
import { appendCallEvents, applyCallEvents, recordCallEvents, type CallEvent } from './outcomes.ts';
import { sqlOf, sqlOver } from './sql.ts';
import { callWebhookPayload, createWebhookEndpoint } from './webhooks.ts';
import { transaction } from './sql.ts';
import { claimAs, lockWaiters, seedCampaign, useTestDb } from './test-fixtures.ts';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const OUTCOME_TIMEOUT_MS = 1_800_000;
const shared = useTestDb();
const db = { get prisma() { return shared.db.prisma; } };

function cdr(sessionId: string, phone: string, answered: boolean, atMs: number): CallEvent {
  const key = `${sessionId}-${phone}-${atMs}`;
  return { dedupeKey: key, state: 'cdr', autocallId: sessionId, phone, answered, answerSec: answered ? 5 : 0, hangupCause: null, callUuid: key, atMs, payload: {} };
}

// One slot sent and handed back the way the worker does it: with nothing else due, the campaign
// sleeps until its calls' outcome deadline.
async function sendAndHandBack(campaignId: string, sessionId: string) {
  const decision = await claimAs(db.prisma, campaignId, T0, { outcomeTimeoutMs: OUTCOME_TIMEOUT_MS });
  if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
  await markBatchSending(db.prisma, decision.batch.batchId);
  await markBatchSent(db.prisma, {
    batchId: decision.batch.batchId,
    sessionId,
    nowMs: T0,
    release: { workerId: 'w1', nextWakeAtMs: T0 + OUTCOME_TIMEOUT_MS },
  });
  return decision.batch;
}

// The counters the triggers keep, against a count of the rows themselves.
async function expectCountersMatchRows(campaignId: string) {
  const [kept, counted] = await Promise.all([
    db.prisma.$queryRaw<{ name: string; n: bigint }[]>`
      SELECT name, n FROM campaign_counts WHERE campaign_id = ${campaignId}::uuid AND n <> 0 ORDER BY name`,
    db.prisma.$queryRaw<{ name: string; n: bigint }[]>`
      SELECT name, n FROM (
        SELECT 'number:' || status AS name, count(*) AS n FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid GROUP BY 1
        -- Batches on their way out are counted live by readers, not by the trigger (migration
        -- 20261207060000_unsent_batches_counted_live).
        UNION ALL SELECT 'batch:' || status, count(*) FROM batches
          WHERE campaign_id = ${campaignId}::uuid AND status NOT IN ('claimed', 'sending') GROUP BY 1
        UNION ALL SELECT 'attempts', count(*) FROM call_attempts WHERE campaign_id = ${campaignId}::uuid HAVING count(*) > 0
      ) AS rows ORDER BY name`,
  ]);
  expect(kept).toEqual(counted);
}

const campaignRow = (id: string) => db.prisma.campaign.findUniqueOrThrow({ where: { id } });
const statuses = async (id: string) =>
  (await db.prisma.campaignNumber.findMany({ where: { campaignId: id }, orderBy: { position: 'asc' } })).map((n) => n.status);

describe('outcomes settle their campaign in the same transaction', () => {
  it('a crash after the outcomes are applied leaves neither the outcomes nor the settle; the next delivery applies both, and the retry goes out on time', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2, maxRetryOfDetail: 1, retryAfterSeconds: 60 });
    const batch = await sendAndHandBack(c.id, 's-crash');
    expect((await campaignRow(c.id)).nextWakeAt?.getTime()).toBe(T0 + OUTCOME_TIMEOUT_MS);
    const events = [cdr('s-crash', batch.phones[0]!, false, T0 + 2_000)];

    const crash = new Error('process died before the commit');
    await expect(
      transaction(db.prisma, async (tx) => {
        const applied = await applyCallEvents(tx, events, T0 + 2_000);
        expect(applied.wakes).toEqual([{ campaignId: c.id, atMs: T0 + 62_000 }]);
        throw crash;
      }),
    ).rejects.toBe(crash);
    expect((await campaignRow(c.id)).nextWakeAt?.getTime()).toBe(T0 + OUTCOME_TIMEOUT_MS);
    expect(await statuses(c.id)).toEqual(['calling', 'calling']);
    expect(await db.prisma.providerEvent.count({ where: { autocallId: 's-crash' } })).toBe(0);

    // The provider re-delivers the unacknowledged webhook.
    const result = await recordCallEvents(db.prisma, events, T0 + 2_000);
    expect(result).toMatchObject({ matched: 1, wakes: [{ campaignId: c.id, atMs: T0 + 62_000 }], completed: [] });
    expect((await campaignRow(c.id)).nextWakeAt?.getTime()).toBe(T0 + 62_000);
    expect(await statuses(c.id)).toEqual(['retry', 'calling']);

    // The worker woken at that time finds the first slot at or after it, and sends the retry there.
    const woken = await claimAs(db.prisma, c.id, T0 + 62_000, { outcomeTimeoutMs: OUTCOME_TIMEOUT_MS });
    expect(woken).toEqual({ kind: 'sleep', untilMs: T0 + 70_000 });
    const retry = await claimAs(db.prisma, c.id, T0 + 70_000, { outcomeTimeoutMs: OUTCOME_TIMEOUT_MS });
    expect(retry).toMatchObject({ kind: 'send', batch: { phones: [batch.phones[0]], slotTimeMs: T0 + 70_000 } });
    await expectCountersMatchRows(c.id);
  });

  it('completes the campaign in the transaction of its last outcome, and not at all when that transaction fails', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const batch = await sendAndHandBack(c.id, 's-last');
    const events = batch.phones.map((p) => cdr('s-last', p, true, T0 + 3_000));

    await expect(
      transaction(db.prisma, async (tx) => {
        expect((await applyCallEvents(tx, events, T0 + 3_000)).completed).toEqual([c.id]);
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(await campaignRow(c.id)).toMatchObject({ status: 'running', completedAt: null });
    expect(await statuses(c.id)).toEqual(['calling', 'calling']);

    expect((await recordCallEvents(db.prisma, events, T0 + 3_000)).completed).toEqual([c.id]);
    expect(await campaignRow(c.id)).toMatchObject({ status: 'completed', completedAt: new Date(T0 + 3_000), nextWakeAt: null });
    expect(await statuses(c.id)).toEqual(['answered', 'answered']);
    await expectCountersMatchRows(c.id);
  });
});

describe('outbound call webhooks from outcomes', () => {
  it("an outcome's outbound body is the one callWebhookPayload writes, field for field, and none is written without an endpoint", async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 3, maxRetryOfDetail: 0 });
    const endpoint = await createWebhookEndpoint(db.prisma, { tenantId: c.tenantId, url: 'https://example.com/h', events: ['call.answered', 'call.failed'], secret: 's', nowMs: T0 });
    const unsubscribed = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    const batch = await sendAndHandBack(c.id, 's-body');
    const other = await sendAndHandBack(unsubscribed.id, 's-none');
    const [answered, failed, noCause] = batch.phones;
    const events: CallEvent[] = [
      { ...cdr('s-body', answered!, true, T0 + 1_234), hangupCause: 'NORMAL_CLEARING' },
      { ...cdr('s-body', failed!, false, T0 + 2_345), hangupCause: 'NO_ANSWER' },
      { ...cdr('s-body', noCause!, false, T0 + 2_456), callUuid: null },
      cdr('s-none', other.phones[0]!, true, T0 + 1_000),
    ];
    // Received no later than the next describe's events (its applier reads past these inline ones).
    await recordCallEvents(db.prisma, events, T0 + 3_000);

    const rows = await db.prisma.webhookDelivery.findMany({ orderBy: { id: 'asc' } });
    expect(rows.every((r) => r.endpointId === endpoint.id)).toBe(true);
    const expected = events.slice(0, 3).map((e) => ({
      event: e.answered ? 'call.answered' : 'call.failed',
      payload: JSON.parse(
        callWebhookPayload({
          campaignId: c.id,
          event: e.answered ? 'call.answered' : 'call.failed',
          data: { phone: e.phone, status: e.answered ? 'answered' : 'failed', attempts: 1, answerSec: e.answerSec, hangupCause: e.hangupCause, providerCallId: e.callUuid, at: e.atMs },
        }),
      ),
    }));
    const byPhone = (list: { payload: unknown }[]) => [...list].sort((a, b) => String((a.payload as { phone: string }).phone).localeCompare((b.payload as { phone: string }).phone));
    expect(byPhone(rows.map((r) => ({ event: r.eventType, payload: r.payload })))).toEqual(byPhone(expected));
  });
});

describe('appended events, applied behind the reply', () => {
  const append = (events: CallEvent[], atMs: number) => appendCallEvents(sqlOf(db.prisma), events, atMs);

  it('applies each call once, the first stored cdr winning; duplicates and replays change nothing', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2, maxRetryOfDetail: 1, retryAfterSeconds: 60 });
    const batch = await sendAndHandBack(c.id, 's-app');
    const first = cdr('s-app', batch.phones[0]!, false, T0 + 2_000);
    const late = cdr('s-app', batch.phones[0]!, true, T0 + 3_000);
    expect(await append([first, first, late], T0 + 3_000)).toBe(2);
    expect(await append([first], T0 + 4_000)).toBe(0);
    expect(await statuses(c.id)).toEqual(['calling', 'calling']);

    // The workers' sweep leaves events younger than its cut-off to the API that appended them.
    expect(await applyPendingEvents(db.prisma, T0 + 5_000, 100, { receivedBeforeMs: T0 + 3_000 })).toMatchObject({ taken: 0 });
    const applied = await applyPendingEvents(db.prisma, T0 + 5_000, 100, { receivedBeforeMs: T0 + 3_001 });
    expect(applied).toMatchObject({ taken: 2, matched: 1, outcomes: [{ phone: batch.phones[0], outcome: 'retry' }] });
    expect(await statuses(c.id)).toEqual(['retry', 'calling']);
    expect((await campaignRow(c.id)).nextWakeAt?.getTime()).toBe(T0 + 62_000);
    expect(await applyPendingEvents(db.prisma, T0 + 6_000, 100)).toMatchObject({ taken: 0, matched: 0 });
    // Both events are behind the applier's mark (nothing was written into them); the first one's
    // call is the one recorded on the attempt.
    const passed = await db.prisma.$queryRaw<{ passed: boolean }[]>`
      SELECT (xact, id) <= (SELECT applied_xact, applied_id FROM outcome_applier WHERE id = 1) AS passed
      FROM provider_events WHERE autocall_id = 's-app' ORDER BY id`;
    expect(passed.map((p) => p.passed)).toEqual([true, true]);
    const attempts = await db.prisma.callAttempt.findMany({ where: { campaignId: c.id, outcome: { not: 'pending' } } });
    expect(attempts.map((a) => a.providerCallId)).toEqual([first.callUuid]);
  });

  it('a cdr that beats the batch\'s "sent" write is applied whichever of the applier and that write comes second', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 8, numberCallPerTime: 4 });
    for (const [session, applierFirst] of [['s-early-a', true], ['s-early-b', false]] as const) {
      const decision = await claimAs(db.prisma, c.id, session === 's-early-a' ? T0 : T0 + 10_000);
      if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
      await markBatchSending(db.prisma, decision.batch.batchId);
      await append(decision.batch.phones.map((p) => cdr(session, p, true, T0 + 10_500)), T0 + 10_500);
      if (applierFirst) expect(await applyPendingEvents(db.prisma, T0 + 10_600, 100)).toMatchObject({ taken: 4, matched: 0 });
      await markBatchSent(db.prisma, { batchId: decision.batch.batchId, sessionId: session, nowMs: T0 + 10_700 });
      if (!applierFirst) expect(await applyPendingEvents(db.prisma, T0 + 10_800, 100)).toMatchObject({ taken: 4, matched: 4 });
    }
    expect(await statuses(c.id)).toEqual(Array(8).fill('answered'));
    expect(await campaignRow(c.id)).toMatchObject({ status: 'completed' });
    await expectCountersMatchRows(c.id);
  });

  it('an applier that meets a "sent" mark still open waits for its session, then applies the cdr', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    const decision = await claimAs(db.prisma, c.id, T0);
    if (decision.kind !== 'send') throw new Error(`expected a batch, got ${JSON.stringify(decision)}`);
    await markBatchSending(db.prisma, decision.batch.batchId);
    await append([cdr('s-open', decision.batch.phones[0]!, true, T0 + 500)], T0 + 500);
    const marking = await shared.db.pool.connect();
    try {
      await marking.query('BEGIN');
      // The mark holds the session's lock until it commits; no cdr was waiting when it looked.
      await markBatchSent(sqlOver(marking), { batchId: decision.batch.batchId, sessionId: 's-open', nowMs: T0 + 600 });
      const applying = applyPendingEvents(db.prisma, T0 + 700, 100);
      // The applier found no campaign for the session (the batch is not sent in what it can see)
      // and waits for the session's lock all the same.
      await expect.poll(() => lockWaiters(db.prisma), { timeout: 5_000, interval: 20 }).toBe(1);
      await marking.query('COMMIT');
      // It matched once the mark committed; the campaign was not among those it had locked, so
      // the event is left for the next set rather than passed.
      expect(await applying).toMatchObject({ taken: 1, matched: 0, more: true });
    } finally {
      marking.release();
    }
    expect(await applyPendingEvents(db.prisma, T0 + 800, 100)).toMatchObject({ matched: 1 });
    expect(await statuses(c.id)).toEqual(['answered']);
    await expectCountersMatchRows(c.id);
  });

  it('never passes an event whose transaction commits after a younger one: it is held back, then applied', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const batch = await sendAndHandBack(c.id, 's-order');
    const [older, younger] = batch.phones.map((p) => cdr('s-order', p, true, T0 + 1_000));
    // The older transaction appends first (so its id is older) but commits last.
    const slow = await shared.db.pool.connect();
    try {
      await slow.query('BEGIN');
      await appendCallEvents(sqlOver(slow), [older!], T0 + 1_000);
      await append([younger!], T0 + 1_000);

      // While the older one is open the younger is held back: after waiting for it, the set
      // applies nothing and says there is more; the mark does not move past either event.
      const held = await applyPendingEvents(db.prisma, T0 + 2_000, 100);
      expect(held).toMatchObject({ taken: 0, more: true });
      expect(await statuses(c.id)).toEqual(['calling', 'calling']);

      // A set that starts while the older one is open waits for it and applies both.
      const waiting = applyPendingEvents(db.prisma, T0 + 3_000, 100);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await slow.query('COMMIT');
      expect(await waiting).toMatchObject({ taken: 2, matched: 2, completed: [c.id], more: false });
    } finally {
      slow.release();
    }
    expect(await statuses(c.id)).toEqual(['answered', 'answered']);
    await expectCountersMatchRows(c.id);
  });

  it('a transaction left open in another database holds nothing back: the event is applied at once', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 1 });
    const batch = await sendAndHandBack(c.id, 's-elsewhere');
    // Another product's database on the same server (or another test file's, in a parallel suite),
    // with a writer that began before the event was appended and is still open.
    const elsewhere = await createTestDatabase({ empty: true });
    const writer = new pg.Client({ connectionString: elsewhere.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('CREATE TEMP TABLE held (x int)');
      await writer.query('INSERT INTO held VALUES (1)');
      await append([cdr('s-elsewhere', batch.phones[0]!, true, T0 + 1_000)], T0 + 1_000);

      // Not held back (that would read taken 0, more true, after waiting for the writer).
      expect(await applyPendingEvents(db.prisma, T0 + 2_000, 100)).toMatchObject({ taken: 1, matched: 1, completed: [c.id], more: false });
      expect(await statuses(c.id)).toEqual(['answered']);
    } finally {
      await writer.query('ROLLBACK');
      await writer.end();
      await elsewhere.drop();
    }
    await expectCountersMatchRows(c.id);
  });

  // Last in this file: it moves the mark back, so earlier events are passed again (harmlessly).
  it('after a restore into a server with lower transaction ids, new events are still applied', async () => {
    const c = await seedCampaign(db.prisma, { nowMs: T0, count: 2 });
    const batch = await sendAndHandBack(c.id, 's-restored');
    const [early, late] = batch.phones.map((p) => cdr('s-restored', p, true, T0 + 1_000));
    // What a logical dump restored elsewhere looks like: an event and the mark past it carry
    // transaction ids this server has not reached.
    await append([early!], T0 + 1_000);
    const future = '9000000000000';
    await db.prisma.$executeRaw`UPDATE provider_events SET xact = ${future}::xid8 WHERE autocall_id = 's-restored'`;
    await db.prisma.$executeRaw`UPDATE outcome_applier SET applied_xact = ${future}::xid8, applied_id = (SELECT max(id) FROM provider_events)`;
    await append([late!], T0 + 1_000);

    // The restored event was passed under the old mark (the dump was taken after), so only the
    // new one is applied; nothing is held back for good.
    const result = await applyPendingEvents(db.prisma, T0 + 2_000, 10_000);
    expect(result.outcomes).toEqual([{ campaignId: c.id, phone: batch.phones[1], outcome: 'answered' }]);
    expect(result.more).toBe(false);
    expect(await statuses(c.id)).toEqual(['calling', 'answered']);
    const [mark] = await db.prisma.$queryRaw<{ xact: string }[]>`SELECT applied_xact::text AS xact FROM outcome_applier`;
    expect(BigInt(mark!.xact)).toBeLessThan(BigInt(future));
  });
});
