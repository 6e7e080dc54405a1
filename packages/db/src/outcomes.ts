import { callOutcome, type OutcomeDecision } from '@autocall/domain';
import type { PrismaClient } from './client.ts';
import { inOrder, transaction, type Sql as Db } from './sql.ts';
import { completeCampaign } from './dispatch.ts';
import { Prisma } from './generated/client.ts';
import { callWebhooksInsert } from './webhooks.ts';
import { closeOpenCalls } from './batch-moves.ts';

// A provider call webhook, already parsed and with its phone number normalised.
export type CallEvent = {
  dedupeKey: string;
  state: string;
  autocallId: string | null;
  phone: string | null;
  // Only meaningful for `cdr` events: the end of a call.
  answered: boolean;
  answerSec: number | null;
  hangupCause: string | null;
  callUuid: string | null;
  atMs: number;
  payload: unknown;
};

export type RecordedEvents = {
  stored: number;
  duplicates: number;
  matched: number;
  outcomes: { campaignId: string; phone: string; outcome: 'answered' | 'retry' | 'failed' }[];
  // Campaigns whose next wake moved earlier because a retry fell due: the caller enqueues these.
  wakes: { campaignId: string; atMs: number }[];
  completed: string[];
};

type Match = {
  dedupe_key: string;
  number_id: bigint | string;
  campaign_id: string;
  batch_id: bigint | string;
  dialed_at: Date;
  phone: string;
  attempts: number;
  max_retry_of_detail: number;
  retry_after_seconds: number;
};

export type AppliedOutcome = { campaignId: string; phone: string; next: OutcomeDecision };

const emptyResult = (): RecordedEvents => ({ stored: 0, duplicates: 0, matched: 0, outcomes: [], wakes: [], completed: [] });

// Webhooks and the "batch sent" write both take the session's lock, in a fixed order, so a cdr
// that races its batch's acceptance is matched by whichever of the two commits second.
export async function lockSessions(tx: Db, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(h))::int AS locked FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest(${sessionIds}::text[]) AS s ORDER BY h) AS locks`;
}

// A stored provider event, as the applier reads it back.
export type StoredEvent = {
  id: bigint;
  dedupe_key: string;
  state: string;
  autocall_id: string | null;
  to_number: string | null;
  answered: boolean | null;
  answer_sec: number | null;
  hangup_cause: string | null;
  call_uuid: string | null;
  occurred_at: Date | null;
};

export const STORED_COLUMNS = Prisma.sql`id, dedupe_key, state, autocall_id, to_number, answered, answer_sec, hangup_cause, call_uuid, occurred_at`;

// The webhook route's whole write: one INSERT of the raw events (no locks, no matching), each
// event once by its dedupe key. What they mean is applied behind the reply (applyPendingEvents).
// Returns how many were stored (duplicates are not); nothing is read back, which the route has no
// use for (parsing the returned rows was ~5 % of the API's webhook time).
export async function appendCallEvents(db: Db, events: CallEvent[], nowMs: number): Promise<number> {
  if (events.length === 0) return 0;
  return db.$executeRaw`${insertEvents(events, nowMs, false)}`;
}

// The INSERT behind appendCallEvents. `appliedInline`: the caller applies the events in the same
// transaction (applyCallEvents), so the applier passes them by.
function insertEvents(events: CallEvent[], nowMs: number, appliedInline: boolean): Prisma.Sql {
  const rows = JSON.stringify(
    events.map((e) => ({
      dedupe_key: e.dedupeKey,
      state: e.state,
      autocall_id: e.autocallId,
      to_number: e.phone,
      answered: e.answered,
      answer_sec: e.answerSec,
      hangup_cause: e.hangupCause,
      call_uuid: e.callUuid,
      occurred_at: new Date(e.atMs).toISOString(),
      payload: e.payload ?? null,
    })),
  );
  return Prisma.sql`
    INSERT INTO provider_events (dedupe_key, state, autocall_id, to_number, answered, answer_sec, hangup_cause, call_uuid,
                                 occurred_at, payload, received_at, applied_inline)
    SELECT e.dedupe_key, e.state, e.autocall_id, e.to_number, e.answered, e.answer_sec, e.hangup_cause, e.call_uuid,
           e.occurred_at, COALESCE(e.payload, 'null'::jsonb), ${new Date(nowMs)}::timestamptz, ${appliedInline}
    FROM jsonb_to_recordset(${rows}::jsonb) AS e(dedupe_key text, state text, autocall_id text, to_number text, answered boolean,
      answer_sec int, hangup_cause text, call_uuid text, occurred_at timestamptz, payload jsonb)
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

