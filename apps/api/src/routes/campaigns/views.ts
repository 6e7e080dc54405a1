import type { campaignCounts } from '@autocall/db';
import { campaignProgress, type CampaignStatus } from '@autocall/domain';

type CampaignRow = {
  id: string;
  name: string;
  status: string;
  sendTime: Date;
  numberCallPerTime: number;
  durationOfEachCall: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  scripts: unknown;
  numberCallOuts: string[];
  nextWakeAt: Date | null;
  pauseReason: string | null;
  pauseDetail: string | null;
  acceptedCount: number;
  duplicateCount: number;
  invalidCount: number;
  source: string;
  timeZone: string;
  callWindows: unknown;
  skipDates: string[];
  dailyAttemptCap: number | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
};

const ms = (d: Date | null) => (d ? d.getTime() : null);
const LIVE = new Set(['scheduled', 'running']);

// Times are epoch milliseconds, like sendTime in the request.
export function campaignView(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    source: c.source,
    sendTime: c.sendTime.getTime(),
    numberCallPerTime: c.numberCallPerTime,
    durationOfEachCall: c.durationOfEachCall,
    maxRetryOfDetail: c.maxRetryOfDetail,
    retryAfterSeconds: c.retryAfterSeconds,
    scripts: c.scripts,
    numberCallOuts: c.numberCallOuts,
    timeZone: c.timeZone,
    callWindows: c.callWindows ?? null,
    skipDates: c.skipDates,
    dailyAttemptCap: c.dailyAttemptCap,
    pauseReason: c.pauseReason,
    pauseDetail: c.pauseDetail,
    nextBatchAt: LIVE.has(c.status) ? ms(c.nextWakeAt) : null,
    numbers: { accepted: c.acceptedCount, duplicated: c.duplicateCount, invalid: c.invalidCount },
    createdAt: c.createdAt.getTime(),
    startedAt: ms(c.startedAt),
    completedAt: ms(c.completedAt),
  };
}

export function campaignDetailView(c: CampaignRow, counts: Awaited<ReturnType<typeof campaignCounts>>, nowMs: number = Date.now()) {
  return {
    ...campaignView(c),
    counts: { numbers: counts.numbers, batches: counts.batches, attempts: counts.attempts },
    // Answer rate is answered / numbers with a final outcome; the finish time is an estimate.
    progress: progressOf(c, counts, nowMs),
  };
}

type ProgressCounts = Pick<Awaited<ReturnType<typeof campaignCounts>>, 'numbers'> & Partial<Awaited<ReturnType<typeof campaignCounts>>>;

// The detail's progress, from the counts the caller read: all of them for one campaign, the numbers
// per status for a page of them (batches and attempts then count as none, which only the detail shows).
function progressOf(c: CampaignRow, counts: ProgressCounts, nowMs: number) {
  return campaignProgress({
    status: c.status as CampaignStatus,
    numbers: counts.numbers,
    batches: counts.batches ?? {},
    attempts: counts.attempts ?? 0,
    numberCallPerTime: c.numberCallPerTime,
    durationOfEachCall: c.durationOfEachCall,
    maxRetryOfDetail: c.maxRetryOfDetail,
    retryAfterSeconds: c.retryAfterSeconds,
    nextWakeAtMs: ms(c.nextWakeAt),
    completedAtMs: ms(c.completedAt),
    nowMs,
  });
}

// Numbers the campaign set out to call: all but the invalid and suppressed ones.
const NOT_CALLED = new Set(['invalid', 'suppressed']);

/** A campaign of the list, with the progress a list shows (numbers per status read for the whole page at once). */
export function campaignListItemView(c: CampaignRow, numbers: Record<string, number> | undefined, nowMs: number) {
  const counts = numbers ?? {};
  const progress = progressOf(c, { numbers: counts }, nowMs);
  const total = Object.entries(counts).reduce((sum, [status, n]) => (NOT_CALLED.has(status) ? sum : sum + n), 0);
  return {
    ...campaignView(c),
    progress: {
      total,
      finished: progress.finished,
      inFlight: progress.inFlight,
      toDial: progress.toDial,
      answerRate: progress.answerRate,
      estimatedFinishAt: progress.estimatedFinishAt,
      nextBatchAt: progress.nextSlotAt,
    },
  };
}
