import { afterOutcome } from '@autocall/domain';
import type { PrismaClient } from './client.ts';
import { inTransaction, statementsOn, transaction, type Executor, type Sql as Db } from './sql.ts';
import { completeCampaign } from './dispatch.ts';
import { Prisma } from './generated/client.ts';
import { callWebhookPayload, callWebhooksInsert } from './webhooks.ts';

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
  // bigint from a plain row, text from the JSON the store-and-match statement returns.
  attempt_id: bigint | string;
  number_id: bigint | string;
  campaign_id: string;
  phone: string;
  attempts: number;
  max_retry_of_detail: number;
  retry_after_seconds: number;
};

export type AppliedOutcome = { campaignId: string; phone: string; next: ReturnType<typeof afterOutcome> };

const emptyResult = (): RecordedEvents => ({ stored: 0, duplicates: 0, matched: 0, outcomes: [], wakes: [], completed: [] });

// Webhooks and the "batch sent" write both take the session's lock, in a fixed order, so a cdr
// that races its batch's acceptance is matched by whichever of the two commits second.
export async function lockSessions(tx: Db, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(h))::int AS locked FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest(${sessionIds}::text[]) AS s ORDER BY h) AS locks`;
}

// Stores webhooks once each and applies `cdr` outcomes to their numbers, set-based: a fixed
// number of statements for any number of events (the session locks, one statement that matches
// the calls and stores the events with their attempt, one that applies the outcomes and writes
// the outbox). Re-delivered and late webhooks change nothing.
export async function recordCallEvents(prisma: PrismaClient, events: CallEvent[], nowMs: number): Promise<RecordedEvents> {
  if (events.length === 0) return emptyResult();
  const { result, applied } = await transaction(prisma, async (tx) => {
    const now = new Date(nowMs);
    const cdrs = events.filter((e) => e.state === 'cdr' && e.autocallId && e.phone);
    await lockSessions(tx, [...new Set(cdrs.map((e) => e.autocallId!))]);
    const source = Prisma.sql`unnest(
        ${events.map((e) => e.dedupeKey)}::text[], ${events.map((e) => e.state)}::text[],
        ${events.map((e) => e.autocallId)}::text[], ${events.map((e) => e.phone)}::text[],
        ${events.map((e) => e.answered)}::boolean[], ${events.map((e) => e.answerSec)}::int[],
        ${events.map((e) => e.hangupCause)}::text[], ${events.map((e) => e.callUuid)}::text[],
        ${events.map((e) => new Date(e.atMs))}::timestamptz[], ${events.map((e) => JSON.stringify(e.payload ?? null))}::jsonb[])
      AS e(dedupe_key, state, autocall_id, to_number, answered, answer_sec, hangup_cause, call_uuid, occurred_at, payload)`;
    // Matched before stored, so each event row is written once, with its attempt.
    const [row] = await tx.$queryRaw<{ stored: number; matches: Match[] | null }[]>`
      WITH e AS (SELECT * FROM ${source}),
      m AS (${cdrMatches(Prisma.sql`e`)}),
      stored AS (
        INSERT INTO provider_events (dedupe_key, state, autocall_id, to_number, answered, answer_sec, hangup_cause, call_uuid,
                                     occurred_at, payload, attempt_id, received_at)
        SELECT e.*, m.attempt_id, ${now}::timestamptz FROM e LEFT JOIN m ON m.dedupe_key = e.dedupe_key
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING dedupe_key
      )
      SELECT (SELECT count(*) FROM stored)::int AS stored,
        (SELECT json_agg(json_build_object('dedupe_key', m.dedupe_key, 'attempt_id', m.attempt_id::text, 'number_id', m.number_id::text,
            'campaign_id', m.campaign_id, 'phone', m.phone, 'attempts', m.attempts, 'max_retry_of_detail', m.max_retry_of_detail,
            'retry_after_seconds', m.retry_after_seconds))
         FROM m JOIN stored ON stored.dedupe_key = m.dedupe_key) AS matches`;
    const stored = row?.stored ?? 0;
    const result: RecordedEvents = { ...emptyResult(), stored, duplicates: events.length - stored };
    const byKey = new Map(cdrs.map((e) => [e.dedupeKey, e]));
    return { result, applied: await applyMatches(tx, row?.matches ?? [], byKey, now) };
  });
  result.matched = applied.length;
  result.outcomes = applied.map((a) => ({ campaignId: a.campaignId, phone: a.phone, outcome: a.next.status }));
  const settled = await settleCampaigns(prisma, applied, nowMs);
  return { ...result, ...settled };
}

// cdr events stored before their session id was known (the provider answered faster than we
// recorded the batch as sent): applied now, inside the caller's transaction.
export async function applyWaitingCdrs(tx: Db, sessionId: string, now: Date): Promise<AppliedOutcome[]> {
  const rows = await tx.$queryRaw<{ dedupe_key: string; to_number: string; answered: boolean; answer_sec: number | null; hangup_cause: string | null; call_uuid: string | null; occurred_at: Date }[]>`
    SELECT dedupe_key, to_number, answered, answer_sec, hangup_cause, call_uuid, occurred_at FROM provider_events
    WHERE autocall_id = ${sessionId} AND attempt_id IS NULL AND state = 'cdr' AND to_number IS NOT NULL ORDER BY id`;
  return applyCdrs(
    tx,
    rows.map((r) => ({
      dedupeKey: r.dedupe_key,
      state: 'cdr',
      autocallId: sessionId,
      phone: r.to_number,
      answered: r.answered,
      answerSec: r.answer_sec,
      hangupCause: r.hangup_cause,
      callUuid: r.call_uuid,
      atMs: r.occurred_at.getTime(),
      payload: null,
    })),
    now,
  );
}

// The call each cdr ends: its batch by session id, its number by phone, the attempt still pending.
// `events` is any relation with columns (dedupe_key, state, autocall_id, to_number).
function cdrMatches(events: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (a.id) e.dedupe_key, a.id AS attempt_id, a.number_id, a.campaign_id, n.phone, n.attempts,
           c.max_retry_of_detail, c.retry_after_seconds
    FROM ${events} e
    -- Per event: one probe each of the session, (campaign_id, phone) and number_id indexes.
    -- OFFSET 0 keeps the planner from flattening these into plain joins, whose plan depends on
    -- table statistics: on young tables it walked every pending attempt of the batch (or every
    -- calling number of the campaign) for each event, and with few events it hashed a scan of
    -- every batch ever sent; both grew with the tables, to seconds per webhook.
    CROSS JOIN LATERAL (SELECT id, campaign_id FROM batches WHERE provider_session_id = e.autocall_id OFFSET 0) b
    CROSS JOIN LATERAL (
      SELECT id, phone, attempts, status FROM campaign_numbers WHERE campaign_id = b.campaign_id AND phone = e.to_number OFFSET 0
    ) n
    CROSS JOIN LATERAL (SELECT id, number_id, campaign_id, batch_id, outcome FROM call_attempts WHERE number_id = n.id OFFSET 0) a
    JOIN campaigns c ON c.id = a.campaign_id
    WHERE e.state = 'cdr' AND n.status = 'calling' AND a.batch_id = b.id AND a.outcome = 'pending'
    ORDER BY a.id, e.dedupe_key`;
}

