import type { Db } from './client.ts';
import { Prisma, type Campaign } from './generated/client.ts';
import type { AttemptOutcome, CallStatus } from './generated/enums.ts';
import { dialingCountSql, shownStatus, unsentBatchIds, withDialing } from './in-flight.ts';
import { numberWhere, type PhoneMatch } from './number-filter.ts';
import { statementsOn } from './sql.ts';

type CampaignStatus = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

export async function findCampaign(db: Db, tenantId: string, id: string) {
  return db.campaign.findFirst({ where: { id, tenantId } });
}

// Every column of a campaign under its Prisma field name, so a plain statement returns what
// `findCampaign` does (campaign-queries.test.ts compares the two).
const CAMPAIGN_COLUMNS = Prisma.sql`c.id::text AS "id", c.tenant_id::text AS "tenantId", c.name, c.status::text AS "status",
  c.send_time AS "sendTime", c.number_call_per_time AS "numberCallPerTime", c.duration_of_each_call AS "durationOfEachCall",
  c.max_retry_of_detail AS "maxRetryOfDetail", c.retry_after_seconds AS "retryAfterSeconds", c.scripts,
  c.number_call_outs AS "numberCallOuts", c.last_slot_index AS "lastSlotIndex", c.next_wake_at AS "nextWakeAt",
  c.lease_owner AS "leaseOwner", c.lease_until AS "leaseUntil", c.pause_reason AS "pauseReason", c.pause_detail AS "pauseDetail",
  c.accepted_count AS "acceptedCount", c.duplicate_count AS "duplicateCount", c.invalid_count AS "invalidCount", c.source,
  c.time_zone AS "timeZone", c.call_windows AS "callWindows", c.skip_dates AS "skipDates", c.daily_attempt_cap AS "dailyAttemptCap",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.started_at AS "startedAt", c.completed_at AS "completedAt",
  c.claim_hint_at AS "claimHintAt", c.claim_hint_position AS "claimHintPosition"`;

type CountsRow = {
  counters: Record<string, number | string> | null;
  pending_first: Date | null;
  pending_last: Date | null;
  retry_first: Date | null;
  retry_last: Date | null;
  dialing: number;
  unsent: Record<string, number> | null;
};

/**
 * A campaign of the tenant with its counts, in one statement (a named prepared statement on the
 * pool): the counters the triggers keep (campaign_counts), the batches not yet accepted (which the
 * trigger does not count: at most one or two), four index probes for the due range and the numbers
 * of a batch not yet accepted (shown 'dialing', in-flight.ts). The same cost for a
 * campaign of 10 numbers and one of 10 million; one round trip, planned once per connection
 * (`GET /v1/campaigns/:id` is what a console polls).
 */