// Appends the events and applies them at once, in one transaction (the db tests and tools; the
// webhook route appends and lets the applier work behind its reply).
export async function recordCallEvents(prisma: PrismaClient, events: CallEvent[], nowMs: number): Promise<RecordedEvents> {
  if (events.length === 0) return emptyResult();
  return transaction(prisma, (tx) => applyCallEvents(tx, events, nowMs));
}

// recordCallEvents inside the caller's transaction.
export async function applyCallEvents(tx: Db, events: CallEvent[], nowMs: number): Promise<RecordedEvents> {
  const stored = events.length === 0 ? [] : await tx.$queryRaw<StoredEvent[]>`${insertEvents(events, nowMs, true)} RETURNING ${STORED_COLUMNS}`;
  const { result, deferred } = await applyStoredEvents(tx, stored, nowMs);
  // A cdr whose session was recorded as sent while this ran (see applyStoredEvents) is left to the
  // applier after all (rare: one write, only then).
  if (deferred.length > 0) {
    await tx.$executeRaw`UPDATE provider_events SET applied_inline = false WHERE id = ANY(${deferred.map((e) => String(e.id))}::bigint[])`;
  }
  return { ...result, stored: stored.length, duplicates: events.length - stored.length };
}

// Matches the cdrs among stored events to the calls they end, applies the outcomes and settles
// the campaigns, in the caller's transaction. A fixed number of statements for any number of
// events: the campaign locks, the session locks, the match, one statement for attempts, numbers
// and outbox, the settle. Lock order as everywhere (batch-moves.ts): campaign rows (by id),
// sessions, numbers. Re-delivered, late and unmatched events change nothing; of two cdrs for one
// call the first stored wins. Returns the events it had to leave for a later pass (`deferred`).
export async function applyStoredEvents(tx: Db, events: StoredEvent[], nowMs: number): Promise<{ result: RecordedEvents; deferred: StoredEvent[] }> {
  if (events.length === 0) return { result: emptyResult(), deferred: [] };
  const now = new Date(nowMs);
  const cdrs = events.filter((e) => e.state === 'cdr' && e.autocall_id && e.to_number);
  const sessions = [...new Set(cdrs.map((e) => e.autocall_id!))];
  // Campaign rows before session locks (the lock order in batch-moves.ts): "batch sent" holds its
  // campaign and then waits for its session, so taking a session first could deadlock against it.
  // The match is a statement of its own after the locks (it must see a "sent" mark that committed
  // while they were awaited), sent with them in one round trip (inOrder).
  const [campaigns, found] = await inOrder(tx, [() => lockCampaignsAndSessions(tx, sessions), () => matchCdrs(tx, cdrs)] as const);
  // A session recorded as sent after the campaigns were looked up belongs to a campaign this
  // transaction does not hold: its events are left for the next pass rather than lock it late.
  const matches = found.filter((m) => campaigns.has(m.campaign_id));
  const deferredKeys = new Set(found.filter((m) => !campaigns.has(m.campaign_id)).map((m) => m.dedupe_key));
  const applied = await applyMatches(tx, matches, new Map(cdrs.map((e) => [e.dedupe_key, callEventOf(e)])), campaigns, now);
  const settled = await settleOutcomes(tx, applied, nowMs);
  return {
    result: {
      ...emptyResult(),
      matched: applied.length,
      outcomes: applied.map((a) => ({ campaignId: a.campaignId, phone: a.phone, outcome: a.next.status })),
      ...settled,
    },
    deferred: events.filter((e) => deferredKeys.has(e.dedupe_key)),
  };
}

function callEventOf(r: StoredEvent): CallEvent {
  return {
    dedupeKey: r.dedupe_key,
    state: r.state,
    autocallId: r.autocall_id,
    phone: r.to_number,
    answered: r.answered ?? false,
    answerSec: r.answer_sec,
    hangupCause: r.hangup_cause,
    callUuid: r.call_uuid,
    atMs: r.occurred_at?.getTime() ?? 0,
    payload: null,
  };
}

