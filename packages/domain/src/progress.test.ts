import { describe, expect, it } from 'vitest';
import type { CallCalendar } from './call-window.ts';
import { campaignProgress, type ProgressInput } from './progress.ts';

const NOW = Date.UTC(2026, 0, 1, 8);
const MIN = 60_000;
// Running: slot 0 was at NOW - 30 s and has its batch, so the next slot is at NOW + 30 s.
const base: ProgressInput = {
  status: 'running',
  numbers: {},
  batches: {},
  attempts: 0,
  numberCallPerTime: 10,
  durationOfEachCall: 60,
  maxRetryOfDetail: 0,
  retryAfterSeconds: 300,
  sendTimeMs: NOW - 30_000,
  lastSlotIndex: 0,
  due: {},
  completedAtMs: null,
  nowMs: NOW,
};
const pendingSinceStart = (count: number) => ({ numbers: { pending: count }, due: { pending: { firstMs: NOW - 30_000, lastMs: NOW - 30_000 } } });

describe('campaignProgress', () => {
  it('plans the remaining batches at the campaign pace', () => {
    const p = campaignProgress({
      ...base,
      numbers: { pending: 95, answered: 3, failed: 1, invalid: 2 },
      due: { pending: { firstMs: NOW - 30_000, lastMs: NOW - 30_000 } },
      batches: { sent: 1 },
      attempts: 5,
    });
    // batchesPlanned is every batch: the one sent and the ten the 95 numbers still need.
    expect(p).toMatchObject({ toDial: 95, finished: 4, batchesSent: 1, batchesPlanned: 11, attempts: 5, answerRate: 0.75, nextSlotAt: NOW + 30_000 });
    // 10 batches one minute apart from the next slot, plus one slot for the last calls to ring out.
    expect(p.estimatedFinishAt).toBe(NOW + 30_000 + 9 * 60_000 + 60_000);
  });

  it('adds retry rounds when unanswered calls will be retried', () => {
    const p = campaignProgress({ ...base, maxRetryOfDetail: 2, ...pendingSinceStart(10) });
    // Nothing answered yet: every call is assumed to need both retries.
    expect(p.estimatedFinishAt).toBeGreaterThanOrEqual(NOW + 30_000 + 2 * (300_000 + 60_000));
    // Each retry: a slot to ring out, then retryAfterSeconds; then a last slot to ring out.
    expect(p.estimatedFinishAt).toBe(NOW + 30_000 + 2 * (60_000 + 300_000) + 60_000);
  });

  it('has no estimate while paused, and the completion time once done', () => {
    expect(campaignProgress({ ...base, status: 'paused', numbers: { pending: 5 } })).toMatchObject({ nextSlotAt: null, estimatedFinishAt: null });
    expect(campaignProgress({ ...base, status: 'completed', completedAtMs: NOW, numbers: { answered: 1 } }).estimatedFinishAt).toBe(NOW);
  });

  it('has no answer rate before any final outcome', () => {
    expect(campaignProgress({ ...base, numbers: { pending: 1 } }).answerRate).toBeNull();
  });

  it('with only calls in flight: no next batch, and a finish one slot away, not at the outcome timeout', () => {
    const p = campaignProgress({ ...base, lastSlotIndex: 2, numbers: { calling: 1, answered: 4 }, batches: { sent: 3 }, attempts: 5 });
    expect(p).toMatchObject({ toDial: 0, inFlight: 1, batchesSent: 3, batchesPlanned: 3, nextSlotAt: null });
    expect(p.estimatedFinishAt).toBe(NOW + MIN);
  });

  it('with calls in flight that may be retried: the retries come retryAfterSeconds after their outcome', () => {
    const p = campaignProgress({ ...base, maxRetryOfDetail: 1, numbers: { calling: 2, answered: 1, failed: 1 }, batches: { sent: 2 }, attempts: 4 });
    expect(p.nextSlotAt).toBeNull();
    // Outcome within a slot, retry 5 min later, then a slot to ring out.
    expect(p.estimatedFinishAt).toBe(NOW + MIN + 5 * MIN + MIN);
  });

  it('with retries pending that fall due later: the next batch is the first slot after they are due', () => {
    const due = { retry: { firstMs: NOW + 4 * MIN + 10_000, lastMs: NOW + 6 * MIN + 10_000 } };
    const p = campaignProgress({ ...base, maxRetryOfDetail: 1, lastSlotIndex: 1, numbers: { retry: 3, answered: 5 }, due, batches: { sent: 2 }, attempts: 8 });
    // Slots are at NOW + 30 s + k minutes: the first at or after NOW + 4:10 is NOW + 4:30.
    expect(p).toMatchObject({ toDial: 3, batchesPlanned: 3, nextSlotAt: NOW + 4 * MIN + 30_000 });
    // The last retry is due at NOW + 6:10, so goes out at NOW + 6:30 and rings out one slot after.
    expect(p.estimatedFinishAt).toBe(NOW + 6 * MIN + 30_000 + MIN);
  });

  it('finished campaigns plan exactly the batches they sent and have no next batch', () => {
    const counts = { numbers: { answered: 5, failed: 1 }, batches: { sent: 3 }, attempts: 8 };
    for (const status of ['completed', 'cancelled'] as const) {
      const p = campaignProgress({ ...base, ...counts, status, completedAtMs: NOW - MIN });
      expect(p).toMatchObject({ batchesSent: 3, batchesPlanned: 3, nextSlotAt: null, estimatedFinishAt: NOW - MIN });
    }
    // Cancelled mid-way: the numbers never dialled are cancelled, not planned.
    const cancelled = campaignProgress({ ...base, status: 'cancelled', completedAtMs: NOW, numbers: { answered: 2, cancelled: 8 }, batches: { sent: 1 } });
    expect(cancelled).toMatchObject({ toDial: 0, batchesPlanned: 1 });
  });

  it('scheduled in the future: from the send time', () => {
    const sendTimeMs = NOW + 3_600_000;
    const p = campaignProgress({ ...base, status: 'scheduled', sendTimeMs, lastSlotIndex: -1, numbers: { pending: 25 }, due: { pending: { firstMs: sendTimeMs, lastMs: sendTimeMs } } });
    expect(p).toMatchObject({ batchesSent: 0, batchesPlanned: 3, nextSlotAt: sendTimeMs });
    expect(p.estimatedFinishAt).toBe(sendTimeMs + 2 * MIN + MIN);
  });

  it('counts a batch on its way to the provider as planned, and a slot in progress as due now', () => {
    // Slot 1 (NOW - 30 s + 1 min) is in progress at NOW + 40 s and has no batch yet.
    const p = campaignProgress({ ...base, nowMs: NOW + 40_000, ...pendingSinceStart(4), batches: { sent: 1, claimed: 1 }, numbers: { pending: 4, dialing: 10 } });
    expect(p).toMatchObject({ batchesSent: 1, batchesPlanned: 3, nextSlotAt: NOW + 40_000 });
  });

  it('plain running with retries: batches for the numbers and the expected retries at the answer rate so far', () => {
    // 100 to dial, half answered so far, 1 retry: about 50 more dials, 15 batches in all.
    const p = campaignProgress({ ...base, maxRetryOfDetail: 1, retryAfterSeconds: 60, ...pendingSinceStart(100), numbers: { pending: 100, answered: 10, failed: 10 } });
    expect(p.nextSlotAt).toBe(NOW + 30_000);
    expect(p.estimatedFinishAt).toBe(NOW + 30_000 + 14 * MIN + MIN);
  });

  it('with call windows: the batches wait through closed hours', () => {
    const calendar: CallCalendar = { timeZone: 'UTC', windows: { thu: [['08:00', '09:00']], fri: [['08:00', '09:00']] }, skipDates: [] };
    // Thursday 2026-01-01 08:00 UTC: 90 batches of one minute at one window of 60 minutes a day.
    const p = campaignProgress({ ...base, calendar, sendTimeMs: NOW, lastSlotIndex: -1, numbers: { pending: 900 }, due: { pending: { firstMs: NOW, lastMs: NOW } } });
    expect(p.nextSlotAt).toBe(NOW);
    // 89 minutes of calling after the first slot: 60 on Thursday, 29 on Friday; one more to ring out.
    expect(p.estimatedFinishAt).toBe(Date.UTC(2026, 0, 2, 8, 29) + MIN);
    // Outside the window, the next batch is the next opening.
    const evening = campaignProgress({ ...base, calendar, nowMs: NOW + 10 * 3_600_000, sendTimeMs: NOW, lastSlotIndex: 59, ...pendingSinceStart(10) });
    expect(evening.nextSlotAt).toBe(Date.UTC(2026, 0, 2, 8));
  });

  it('with call windows that never open: no next batch and no estimate', () => {
    const calendar: CallCalendar = { timeZone: 'UTC', windows: { thu: [['08:00', '09:00']] }, skipDates: ['2026-01-01', '2026-01-08', '2026-01-15'] };
    const p = campaignProgress({ ...base, calendar, ...pendingSinceStart(5) });
    expect(p).toMatchObject({ toDial: 5, nextSlotAt: null, estimatedFinishAt: null });
  });

  it('with call windows: a retry falling due after closing goes out at the next opening', () => {
    const calendar: CallCalendar = { timeZone: 'UTC', windows: { thu: [['08:00', '08:10']], fri: [['08:00', '08:10']] }, skipDates: [] };
    const p = campaignProgress({ ...base, calendar, maxRetryOfDetail: 1, retryAfterSeconds: 600, numbers: { calling: 3 } });
    // Outcome by 08:01, due 08:11 (closed): dialled Friday 08:00, rung out a slot later.
    expect(p.estimatedFinishAt).toBe(Date.UTC(2026, 0, 2, 8, 1));
  });
});
