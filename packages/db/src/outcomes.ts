import { afterOutcome } from '@autocall/domain';
import type { PrismaClient } from './client.ts';
import { completeCampaign } from './dispatch.ts';
import { enqueueCallWebhooks } from './webhooks.ts';

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
  idx: number;
  attempt_id: bigint;
  number_id: bigint;
  campaign_id: string;
  phone: string;
  attempts: number;
  max_retry_of_detail: number;
  retry_after_seconds: number;
};

// Stores webhooks once each and applies `cdr` outcomes to their numbers, set-based: a fixed
// number of statements for any number of events. Re-delivered and late webhooks change nothing.
export async function recordCallEvents(prisma: PrismaClient, events: CallEvent[], nowMs: number): Promise<RecordedEvents> {
  if (events.length === 0) return { stored: 0, duplicates: 0, matched: 0, outcomes: [], wakes: [], completed: [] };
  const applied = await prisma.$transaction(async (tx) => {
    const now = new Date(nowMs);
    const inserted = await tx.$queryRaw<{ dedupe_key: string }[]>`
      INSERT INTO provider_events (dedupe_key, state, autocall_id, to_number, payload, received_at)
      SELECT * FROM unnest(${events.map((e) => e.dedupeKey)}::text[], ${events.map((e) => e.state)}::text[],
        ${events.map((e) => e.autocallId)}::text[], ${events.map((e) => e.phone)}::text[],
        ${events.map((e) => JSON.stringify(e.payload ?? null))}::jsonb[], array_fill(${now}::timestamptz, ARRAY[${events.length}::int]))
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING dedupe_key`;
    const fresh = new Set(inserted.map((r) => r.dedupe_key));
    const cdrs = events
      .map((event, idx) => ({ event, idx }))
      .filter(({ event }) => fresh.has(event.dedupeKey) && event.state === 'cdr' && event.autocallId && event.phone);
    const result: RecordedEvents = { stored: fresh.size, duplicates: events.length - fresh.size, matched: 0, outcomes: [], wakes: [], completed: [] };
    if (cdrs.length === 0) return { result, decided: [] };

    const matches = await tx.$queryRaw<Match[]>`
      SELECT DISTINCT ON (a.id) e.idx, a.id AS attempt_id, a.number_id, a.campaign_id, n.phone, n.attempts,
             c.max_retry_of_detail, c.retry_after_seconds
      FROM unnest(${cdrs.map((c) => c.idx)}::int[], ${cdrs.map((c) => c.event.autocallId)}::text[],
                  ${cdrs.map((c) => c.event.phone)}::text[]) AS e(idx, autocall_id, phone)
      JOIN batches b ON b.provider_session_id = e.autocall_id
      JOIN call_attempts a ON a.batch_id = b.id AND a.outcome = 'pending'
      JOIN campaign_numbers n ON n.id = a.number_id AND n.phone = e.phone AND n.status = 'calling'
      JOIN campaigns c ON c.id = a.campaign_id
      ORDER BY a.id, e.idx`;
    if (matches.length === 0) return { result, decided: [] };

    const decided = matches.map((m) => {
      const event = events[m.idx]!;
      const next = afterOutcome({
        answered: event.answered,
        attempts: m.attempts,
        maxRetryOfDetail: m.max_retry_of_detail,
        retryAfterSeconds: m.retry_after_seconds,
        outcomeAtMs: event.atMs,
      });
      return { m, event, next };
    });

    await tx.$executeRaw`
      UPDATE call_attempts a SET outcome = u.outcome::attempt_outcome, outcome_at = u.at, provider_call_id = u.call_uuid,
        answer_sec = u.answer_sec, hangup_cause = u.hangup_cause
      FROM unnest(${decided.map((d) => d.m.attempt_id)}::bigint[], ${decided.map((d) => (d.event.answered ? 'answered' : 'not_answered'))}::text[],
        ${decided.map((d) => new Date(d.event.atMs))}::timestamptz[], ${decided.map((d) => d.event.callUuid)}::text[],
        ${decided.map((d) => d.event.answerSec)}::int[], ${decided.map((d) => d.event.hangupCause)}::text[])
        AS u(id, outcome, at, call_uuid, answer_sec, hangup_cause)
      WHERE a.id = u.id AND a.outcome = 'pending'`;
    await tx.$executeRaw`
      UPDATE campaign_numbers n SET status = u.status::call_status, next_attempt_at = COALESCE(u.next_at, n.next_attempt_at), updated_at = ${now}
      FROM unnest(${decided.map((d) => d.m.number_id)}::bigint[], ${decided.map((d) => d.next.status)}::text[],
        ${decided.map((d) => (d.next.status === 'retry' ? new Date(d.next.nextAttemptAtMs) : null))}::timestamptz[])
        AS u(id, status, next_at)
      WHERE n.id = u.id AND n.status = 'calling'`;

    // Final outcomes go to the tenant's webhook outbox in this same transaction.
    await enqueueCallWebhooks(
      tx,
      decided
        .filter((d) => d.next.status !== 'retry')
        .map((d) => ({
          campaignId: d.m.campaign_id,
          event: d.next.status === 'answered' ? ('call.answered' as const) : ('call.failed' as const),
          data: {
            phone: d.m.phone,
            status: d.next.status,
            attempts: d.m.attempts,
            answerSec: d.event.answerSec,
            hangupCause: d.event.hangupCause,
            providerCallId: d.event.callUuid,
            at: d.event.atMs,
          },
        })),
      nowMs,
    );
    result.matched = decided.length;
    result.outcomes = decided.map((d) => ({ campaignId: d.m.campaign_id, phone: d.m.phone, outcome: d.next.status }));

    return { result, decided };
  });
  // Campaign rows are touched only after the outcomes are committed: a worker holds the campaign
  // row while it claims (and expires) numbers, so locking numbers then the campaign here could
  // deadlock against it.
  const { result, decided } = applied;
  const earliestRetry = new Map<string, number>();
  const finished = new Set<string>();
  for (const d of decided) {
    if (d.next.status === 'retry') {
      const at = d.next.nextAttemptAtMs;
      earliestRetry.set(d.m.campaign_id, Math.min(at, earliestRetry.get(d.m.campaign_id) ?? at));
    } else {
      finished.add(d.m.campaign_id);
    }
  }
  if (earliestRetry.size > 0) {
    const moved = await prisma.$queryRaw<{ id: string; next_wake_at: Date }[]>`
      UPDATE campaigns c SET next_wake_at = w.at
      FROM unnest(${[...earliestRetry.keys()]}::uuid[], ${[...earliestRetry.values()].map((v) => new Date(v))}::timestamptz[]) AS w(id, at)
      WHERE c.id = w.id AND c.status = 'running' AND c.lease_owner IS NULL AND (c.next_wake_at IS NULL OR c.next_wake_at > w.at)
      RETURNING c.id, c.next_wake_at`;
    result.wakes = moved.map((r) => ({ campaignId: r.id, atMs: r.next_wake_at.getTime() }));
  }
  for (const campaignId of finished) {
    if (earliestRetry.has(campaignId)) continue;
    const open = await prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM campaign_numbers
      WHERE campaign_id = ${campaignId}::uuid AND status IN ('pending', 'dialing', 'calling', 'retry') LIMIT 1`;
    if (open.length === 0 && (await prisma.$transaction((tx) => completeCampaign(tx, campaignId, nowMs)))) {
      result.completed.push(campaignId);
    }
  }
  return result;
}