async function matchCdrs(tx: Db, cdrs: CallEvent[]): Promise<Match[]> {
  if (cdrs.length === 0) return [];
  const events = Prisma.sql`unnest(${cdrs.map((c) => c.dedupeKey)}::text[], ${cdrs.map((c) => c.state)}::text[],
    ${cdrs.map((c) => c.autocallId)}::text[], ${cdrs.map((c) => c.phone)}::text[]) AS e(dedupe_key, state, autocall_id, to_number)`;
  return tx.$queryRaw<Match[]>`${cdrMatches(Prisma.sql`(SELECT * FROM ${events})`)}`;
}

// Matches already-stored cdrs, links each event to its attempt and applies the outcomes.
async function applyCdrs(tx: Db, cdrs: CallEvent[], now: Date): Promise<AppliedOutcome[]> {
  const matches = await matchCdrs(tx, cdrs);
  if (matches.length === 0) return [];
  await tx.$executeRaw`
    UPDATE provider_events p SET attempt_id = u.attempt_id
    FROM unnest(${matches.map((m) => m.dedupe_key)}::text[], ${matches.map((m) => m.attempt_id)}::bigint[]) AS u(key, attempt_id)
    WHERE p.dedupe_key = u.key`;
  return applyMatches(tx, matches, new Map(cdrs.map((e) => [e.dedupeKey, e])), now);
}