export async function campaignWithCounts(db: Db, tenantId: string, id: string) {
  const rows = await statementsOn(db).$queryRaw<(Campaign & CountsRow)[]>`
    SELECT ${CAMPAIGN_COLUMNS},
      (SELECT json_object_agg(k.name, k.n) FROM campaign_counts k WHERE k.campaign_id = c.id AND k.n <> 0) AS counters,
      (SELECT min(next_attempt_at) FROM campaign_numbers WHERE campaign_id = c.id AND status = 'pending') AS pending_first,
      (SELECT max(next_attempt_at) FROM campaign_numbers WHERE campaign_id = c.id AND status = 'pending') AS pending_last,
      (SELECT min(next_attempt_at) FROM campaign_numbers WHERE campaign_id = c.id AND status = 'retry') AS retry_first,
      (SELECT max(next_attempt_at) FROM campaign_numbers WHERE campaign_id = c.id AND status = 'retry') AS retry_last,
      (${dialingCountSql(Prisma.sql`c.id`)}) AS dialing,
      -- Batches on their way out are not counted by the trigger (at most one or two; the
      -- (campaign_id, status) index finds them).
      (SELECT json_object_agg(u.status, u.n) FROM (
        SELECT status::text AS status, count(*)::int AS n FROM batches
        WHERE campaign_id = c.id AND status IN ('claimed', 'sending') GROUP BY 1
      ) AS u) AS unsent
    FROM campaigns c
    WHERE c.id = ${id}::uuid AND c.tenant_id = ${tenantId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  const { counters, pending_first, pending_last, retry_first, retry_last, dialing, unsent, ...campaign } = row;
  const counts = countsFrom(counters ?? {}, unsent ?? {}, dialing, { pending: [pending_first, pending_last], retry: [retry_first, retry_last] });
  return { campaign: campaign as Campaign, counts };
}

export type CampaignCounts = ReturnType<typeof countsFrom>;

function countsFrom(
  counters: Record<string, number | string>,
  unsentBatches: Record<string, number>,
  dialing: number,
  dueRanges: Record<'pending' | 'retry', [Date | null, Date | null]>,
) {
  let numbers: Record<string, number> = {};
  const batches: Record<string, number> = { ...unsentBatches };
  let attempts = 0;
  for (const [name, n] of Object.entries(counters)) {
    const [kind, status] = name.split(':') as [string, string | undefined];
    if (kind === 'number' && status) numbers[status] = Number(n);
    else if (kind === 'batch' && status) batches[status] = Number(n);
    else if (kind === 'attempts') attempts = Number(n);
  }
  // The counter counts attempt rows; the call a number waits on ('calling') and the call that made
  // a number final are on the number's row instead (schema.prisma), one attempt each.
  for (const status of ['calling', 'dialing', 'answered', 'failed', 'no_result', 'unknown']) attempts += numbers[status] ?? 0;
  numbers = withDialing(numbers, dialing);
  const due: Partial<Record<'pending' | 'retry', { firstMs: number; lastMs: number }>> = {};
  for (const status of ['pending', 'retry'] as const) {
    const [first, last] = dueRanges[status];
    if (numbers[status] && first && last) due[status] = { firstMs: first.getTime(), lastMs: last.getTime() };
  }
  return { numbers, batches, attempts, due };
}

export type Page<T> = { items: T[]; nextCursor: string | null };

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Newest first, keyset-paginated so page 1,000 costs what page 1 costs. One prepared statement per
// shape (with or without status and cursor): the console polls this page, and Prisma's mapping of
// 51 campaign rows was most of the request's CPU (`node bench/console-reads.ts`). A cursor that
// does not decode to a time and an id is ignored (the first page).
export async function listCampaigns(
  db: Db,
  input: { tenantId: string; status?: CampaignStatus; limit: number; cursor?: string },
) {
  const after = decodeCursor(input.cursor);
  const afterAt = after && typeof after[0] === 'string' ? new Date(after[0]) : null;
  const afterId = after && typeof after[1] === 'string' && UUID.test(after[1]) ? after[1] : null;
  const status = input.status ? Prisma.sql`AND c.status = ${input.status}::campaign_status` : Prisma.empty;
  // The first condition bounds the (tenant_id, created_at) index scan; the row comparison is exact.
  const cursor =
    afterAt && !Number.isNaN(afterAt.getTime()) && afterId
      ? Prisma.sql`AND c.created_at <= ${afterAt} AND (c.created_at, c.id) < (${afterAt}, ${afterId}::uuid)`
      : Prisma.empty;
  const rows = await statementsOn(db).$queryRaw<Campaign[]>`
    SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c
    WHERE c.tenant_id = ${input.tenantId}::uuid ${status} ${cursor}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${input.limit + 1}`;
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

// Numbers in list order with every attempt (time, batch, outcome): two queries per page. `status`
// (one or several) and `phone` narrow the list (see NumberFilter).
export async function listCalls(
  db: Db,
  input: { campaignId: string; status?: string | readonly string[]; phone?: PhoneMatch; limit: number; cursor?: string },
) {
  const after = decodeCursor(input.cursor);
  // A cursor is the client's to send back: anything but what this function wrote starts over.
  const afterPosition = Number.isSafeInteger(after?.[0]) && Math.abs(after![0] as number) < 2 ** 31 ? (after![0] as number) : -1;
  const afterId = typeof after?.[1] === 'string' && /^\d{1,18}$/.test(after[1]) ? BigInt(after[1]) : -1n;
  const statuses = input.status === undefined ? undefined : typeof input.status === 'string' ? [input.status] : input.status;
  const unsent = await unsentBatchIds(db, input.campaignId);
  const numbers = await db.campaignNumber.findMany({
    where: {
      campaignId: input.campaignId,
      ...numberWhere({ statuses, phone: input.phone, unsentBatchIds: unsent }),
      // position >= p bounds the index range; the OR only breaks ties on the same position.
      position: { gte: afterPosition },
      OR: [{ position: { gt: afterPosition } }, { id: { gt: afterId } }],
    },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  const page = numbers.slice(0, input.limit);
  // Every call of these numbers: attempt rows, final calls and calls still waiting (call_history,
  // migration 20261207140821_final_attempt_on_its_number).
  const rows = page.length === 0 ? [] : await statementsOn(db).$queryRaw<Attempt[]>`
    SELECT number_id AS "numberId", batch_id AS "batchId", attempt_no AS "attemptNo", dialed_at AS "dialedAt", outcome::text AS outcome,
           outcome_at AS "outcomeAt", provider_call_id AS "providerCallId", answer_sec AS "answerSec", hangup_cause AS "hangupCause"
    FROM call_history(ARRAY[${input.campaignId}::uuid])
    WHERE number_id = ANY(${page.map((n) => String(n.id))}::bigint[])
    ORDER BY number_id, attempt_no`;
  // Attempts name their batch by id, with no foreign key (schema.prisma says why): its few rows
  // are read by primary key.
  const batches = await db.batch.findMany({
    where: { campaignId: input.campaignId, id: { in: [...new Set(rows.map((a) => a.batchId))] } },
    select: { id: true, slotIndex: true, providerSessionId: true, sentAt: true },
  });
  const batchOf = new Map(batches.map(({ id, ...batch }) => [id, batch]));
  const attempts = rows.map((a) => ({ ...a, batch: batchOf.get(a.batchId)! }));
  const byNumber = Map.groupBy(attempts, (a) => a.numberId);
  const last = page.at(-1);
  return {
    items: page.map((n) => ({ number: { ...n, status: shownStatus(n, unsent) as CallStatus }, attempts: byNumber.get(n.id) ?? [] })),
    nextCursor: numbers.length > input.limit && last ? encodeCursor([last.position, String(last.id)]) : null,
  };
}

/** One call of a number, as call_history() reads it. */
export type Attempt = {
  numberId: bigint;
  batchId: bigint;
  attemptNo: number;
  dialedAt: Date;
  outcome: AttemptOutcome;
  outcomeAt: Date | null;
  providerCallId: string | null;
  answerSec: number | null;
  hangupCause: string | null;
};

export async function listBatches(db: Db, input: { campaignId: string; limit: number; cursor?: string }) {
  const after = decodeCursor(input.cursor);
  const afterSlot = typeof after?.[0] === 'number' ? after[0] : -1;
  const rows = await db.batch.findMany({
    where: { campaignId: input.campaignId, slotIndex: { gt: afterSlot } },
    orderBy: { slotIndex: 'asc' },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.slotIndex]) : null };
}
