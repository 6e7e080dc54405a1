// The campaign page's charts: calls over time (how each ended) and batches planned against sent,
// with the slots still to come worked out by the domain planner from the numbers left.
import { callTimeline, firstDueRetries, numbersLeft, recentBatches, type PrismaClient } from '@autocall/db';
import { bucketStart, planDispatch, timelineBucketSeconds, TIMELINE_MAX_BUCKETS } from '@autocall/domain';
import { ApiError } from '../errors.ts';
import { calendarOf } from './validate.ts';

/** Buckets a caller may ask for with an explicit size. */
export const MAX_ASKED_BUCKETS = 5_000;
/** Batches of the table shown (the latest), and planned slots after them. */
export const BATCHES_SHOWN = 500;
export const PLANNED_SLOTS = 200;

type TimelineCampaign = {
  id: string;
  status: string;
  sendTime: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  numberCallPerTime: number;
  durationOfEachCall: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  lastSlotIndex: number;
  timeZone: string;
  callWindows: unknown;
  skipDates: string[];
};

export async function campaignTimeline(prisma: PrismaClient, campaign: TimelineCampaign, askedBucketSeconds: number | undefined, nowMs: number) {
  const fromMs = (campaign.startedAt ?? campaign.sendTime).getTime();
  const toMs = Math.max(fromMs, campaign.completedAt?.getTime() ?? nowMs);
  // One bucket less than the limit: aligning on the epoch can add one.
  const bucketSeconds = askedBucketSeconds ?? timelineBucketSeconds(toMs - fromMs, TIMELINE_MAX_BUCKETS - 1);
  const bucketMs = bucketSeconds * 1000;
  if (Math.ceil((toMs - fromMs) / bucketMs) > MAX_ASKED_BUCKETS) {
    const least = Math.ceil((toMs - fromMs) / 1000 / MAX_ASKED_BUCKETS);
    const message = `bucketSeconds ${bucketSeconds} cuts this campaign into more than ${MAX_ASKED_BUCKETS} buckets; use ${least} or more, or leave it out.`;
    throw new ApiError(400, 'validation_error', message, [{ field: 'querystring.bucketSeconds', code: 'too_small', message }]);
  }
  const live = campaign.status === 'scheduled' || campaign.status === 'running';
  const perBatch = Math.max(1, campaign.numberCallPerTime);
  // No more numbers than the planned slots hold can go out in them: the plan reads only those.
  const cap = PLANNED_SLOTS * perBatch;
  const [buckets, batches, left, retries] = await Promise.all([
    callTimeline(prisma, campaign.id, bucketSeconds),
    recentBatches(prisma, campaign.id, BATCHES_SHOWN),
    live ? numbersLeft(prisma, campaign.id, cap) : { pending: 0, inFlight: 0 },
    live ? firstDueRetries(prisma, campaign.id, cap) : [],
  ]);

  const calls: { at: number; dialled: number; answered: number; notAnswered: number; noResult: number; retries: number }[] = [];
  if (buckets.length > 0 || campaign.startedAt !== null) {
    // Every bucket from the start to now (or the end), empty ones included, so a chart shows the gaps.
    const byStart = new Map(buckets.map((b) => [b.atMs, b]));
    const first = Math.min(bucketStart(fromMs, bucketSeconds), buckets[0]?.atMs ?? Infinity);
    const last = Math.max(bucketStart(toMs, bucketSeconds), buckets.at(-1)?.atMs ?? -Infinity);
    for (let at = first; at <= last; at += bucketMs) {
      const b = byStart.get(at);
      calls.push({ at, dialled: b?.dialled ?? 0, answered: b?.answered ?? 0, notAnswered: b?.notAnswered ?? 0, noResult: b?.noResult ?? 0, retries: b?.retries ?? 0 });
    }
  }

  const sent = batches.items.map((b) => ({ slot: b.slot, plannedAt: b.slotTimeMs, sentAt: b.sentAtMs, size: b.size, status: b.status }));
  // The share of calls answered so far (of those with an outcome) sizes the expected retries.
  const answered = buckets.reduce((sum, b) => sum + b.answered, 0);
  const ended = buckets.reduce((sum, b) => sum + b.answered + b.notAnswered + b.noResult, 0);
  const planned = live
    ? planDispatch({
        sendTimeMs: campaign.sendTime.getTime(),
        durationOfEachCall: campaign.durationOfEachCall,
        numberCallPerTime: campaign.numberCallPerTime,
        maxRetryOfDetail: campaign.maxRetryOfDetail,
        retryAfterSeconds: campaign.retryAfterSeconds,
        calendar: calendarOf(campaign),
        nowMs,
        fresh: left.pending,
        retries: retries.map((r) => ({ dueAtMs: r.dueAtMs, count: r.count, attempts: r.attempts })),
        inFlight: left.inFlight,
        lastSlotIndex: campaign.lastSlotIndex,
        answerRate: ended > 0 ? answered / ended : null,
        listSlots: PLANNED_SLOTS,
      }).slots.map((s) => ({ slot: s.slot, plannedAt: s.atMs, sentAt: null, size: s.size, status: 'planned' as const }))
    : [];
  return { bucketSeconds, calls, batches: [...sent, ...planned], olderBatches: batches.total - batches.items.length };
}
