// Read-only aggregates for the console: progress counts for a page of campaigns, calls over time,
// recent batches and the retries about to fall due. Each is one statement over an index range of
// the campaign(s) concerned, whatever the campaign's size.
import type { Db } from './client.ts';
import type { BatchStatus } from './generated/enums.ts';
import { dialingCounts, withDialing } from './in-flight.ts';
import { statementsOn } from './sql.ts';

export type DueRange = { firstMs: number; lastMs: number };
export type NumberCounts = {
  // Numbers per call status.
  numbers: Record<string, number>;
  // When the numbers still to dial fall due, per status.
  due: Partial<Record<'pending' | 'retry', DueRange>>;
};

/**
 * Numbers per status for several campaigns in one grouped query (an index-only scan of the
 * (campaign_id, status, next_attempt_at, position) index). Campaigns without numbers are absent.
 */
export async function numberCountsByCampaign(db: Db, campaignIds: readonly string[]): Promise<Map<string, NumberCounts>> {
  const counts = new Map<string, NumberCounts>();
  if (campaignIds.length === 0) return counts;
  // The counters the triggers keep, and the due range of the statuses that have numbers: index
  // probes, not a pass over the campaigns' numbers.
  // Prepared once per pooled connection (statementsOn): the console's list asks this on every poll.
  const rows = await statementsOn(db).$queryRaw<{ campaign_id: string; status: string; n: number; first_due: Date | null; last_due: Date | null }[]>`
    SELECT k.campaign_id::text, substr(k.name, 8) AS status, k.n::int AS n,
      CASE WHEN k.name IN ('number:pending', 'number:retry') THEN (SELECT min(next_attempt_at) FROM campaign_numbers
        WHERE campaign_id = k.campaign_id AND status = substr(k.name, 8)::call_status) END AS first_due,
      CASE WHEN k.name IN ('number:pending', 'number:retry') THEN (SELECT max(next_attempt_at) FROM campaign_numbers
        WHERE campaign_id = k.campaign_id AND status = substr(k.name, 8)::call_status) END AS last_due
    FROM campaign_counts k
    WHERE k.campaign_id = ANY(${[...campaignIds]}::uuid[]) AND k.name LIKE 'number:%' AND k.n <> 0`;
  const dialing = await dialingCounts(db, campaignIds);
  for (const row of rows) {
    let entry = counts.get(row.campaign_id);
    if (!entry) counts.set(row.campaign_id, (entry = { numbers: {}, due: {} }));
    entry.numbers[row.status] = row.n;
    if ((row.status === 'pending' || row.status === 'retry') && row.first_due && row.last_due) {
      entry.due[row.status] = { firstMs: row.first_due.getTime(), lastMs: row.last_due.getTime() };
    }
  }
  for (const [campaignId, n] of dialing) {
    const entry = counts.get(campaignId);
    if (entry) entry.numbers = withDialing(entry.numbers, n);
  }
  return counts;
}

export type CallBucket = { atMs: number; dialled: number; answered: number; notAnswered: number; noResult: number; retries: number };

/**
 * The campaign's calls by the time they were dialled, in buckets of `bucketSeconds` aligned on the
 * epoch, with how each ended; buckets without calls are absent. One grouped pass over the
 * campaign's calls (call_history: attempt rows, final calls, calls waiting).
 */
export async function callTimeline(db: Db, campaignId: string, bucketSeconds: number): Promise<CallBucket[]> {
  // date_bin works on the timestamp itself: extract(epoch ...) arithmetic is numeric, several times slower per row.
  const rows = await db.$queryRaw<{ bucket: Date; dialled: number; answered: number; not_answered: number; no_result: number; retries: number }[]>`
    SELECT date_bin(${bucketSeconds}::int * interval '1 second', dialed_at, timestamptz '1970-01-01 00:00:00+00') AS bucket,
           count(*)::int AS dialled,
           count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
           count(*) FILTER (WHERE outcome = 'not_answered')::int AS not_answered,
           count(*) FILTER (WHERE outcome IN ('no_result', 'unknown'))::int AS no_result,
           count(*) FILTER (WHERE attempt_no > 1)::int AS retries
    FROM call_history(ARRAY[${campaignId}::uuid])
    GROUP BY 1
    ORDER BY 1`;
  return rows.map((r) => ({ atMs: r.bucket.getTime(), dialled: r.dialled, answered: r.answered, notAnswered: r.not_answered, noResult: r.no_result, retries: r.retries }));
}

export type BatchPoint = { slot: number; slotTimeMs: number; sentAtMs: number | null; size: number; status: BatchStatus };

/** The campaign's last `limit` batches (highest slots), oldest first, and how many it has in all. */
export async function recentBatches(db: Db, campaignId: string, limit: number): Promise<{ items: BatchPoint[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.batch.findMany({
      where: { campaignId },
      orderBy: { slotIndex: 'desc' },
      take: limit,
      select: { slotIndex: true, slotTime: true, sentAt: true, size: true, status: true },
    }),
    db.batch.count({ where: { campaignId } }),
  ]);
  const items = rows.reverse().map((b) => ({ slot: b.slotIndex, slotTimeMs: b.slotTime.getTime(), sentAtMs: b.sentAt?.getTime() ?? null, size: b.size, status: b.status }));
  return { items, total };
}

export type DueRetries = { dueAtMs: number; attempts: number; count: number };

/**
 * The `limit` numbers waiting for a retry that fall due first, grouped by due time (to the second,
 * rounded up) and dials so far: all a plan of the next slots needs, read in due order from the
 * (campaign_id, status, next_attempt_at, position) index.
 */
export async function firstDueRetries(db: Db, campaignId: string, limit: number): Promise<DueRetries[]> {
  const rows = await db.$queryRaw<{ due: Date; attempts: number; n: number }[]>`
    SELECT date_trunc('second', next_attempt_at + interval '999 milliseconds') AS due, attempts, count(*)::int AS n
    FROM (
      SELECT next_attempt_at, attempts FROM campaign_numbers
      WHERE campaign_id = ${campaignId}::uuid AND status = 'retry' AND next_attempt_at IS NOT NULL
      ORDER BY next_attempt_at
      LIMIT ${limit}::int
    ) first_due
    GROUP BY 1, 2
    ORDER BY 1`;
  return rows.map((r) => ({ dueAtMs: r.due.getTime(), attempts: r.attempts, count: r.n }));
}

/**
 * What a plan of the next slots needs to know of the numbers left, bounded whatever the campaign's
 * size: the numbers never dialled, counted up to `cap` (more cannot go out in the slots planned),
 * and the calls in flight (at most a few batches).
 */
export async function numbersLeft(db: Db, campaignId: string, cap: number): Promise<{ pending: number; inFlight: number }> {
  const [row] = await db.$queryRaw<{ pending: number; in_flight: number }[]>`
    SELECT (SELECT count(*) FROM (SELECT 1 FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid AND status = 'pending' LIMIT ${cap}::int) p)::int AS pending,
           (SELECT count(*) FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid AND status IN ('dialing', 'calling'))::int AS in_flight`;
  return { pending: row?.pending ?? 0, inFlight: row?.in_flight ?? 0 };
}
