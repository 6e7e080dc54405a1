import type { CampaignCounts } from '@autocall/db';
import { campaignProgress, DEFAULT_TIME_ZONE, type CallCalendar, type CallWindows, type CampaignStatus } from '@autocall/domain';

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
  lastSlotIndex: number;
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

// null when the campaign may call at any time (as the worker's claim treats it).
function calendarOf(c: CampaignRow): CallCalendar | null {
  if (c.callWindows === null && c.skipDates.length === 0) return null;
  return { timeZone: c.timeZone || DEFAULT_TIME_ZONE, windows: (c.callWindows ?? null) as CallWindows | null, skipDates: c.skipDates };
}

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

// nextBatchAt here is the next slot that has a number due (progress.nextSlotAt), which the counts
// make known; the campaign's next wake-up can be an outcome deadline with no batch at all.
export function campaignDetailView(c: CampaignRow, counts: CampaignCounts, nowMs: number = Date.now()) {
  const progress = progressOf(c, counts, nowMs);
  return {
    ...campaignView(c),
    nextBatchAt: progress.nextSlotAt,
    counts: { numbers: counts.numbers, batches: counts.batches, attempts: counts.attempts },
    // Answer rate is answered / numbers with a final outcome; the finish time is an estimate.
    progress,
  };
}

type Counts = CampaignCounts;

// The detail's progress, from the counts the caller read: all of them for one campaign, or the
// numbers per status (with when they fall due) for a page of campaigns, batches and attempts then
// counted as none (only the detail shows them).
function progressOf(c: CampaignRow, counts: Pick<Counts, 'numbers' | 'due'> & Partial<Counts>, nowMs: number) {
  return campaignProgress({
    status: c.status as CampaignStatus,
    numbers: counts.numbers,
    batches: counts.batches ?? {},
    attempts: counts.attempts ?? 0,
    numberCallPerTime: c.numberCallPerTime,
    durationOfEachCall: c.durationOfEachCall,
    maxRetryOfDetail: c.maxRetryOfDetail,
    retryAfterSeconds: c.retryAfterSeconds,
    sendTimeMs: c.sendTime.getTime(),
    lastSlotIndex: c.lastSlotIndex,
    due: counts.due,
    calendar: calendarOf(c),
    completedAtMs: ms(c.completedAt),
    nowMs,
  });
}

// Numbers the campaign set out to call: all but the invalid and suppressed ones.
const NOT_CALLED = new Set(['invalid', 'suppressed']);

/**
 * A campaign of the list with the progress a list shows, from its numbers per status (read for the
 * whole page in one query); nextBatchAt is the next slot with a number due, as on the detail.
 */
export function campaignListItemView(c: CampaignRow, counts: Pick<Counts, 'numbers' | 'due'> | undefined, nowMs: number) {
  const progress = progressOf(c, counts ?? { numbers: {}, due: {} }, nowMs);
  const total = Object.entries(counts?.numbers ?? {}).reduce((sum, [status, n]) => (NOT_CALLED.has(status) ? sum : sum + n), 0);
  return {
    ...campaignView(c),
    nextBatchAt: progress.nextSlotAt,
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
