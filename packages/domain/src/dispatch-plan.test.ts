import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CallCalendar } from './call-window.ts';
import { planDispatch, type DispatchPlanInput } from './dispatch-plan.ts';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number | null, zone: string) => (ms === null ? null : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));
const MIN = 60_000;
const T = Date.UTC(2026, 2, 2, 2, 0); // Monday 09:00 in Ho Chi Minh City

const base: DispatchPlanInput = {
  sendTimeMs: T,
  durationOfEachCall: 60,
  numberCallPerTime: 10,
  maxRetryOfDetail: 0,
  retryAfterSeconds: 300,
  calendar: null,
  nowMs: T - MIN,
  fresh: 0,
};

const office: CallCalendar = {
  timeZone: 'Asia/Ho_Chi_Minh',
  windows: {
    mon: [['08:00', '12:00'], ['13:30', '20:00']],
    tue: [['08:00', '12:00'], ['13:30', '20:00']],
    wed: [['08:00', '12:00'], ['13:30', '20:00']],
    thu: [['08:00', '12:00'], ['13:30', '20:00']],
    fri: [['08:00', '12:00'], ['13:30', '20:00']],
  },
  skipDates: [],
};

describe('planDispatch without call windows', () => {
  it('sends one batch per slot from sendTime, the last calls ringing out one slot after', () => {
    const plan = planDispatch({ ...base, fresh: 95 });
    expect(plan).toEqual({
      batches: 10,
      retryBatches: 0,
      firstBatchAt: T,
      lastBatchAt: T + 9 * MIN,
      estimatedFinishAt: T + 10 * MIN,
      durationSeconds: 600,
      assumedAnswerRate: 0,
      slots: [],
    });
  });

  it('plans every unanswered call retried when the answer rate is unknown, each retryAfterSeconds after a slot to ring out', () => {
    const plan = planDispatch({ ...base, fresh: 20, maxRetryOfDetail: 1, listSlots: 10 });
    expect(plan.slots).toEqual([
      { slot: 0, atMs: T, size: 10, retries: 0 },
      { slot: 1, atMs: T + MIN, size: 10, retries: 0 },
      // Slot 0's calls end a slot later (T+1m) and are due again 5 minutes after: slot 6.
      { slot: 6, atMs: T + 6 * MIN, size: 10, retries: 10 },
      { slot: 7, atMs: T + 7 * MIN, size: 10, retries: 10 },
    ]);
    expect(plan).toMatchObject({ batches: 2, retryBatches: 2, lastBatchAt: T + 7 * MIN, estimatedFinishAt: T + 8 * MIN, durationSeconds: 480 });
  });

  it('retries only the unanswered share at a known answer rate', () => {
    const plan = planDispatch({ ...base, fresh: 20, maxRetryOfDetail: 2, answerRate: 0.5, listSlots: 10 });
    expect(plan.assumedAnswerRate).toBe(0.5);
    expect(plan.slots.map((s) => [s.slot, s.size, s.retries])).toEqual([
      [0, 10, 0],
      [1, 10, 0],
      [6, 5, 5],
      [7, 5, 5],
      // Second retries: half of each first retry, whole numbers with the remainder carried.
      [12, 3, 3],
      [13, 2, 2],
    ]);
    expect(plan.retryBatches).toBe(4);
  });

  it('with durationOfEachCall 0 sends every batch at once, and the retries retryAfterSeconds later', () => {
    const plan = planDispatch({ ...base, durationOfEachCall: 0, fresh: 100, maxRetryOfDetail: 1 });
    expect(plan).toMatchObject({ batches: 10, retryBatches: 10, firstBatchAt: T, lastBatchAt: T + 5 * MIN, estimatedFinishAt: T + 5 * MIN });
  });

  it('starts a send time already past at now, on the slot in progress', () => {
    const plan = planDispatch({ ...base, fresh: 15, nowMs: T + 90_000 });
    expect(plan.firstBatchAt).toBe(T + 90_000);
    expect(plan.lastBatchAt).toBe(T + 2 * MIN);
  });

  it('has nothing to plan for an empty list', () => {
    expect(planDispatch({ ...base, fresh: 0 })).toMatchObject({ batches: 0, firstBatchAt: null, lastBatchAt: null, estimatedFinishAt: null, durationSeconds: null });
  });
});

