import { describe, expect, it } from 'vitest';
import { campaignProgress, type ProgressInput } from './progress.ts';

const NOW = Date.UTC(2026, 0, 1, 8);
const base: ProgressInput = {
  status: 'running',
  numbers: {},
  batches: {},
  attempts: 0,
  numberCallPerTime: 10,
  durationOfEachCall: 60,
  maxRetryOfDetail: 0,
  retryAfterSeconds: 300,
  nextWakeAtMs: NOW + 30_000,
  completedAtMs: null,
  nowMs: NOW,
};

describe('campaignProgress', () => {
  it('plans the remaining batches at the campaign pace', () => {
    const p = campaignProgress({ ...base, numbers: { pending: 95, answered: 3, failed: 1, invalid: 2 }, batches: { sent: 1 }, attempts: 5 });
    expect(p).toMatchObject({ toDial: 95, finished: 4, batchesSent: 1, batchesPlanned: 10, attempts: 5, answerRate: 0.75, nextSlotAt: NOW + 30_000 });
    // 10 batches one minute apart from the next slot, plus one slot for the last calls to ring out.
    expect(p.estimatedFinishAt).toBe(NOW + 30_000 + 9 * 60_000 + 60_000);
  });

  it('adds retry rounds when unanswered calls will be retried', () => {
    const p = campaignProgress({ ...base, maxRetryOfDetail: 2, numbers: { pending: 10 } });
    // Nothing answered yet: every call is assumed to need both retries.
    expect(p.estimatedFinishAt).toBeGreaterThanOrEqual(NOW + 30_000 + 2 * (300_000 + 60_000));
  });

  it('has no estimate while paused, and the completion time once done', () => {
    expect(campaignProgress({ ...base, status: 'paused', numbers: { pending: 5 } })).toMatchObject({ nextSlotAt: null, estimatedFinishAt: null });
    expect(campaignProgress({ ...base, status: 'completed', completedAtMs: NOW, numbers: { answered: 1 } }).estimatedFinishAt).toBe(NOW);
  });

  it('has no answer rate before any final outcome', () => {
    expect(campaignProgress({ ...base, numbers: { pending: 1 } }).answerRate).toBeNull();
  });
});