// The campaigns whose batches went out under these provider sessions (read without locks), their
// rows locked in id order, then the sessions' locks as lockSessions takes them: one round trip.
// Campaign rows in id order are the order the claim and the lifecycle changes use (campaign row,
// then its numbers), so an outcome that settles its campaign in its own transaction never
// deadlocks against them. The session locks are taken even when no campaign is found (a cdr that
// beat its batch's "sent" mark): waiting for that mark is what lets the match that follows, in a
// statement of its own, see the batch sent. Returns each campaign's status.
async function lockCampaignsAndSessions(tx: Db, sessionIds: string[]): Promise<CampaignStatuses> {
  if (sessionIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string | null; status: string | null }[]>`
    WITH locked AS (
      -- The ids as an array computed once (an InitPlan), so that the campaigns are found by their
      -- primary key whatever the table's statistics (as IN (...) the planner may hash a scan).
      SELECT c.id, c.status::text AS status FROM campaigns c
      WHERE c.id = ANY (ARRAY(
        SELECT b.campaign_id FROM unnest(${sessionIds}::text[]) AS s(id)
        -- One probe of the session index per session (OFFSET 0 keeps it a probe): as one = ANY(...)
        -- filter the planner scanned every batch (5 ms a call in the timing bench).
        CROSS JOIN LATERAL (SELECT campaign_id FROM batches WHERE provider_session_id = s.id OFFSET 0) b))
      ORDER BY c.id FOR UPDATE
    ), sessions AS MATERIALIZED (
      -- Only once every campaign row above is locked (the scalar subquery reads them all first).
      SELECT count(pg_advisory_xact_lock(h)) AS locked
      FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest(${sessionIds}::text[]) AS s ORDER BY h) AS locks
      WHERE (SELECT count(*) FROM locked) >= 0
    )
    -- The sessions' row drives the join, so their locks are taken even when no campaign is found.
    SELECT l.id, l.status FROM sessions LEFT JOIN locked l ON true`;
  return new Map(rows.filter((r) => r.id !== null).map((r) => [r.id!, r.status!]));
}

type CampaignStatuses = Map<string, string>;