describe('planDispatch within call windows', () => {
  const zone = 'Asia/Ho_Chi_Minh';

  it('sleeps through the lunch break and resumes on the grid at the afternoon opening', () => {
    const sendTimeMs = at('2026-03-02T11:58:00', zone);
    const plan = planDispatch({ ...base, sendTimeMs, nowMs: sendTimeMs, numberCallPerTime: 1, fresh: 5, calendar: office, listSlots: 5 });
    expect(plan.slots.map((s) => local(s.atMs, zone))).toEqual([
      '2026-03-02T11:58:00+07:00',
      '2026-03-02T11:59:00+07:00',
      '2026-03-02T13:30:00+07:00',
      '2026-03-02T13:31:00+07:00',
      '2026-03-02T13:32:00+07:00',
    ]);
    expect(plan.slots.map((s) => s.slot)).toEqual([0, 1, 92, 93, 94]);
    expect(local(plan.estimatedFinishAt, zone)).toBe('2026-03-02T13:33:00+07:00');
  });

  it('skips listed dates and the weekend', () => {
    const sendTimeMs = at('2026-03-02T19:59:00', zone);
    const calendar = { ...office, skipDates: ['2026-03-03'] };
    const plan = planDispatch({ ...base, sendTimeMs, nowMs: sendTimeMs, numberCallPerTime: 1, fresh: 2, calendar });
    expect(local(plan.firstBatchAt, zone)).toBe('2026-03-02T19:59:00+07:00');
    expect(local(plan.lastBatchAt, zone)).toBe('2026-03-04T08:00:00+07:00');
    const friday = at('2026-03-06T19:59:00', zone);
    const weekend = planDispatch({ ...base, sendTimeMs: friday, nowMs: friday, numberCallPerTime: 1, fresh: 2, calendar: office });
    expect(local(weekend.lastBatchAt, zone)).toBe('2026-03-09T08:00:00+07:00');
  });

  it('makes retries that fall due after closing wait for the next opening', () => {
    const sendTimeMs = at('2026-03-02T19:50:00', zone);
    const plan = planDispatch({ ...base, sendTimeMs, nowMs: sendTimeMs, fresh: 10, maxRetryOfDetail: 1, retryAfterSeconds: 3600, calendar: office, listSlots: 2 });
    expect(plan.slots.map((s) => [local(s.atMs, zone), s.retries])).toEqual([
      ['2026-03-02T19:50:00+07:00', 0],
      ['2026-03-03T08:00:00+07:00', 10],
    ]);
  });

  it('keeps local opening hours across the spring-forward change (Europe/Berlin, 2026-03-29)', () => {
    const zone = 'Europe/Berlin';
    const calendar: CallCalendar = { timeZone: zone, windows: { sat: [['08:00', '12:00']], sun: [['08:00', '12:00']] }, skipDates: [] };
    const sendTimeMs = Date.UTC(2026, 2, 28, 10, 59); // Saturday 11:59 CET
    const plan = planDispatch({ ...base, sendTimeMs, nowMs: sendTimeMs, numberCallPerTime: 1, fresh: 3, calendar, listSlots: 3 });
    // Sunday 08:00 is CEST (UTC+2): 06:00 UTC, where Saturday's 08:00 was 07:00 UTC.
    expect(plan.slots.map((s) => s.atMs)).toEqual([sendTimeMs, Date.UTC(2026, 2, 29, 6, 0), Date.UTC(2026, 2, 29, 6, 1)]);
    expect(local(plan.slots[1]!.atMs, zone)).toBe('2026-03-29T08:00:00+02:00');
  });

  it('keeps local opening hours across the fall-back change (America/New_York, 2026-11-01)', () => {
    const zone = 'America/New_York';
    const calendar: CallCalendar = { timeZone: zone, windows: { sat: [['08:00', '20:00']], sun: [['08:00', '20:00']] }, skipDates: [] };
    const sendTimeMs = Date.UTC(2026, 9, 31, 23, 59); // Saturday 19:59 EDT
    const plan = planDispatch({ ...base, sendTimeMs, nowMs: sendTimeMs, numberCallPerTime: 1, fresh: 2, calendar });
    expect(plan.lastBatchAt).toBe(Date.UTC(2026, 10, 1, 13, 0)); // Sunday 08:00 EST
    expect(local(plan.lastBatchAt, zone)).toBe('2026-11-01T08:00:00-05:00');
  });

  it('reports no time when the windows never open', () => {
    const plan = planDispatch({ ...base, fresh: 5, calendar: { timeZone: 'Asia/Ho_Chi_Minh', windows: {}, skipDates: [] } });
    expect(plan).toMatchObject({ batches: 1, firstBatchAt: null, lastBatchAt: null, estimatedFinishAt: null });
  });
});

describe('planDispatch for a campaign under way', () => {
  it('continues after the last slot sent, retries due first, calls in flight coming back', () => {
    const plan = planDispatch({
      ...base,
      durationOfEachCall: 30,
      retryAfterSeconds: 60,
      maxRetryOfDetail: 2,
      answerRate: 0.5,
      lastSlotIndex: 4,
      nowMs: T + 130_000,
      fresh: 25,
      retries: [{ dueAtMs: T + 200_000, count: 3, attempts: 1 }],
      inFlight: 4,
      listSlots: 5,
    });
    expect(plan.slots.map((s) => [s.slot, (s.atMs - T) / 1000, s.size, s.retries])).toEqual([
      // Slot 4 is in progress and sent: slot 5 is next.
      [5, 150, 10, 0],
      [6, 180, 10, 0],
      // The given retries (due at 200 s) go first; the last 5 fresh numbers fill the batch.
      [7, 210, 8, 3],
      // Half the in-flight calls (2, due 130 + 30 + 60 = 220 s) and half of slot 5 (5, due 240 s).
      [8, 240, 7, 7],
      [9, 270, 5, 5],
    ]);
  });

  it('plans a million numbers in runs, quickly, exactly when nothing is retried', () => {
    const started = performance.now();
    const plan = planDispatch({ ...base, durationOfEachCall: 30, numberCallPerTime: 15, fresh: 1_000_000 });
    expect(plan).toMatchObject({ batches: 66_667, retryBatches: 0, lastBatchAt: T + 66_666 * 30_000 });
    const withRetries = planDispatch({ ...base, durationOfEachCall: 30, numberCallPerTime: 15, fresh: 1_000_000, maxRetryOfDetail: 2, calendar: office });
    expect(withRetries.retryBatches).toBeGreaterThan(2 * 66_667 - 10);
    expect(withRetries.retryBatches).toBeLessThanOrEqual(2 * 66_667);
    expect(withRetries.estimatedFinishAt).toBeGreaterThan(plan.estimatedFinishAt!);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