// Settles each matched attempt and its number, and writes final outcomes to the webhook outbox:
// one statement. A call that ends after its campaign was cancelled is never retried.
async function applyMatches(tx: Db, matches: Match[], byKey: Map<string, CallEvent>, now: Date): Promise<AppliedOutcome[]> {
  if (matches.length === 0) return [];
  const decided = matches.map((m) => {
    const event = byKey.get(m.dedupe_key)!;
    const next = afterOutcome({
      answered: event.answered,
      attempts: m.attempts,
      maxRetryOfDetail: m.max_retry_of_detail,
      retryAfterSeconds: m.retry_after_seconds,
      outcomeAtMs: event.atMs,
    });
    const webhook =
      next.status === 'retry'
        ? null
        : {
            campaignId: m.campaign_id,
            event: next.status === 'answered' ? ('call.answered' as const) : ('call.failed' as const),
            data: {
              phone: m.phone,
              status: next.status,
              attempts: m.attempts,
              answerSec: event.answerSec,
              hangupCause: event.hangupCause,
              providerCallId: event.callUuid,
              at: event.atMs,
            },
          };
    return { m, event, next, webhook };
  });
  const u = Prisma.sql`unnest(
      ${decided.map((d) => String(d.m.attempt_id))}::bigint[], ${decided.map((d) => String(d.m.number_id))}::bigint[],
      ${decided.map((d) => d.m.campaign_id)}::uuid[], ${decided.map((d) => (d.event.answered ? 'answered' : 'not_answered'))}::text[],
      ${decided.map((d) => new Date(d.event.atMs))}::timestamptz[], ${decided.map((d) => d.event.callUuid)}::text[],
      ${decided.map((d) => d.event.answerSec)}::int[], ${decided.map((d) => d.event.hangupCause)}::text[],
      ${decided.map((d) => d.next.status)}::text[],
      ${decided.map((d) => (d.next.status === 'retry' ? new Date(d.next.nextAttemptAtMs) : null))}::timestamptz[],
      ${decided.map((d) => d.webhook?.event ?? null)}::text[], ${decided.map((d) => (d.webhook ? callWebhookPayload(d.webhook) : null))}::jsonb[])
    AS u(attempt_id, number_id, campaign_id, outcome, at, call_uuid, answer_sec, hangup_cause, status, next_at, event, payload)`;
  await tx.$executeRaw`
    WITH u AS (SELECT * FROM ${u}),
    attempts AS (
      UPDATE call_attempts a SET outcome = u.outcome::attempt_outcome, outcome_at = u.at, provider_call_id = u.call_uuid,
        answer_sec = u.answer_sec, hangup_cause = u.hangup_cause
      FROM u WHERE a.id = u.attempt_id AND a.outcome = 'pending'
    ),
    numbers AS (
      UPDATE campaign_numbers n
      SET status = (CASE WHEN u.status = 'retry' AND c.status = 'cancelled' THEN 'cancelled' ELSE u.status END)::call_status,
        next_attempt_at = COALESCE(u.next_at, n.next_attempt_at), updated_at = ${now}
      FROM u JOIN campaigns c ON c.id = u.campaign_id
      WHERE n.id = u.number_id AND n.status = 'calling'
    )
    ${callWebhooksInsert(Prisma.sql`u`, now)} AND u.event IS NOT NULL`;
  return decided.map((d) => ({ campaignId: d.m.campaign_id, phone: d.m.phone, next: d.next }));
}

// After outcomes are committed: move campaigns' next wake earlier for retries that fell due, and
// complete campaigns with nothing left open. Campaign rows are touched only here, outside the
// outcome transaction: a worker holds the campaign row while it claims (and expires) numbers, so
// locking numbers then the campaign in one transaction could deadlock against it.
export async function settleCampaigns(
  prisma: Executor,
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
    const moved = await statementsOn(prisma).$queryRaw<{ id: string; next_wake_at: Date }[]>`
      UPDATE campaigns c SET next_wake_at = w.at
      FROM unnest(${[...earliestRetry.keys()]}::uuid[], ${[...earliestRetry.values()].map((v) => new Date(v))}::timestamptz[]) AS w(id, at)
      WHERE c.id = w.id AND c.status = 'running' AND c.lease_owner IS NULL AND (c.next_wake_at IS NULL OR c.next_wake_at > w.at)
      RETURNING c.id, c.next_wake_at`;
    settled.wakes = moved.map((r) => ({ campaignId: r.id, atMs: r.next_wake_at.getTime() }));
  }
  const candidates = [...finished].filter((id) => !earliestRetry.has(id));
  if (candidates.length > 0) {
    // One statement for every campaign the outcomes touched: which have nothing left open.
    const done = await statementsOn(prisma).$queryRaw<{ id: string }[]>`
      SELECT c.id FROM unnest(${candidates}::uuid[]) AS c(id)
      WHERE NOT EXISTS (
        SELECT 1 FROM campaign_numbers WHERE campaign_id = c.id AND status IN ('pending', 'dialing', 'calling', 'retry'))`;
    for (const { id } of done) {
      if (await inTransaction(prisma, (tx) => completeCampaign(tx, id, nowMs))) settled.completed.push(id);
    }
  }
  return settled;
}