// cdr events stored before their session id was known (the provider answered faster than we
// recorded the batch as sent): applied now, inside the caller's transaction.
export async function applyWaitingCdrs(tx: Db, sessionId: string, now: Date): Promise<AppliedOutcome[]> {
  // The campaign found by its primary key (the session's batches' ids as an InitPlan array): as a
  // join the planner hashed a scan of every campaign (auto_explain, timing bench).
  // waiting_cdrs (a migration's function, also behind markBatchSent's has_waiting_cdrs): the
  // session's cdrs the applier has passed, or that were applied where they were appended; ones it
  // has not taken yet it matches itself. Those already matched find no pending call now. Read in
  // a statement after the lock, sent with it (inOrder).
  const [locked, rows] = await inOrder(tx, [
    () => tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT c.id, c.status::text AS status FROM campaigns c
      WHERE c.id = ANY (ARRAY(SELECT b.campaign_id FROM batches b WHERE b.provider_session_id = ${sessionId}))
      ORDER BY c.id FOR UPDATE`,
    () => tx.$queryRaw<StoredEvent[]>`SELECT ${STORED_COLUMNS} FROM waiting_cdrs(${sessionId}::text) ORDER BY id`,
  ] as const);
  const campaigns: CampaignStatuses = new Map(locked.map((r) => [r.id, r.status]));
  return applyCdrs(tx, rows, campaigns, now);
}

// The call each cdr ends: its batch by session id, its number by phone, still 'calling' in that
// batch (a call has no attempt row until its outcome). `events` is any relation with columns (id,
// dedupe_key, state, autocall_id, to_number); of two events for one call, the lower id (stored
// first) wins.
function cdrMatches(events: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (n.id) e.dedupe_key, n.id AS number_id, b.campaign_id, b.id AS batch_id, b.dialed_at, n.phone, n.attempts,
           c.max_retry_of_detail, c.retry_after_seconds
    FROM ${events} e
    -- Per event: one probe each of the session and (campaign_id, phone) indexes.
    -- OFFSET 0 keeps the planner from flattening these into plain joins, whose plan depends on
    -- table statistics: on young tables it walked every pending attempt of the batch (or every
    -- calling number of the campaign) for each event, and with few events it hashed a scan of
    -- every batch ever sent; both grew with the tables, to seconds per webhook.
    CROSS JOIN LATERAL (SELECT id, campaign_id, dialed_at FROM batches WHERE provider_session_id = e.autocall_id OFFSET 0) b
    CROSS JOIN LATERAL (
      SELECT id, phone, attempts, status, last_batch_id FROM campaign_numbers WHERE campaign_id = b.campaign_id AND phone = e.to_number OFFSET 0
    ) n
    JOIN campaigns c ON c.id = b.campaign_id
    WHERE e.state = 'cdr' AND n.status = 'calling' AND n.last_batch_id = b.id
    ORDER BY n.id, e.id`;
}

async function matchCdrs(tx: Db, cdrs: StoredEvent[]): Promise<Match[]> {
  if (cdrs.length === 0) return [];
  const events = Prisma.sql`unnest(${cdrs.map((c) => String(c.id))}::bigint[], ${cdrs.map((c) => c.dedupe_key)}::text[],
    ${cdrs.map((c) => c.state)}::text[], ${cdrs.map((c) => c.autocall_id)}::text[], ${cdrs.map((c) => c.to_number)}::text[])
    AS e(id, dedupe_key, state, autocall_id, to_number)`;
  return tx.$queryRaw<Match[]>`${cdrMatches(Prisma.sql`(SELECT * FROM ${events})`)}`;
}

// Matches already-passed cdrs that found no call then, and applies them.
async function applyCdrs(tx: Db, cdrs: StoredEvent[], campaigns: CampaignStatuses, now: Date): Promise<AppliedOutcome[]> {
  const matches = await matchCdrs(tx, cdrs);
  if (matches.length === 0) return [];
  return applyMatches(tx, matches, new Map(cdrs.map((e) => [e.dedupe_key, callEventOf(e)])), campaigns, now);
}

// The number statuses whose last call's result is kept on the number's row (schema.prisma).
const FINAL = Prisma.sql`'answered', 'failed', 'no_result', 'unknown'`;

// Settles each matched attempt and its number, and writes final outcomes to the webhook outbox:
// one statement. What each call's outcome means is the domain's rule (callOutcome).
async function applyMatches(
  tx: Db,
  matches: Match[],
  byKey: Map<string, CallEvent>,
  campaigns: CampaignStatuses,
  now: Date,
): Promise<AppliedOutcome[]> {
  if (matches.length === 0) return [];
  const decided = matches.map((m) => {
    const event = byKey.get(m.dedupe_key)!;
    const outcome = callOutcome({
      answered: event.answered,
      attempts: m.attempts,
      maxRetryOfDetail: m.max_retry_of_detail,
      retryAfterSeconds: m.retry_after_seconds,
      outcomeAtMs: event.atMs,
      campaignStatus: campaigns.get(m.campaign_id) ?? 'running',
    });
    return { m, event, outcome };
  });
  const u = Prisma.sql`unnest(
      ${decided.map((d) => String(d.m.number_id))}::bigint[], ${decided.map((d) => String(d.m.batch_id))}::bigint[],
      ${decided.map((d) => d.m.campaign_id)}::uuid[], ${decided.map((d) => d.m.dialed_at)}::timestamptz[],
      ${decided.map((d) => d.outcome.attemptOutcome)}::text[],
      ${decided.map((d) => new Date(d.event.atMs))}::timestamptz[], ${decided.map((d) => d.event.callUuid)}::text[],
      ${decided.map((d) => d.event.answerSec)}::int[], ${decided.map((d) => d.event.hangupCause)}::text[],
      ${decided.map((d) => d.outcome.numberStatus)}::text[],
      ${decided.map((d) => (d.outcome.nextAttemptAtMs === null ? null : new Date(d.outcome.nextAttemptAtMs)))}::timestamptz[],
      ${decided.map((d) => d.outcome.event)}::text[], ${decided.map((d) => d.m.phone)}::text[], ${decided.map((d) => d.m.attempts)}::int[])
    AS u(number_id, batch_id, campaign_id, dialed_at, outcome, at, call_uuid, answer_sec, hangup_cause, status, next_at, event, phone, attempts)`;
  // The outbound webhook's body (callWebhookPayload's fields), built by Postgres for the outcomes
  // that reach an endpoint, after the join: most tenants register none, and building, sending and
  // parsing a JSON body per outcome for nothing was ~1.5 % of the API's time under cdr webhooks.
  // The event's status is the number's (callOutcome raises one only for a final answered/failed).
  const notified = Prisma.sql`(
    SELECT campaign_id, event, jsonb_build_object('campaignId', campaign_id, 'phone', phone, 'status', status, 'attempts', attempts,
      'answerSec', answer_sec, 'hangupCause', hangup_cause, 'providerCallId', call_uuid,
      'at', (extract(epoch FROM at) * 1000)::bigint) AS payload
    FROM u WHERE event IS NOT NULL) AS u`;
  await tx.$executeRaw`
    WITH u AS (SELECT *, status IN (${FINAL}) AS final FROM ${u}),
    numbers AS (
      -- Each row by its primary key (campaign_id, id). The calling check is written so that no index
      -- can serve it (status::text): with young statistics the planner took the (campaign_id, status,
      -- ...) index instead and walked every calling number of the campaign per row, 1.2 ms each with
      -- 1,000 in flight (holding the campaign's row lock).
      -- A call that makes its number final leaves its result on the number (schema.prisma).
      UPDATE campaign_numbers n
      SET status = u.status::call_status, next_attempt_at = COALESCE(u.next_at, n.next_attempt_at), updated_at = ${now},
        outcome_at = CASE WHEN u.final THEN u.at END, answer_sec = CASE WHEN u.final THEN u.answer_sec END,
        hangup_cause = CASE WHEN u.final THEN u.hangup_cause END, provider_call_id = CASE WHEN u.final THEN u.call_uuid END
      FROM u WHERE n.campaign_id = u.campaign_id AND n.id = u.number_id AND n.status::text = 'calling' AND n.last_batch_id = u.batch_id
      RETURNING n.campaign_id, n.id, n.attempts, u.batch_id
    ),
    attempts AS (
      -- A call that does not end its number (dialled again, or ended after a cancel): its attempt,
      -- written once with its outcome and its batch's dial time.
      INSERT INTO call_attempts (number_id, campaign_id, batch_id, attempt_no, dialed_at, outcome, outcome_at, provider_call_id, answer_sec, hangup_cause)
      SELECT numbers.id, numbers.campaign_id, numbers.batch_id, numbers.attempts, u.dialed_at, u.outcome::attempt_outcome, u.at,
             u.call_uuid, u.answer_sec, u.hangup_cause
      FROM numbers JOIN u ON u.campaign_id = numbers.campaign_id AND u.number_id = numbers.id
      WHERE NOT u.final
      ON CONFLICT (campaign_id, number_id, attempt_no) DO NOTHING
    ),
    ${closeOpenCalls('closed', Prisma.sql`numbers`)}
    ${callWebhooksInsert(notified, now)}`;
  return decided.map((d) => ({ campaignId: d.m.campaign_id, phone: d.m.phone, next: d.outcome.decision }));
}

// Inside the outcome's transaction, with the campaign rows already locked
// (lockCampaignsAndSessions, or applyWaitingCdrs): move campaigns' next wake earlier for retries
// that fell due, and complete campaigns with nothing left open. The caller queues the wakes and drops the completed campaigns' wakes after the commit; a
// crash before that is repaired by the sweep, which reads next_wake_at.
export async function settleOutcomes(
  tx: Db,
  applied: AppliedOutcome[],
  nowMs: number,
): Promise<Pick<RecordedEvents, 'wakes' | 'completed'>> {
  const earliestRetry = new Map<string, number>();
  const finished = new Set<string>();
  for (const a of applied) {
    if (a.next.status === 'retry') {
      const at = a.next.nextAttemptAtMs;
      earliestRetry.set(a.campaignId, Math.min(at, earliestRetry.get(a.campaignId) ?? at));
    } else {
      finished.add(a.campaignId);
    }
  }
  const settled: Pick<RecordedEvents, 'wakes' | 'completed'> = { wakes: [], completed: [] };
  if (earliestRetry.size > 0) {
    const moved = await tx.$queryRaw<{ id: string; next_wake_at: Date }[]>`
      UPDATE campaigns c SET next_wake_at = w.at
      FROM unnest(${[...earliestRetry.keys()]}::uuid[], ${[...earliestRetry.values()].map((v) => new Date(v))}::timestamptz[]) AS w(id, at)
      WHERE c.id = w.id AND c.status = 'running' AND c.lease_owner IS NULL AND (c.next_wake_at IS NULL OR c.next_wake_at > w.at)
      RETURNING c.id, c.next_wake_at`;
    settled.wakes = moved.map((r) => ({ campaignId: r.id, atMs: r.next_wake_at.getTime() }));
  }
  const candidates = [...finished].filter((id) => !earliestRetry.has(id));
  if (candidates.length > 0) {
    // One statement for every campaign the outcomes touched: which have nothing left open, read
    // from the counters this transaction's own writes have already moved.
    const done = await tx.$queryRaw<{ id: string }[]>`
      -- OFFSET 0 keeps the look a probe of each campaign's counters: as an anti-join the planner
      -- hashed a scan of every campaign's counters (auto_explain, timing bench: 6,000 rows a call).
      SELECT c.id FROM unnest(${candidates}::uuid[]) AS c(id)
      WHERE NOT EXISTS (
        SELECT 1 FROM campaign_counts WHERE campaign_id = c.id AND n <> 0
          AND name IN ('number:pending', 'number:dialing', 'number:calling', 'number:retry') OFFSET 0)
      ORDER BY c.id`;
    for (const { id } of done) {
      if (await completeCampaign(tx, id, nowMs)) settled.completed.push(id);
    }
  }
  return settled;
}
