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
  const progress = campaignProgress({
    status: c.status as CampaignStatus,
    numbers: counts.numbers,
    batches: counts.batches,
    attempts: counts.attempts,
    numberCallPerTime: c.numberCallPerTime,
    durationOfEachCall: c.durationOfEachCall,
    maxRetryOfDetail: c.maxRetryOfDetail,
    retryAfterSeconds: c.retryAfterSeconds,
    nextWakeAtMs: ms(c.nextWakeAt),
    completedAtMs: ms(c.completedAt),
    nowMs,
  });
  return {
    ...campaignView(c),
    counts: { numbers: counts.numbers, batches: counts.batches, attempts: counts.attempts },
    // Answer rate is answered / numbers with a final outcome; the finish time is an estimate.
    progress,
  };
}
