import { allowedSpan, type CallCalendar } from './call-window.ts';

/** Numbers waiting for a retry: when they fall due, and how many dials each has had so far. */
export type RetryCohort = { dueAtMs: number; count: number; attempts: number };

export type DispatchPlanInput = {
  sendTimeMs: number;
  durationOfEachCall: number;
  numberCallPerTime: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  /** null: calls at any time. */
  calendar: CallCalendar | null;
  nowMs: number;
  /** Numbers never dialled (due from sendTime). */
  fresh: number;
  /** Numbers waiting for a retry. */
  retries?: readonly RetryCohort[];
  /** Numbers with a call in flight, taken as on their first dial: their outcome may bring a retry. */
  inFlight?: number;
  /** The last slot that has a batch; -1 (the default) before the first. */
  lastSlotIndex?: number;
  /** Share of calls answered. Unknown (null, the default) plans as if nobody answers: the latest finish. */
  answerRate?: number | null;
  /** List the first this many batches one by one (default none). */
  listSlots?: number;
};

export type PlannedSlot = { slot: number; atMs: number; size: number; retries: number };

export type DispatchPlan = {
  /** Batches the numbers need for their first call. */
  batches: number;
  /** Further batches the expected retries need. */
  retryBatches: number;
  firstBatchAt: number | null;
  /** The last batch, retries included. */
  lastBatchAt: number | null;
  /** The last batch plus one slot for its calls to ring out. */
  estimatedFinishAt: number | null;
  durationSeconds: number | null;
  /** The answer rate the retry estimate assumed. */
  assumedAnswerRate: number;
  slots: PlannedSlot[];
};

// Plans further than this ahead are not worked out (the finish is reported unknown).
const HORIZON_MS = 10 * 366 * 86_400_000;
// Slots are simulated in runs of up to total/RUNS slots: a run's retries fall due after it, which
// moves a retry by at most one run (a 2,000th of the campaign) and keeps any size quick.
const RUNS = 2_000;
const MAX_STEPS = 200_000;

/**
 * Works out when a campaign's batches go out, as the worker sends them: one batch of up to
 * numberCallPerTime numbers per slot on the grid sendTime + k * durationOfEachCall, due retries
 * first and then never-dialled numbers, only inside the call windows (a closed slot moves to the
 * first grid slot at or after the next opening), a slot with nothing due skipped. Retries are an
 * estimate: each unanswered share of a batch comes back retryAfterSeconds after a slot to ring out,
 * up to maxRetryOfDetail times. Pure: time comes in as `nowMs`.
 */
export function planDispatch(input: DispatchPlanInput): DispatchPlan {
  const perBatch = Math.max(1, Math.floor(input.numberCallPerTime));
  const stepMs = Math.max(0, input.durationOfEachCall) * 1000;
  const retryAfterMs = Math.max(0, input.retryAfterSeconds) * 1000;
  const maxRetry = Math.max(0, Math.floor(input.maxRetryOfDetail));
  const answerRate = Math.min(1, Math.max(0, input.answerRate ?? 0));
  const unanswered = 1 - answerRate;
  const listSlots = Math.max(0, input.listSlots ?? 0);
  const { sendTimeMs, nowMs, calendar } = input;

  const queue = createRetryQueue(input.retries ?? []);
  const carry: number[] = [];
  // Expected unanswered calls come back as whole numbers; the fractions carry over per attempt.
  const comeBack = (dials: number, attemptsAfter: number, outcomeAtMs: number) => {
    if (dials <= 0 || unanswered === 0 || attemptsAfter - 1 >= maxRetry) return;
    const expected = (carry[attemptsAfter] ?? 0) + dials * unanswered;
    const count = Math.round(expected);
    carry[attemptsAfter] = expected - count;
    if (count > 0) queue.add({ dueAtMs: outcomeAtMs + retryAfterMs, count, attempts: attemptsAfter });
  };
  comeBack(input.inFlight ?? 0, 1, nowMs + stepMs);

  let fresh = Math.max(0, Math.floor(input.fresh));
  const firstCallBatches = Math.ceil(fresh / perBatch);
  const runSlots = Math.max(1, Math.floor(expectedSlots(fresh, queue.total(), input.inFlight ?? 0, unanswered, maxRetry, perBatch) / RUNS));
  const slots: PlannedSlot[] = [];
  let batches = 0;
  let firstMs: number | null = null;
  let lastMs: number | null = null;
  let finished = true;

  const slotIndex = (offsetMs: number, round: 'ceil' | 'floor') => (stepMs === 0 ? 0 : gridIndex(offsetMs, stepMs, round));
  let k = input.lastSlotIndex === undefined ? 0 : input.lastSlotIndex + 1;
  if (stepMs > 0) k = Math.max(k, slotIndex(nowMs - sendTimeMs, 'floor'));
  // With durationOfEachCall 0 every slot is at the time its numbers fall due.
  let clockMs = sendTimeMs;
  let span: { fromMs: number; toMs: number } | null = calendar === null ? { fromMs: -Infinity, toMs: Infinity } : null;

  for (let step = 0; fresh > 0 || queue.total() > 0; step++) {
    const dueMs = fresh > 0 ? sendTimeMs : queue.firstDue();
    let atMs: number;
    if (stepMs > 0) {
      k = Math.max(k, slotIndex(dueMs - sendTimeMs, 'ceil'));
      atMs = sendTimeMs + k * stepMs;
    } else {
      atMs = clockMs = Math.max(clockMs, dueMs);
    }
    if (step >= MAX_STEPS || atMs - sendTimeMs > HORIZON_MS) {
      finished = false;
      break;
    }
    // The slot's grid time and the time it goes out (now, for a slot in progress) must both be
    // allowed, as nextAllowedSlot has it.
    const goesOutMs = Math.max(atMs, nowMs);
    let closedUntil: number | null = null;
    if (calendar !== null) {
      for (const ms of atMs < nowMs ? [atMs, nowMs] : [atMs]) {
        if (span === null || ms < span.fromMs || ms >= span.toMs) span = allowedSpan(ms, calendar);
        if (span === null) break;
        if (span.fromMs > ms) {
          closedUntil = span.fromMs;
          break;
        }
      }
      if (span === null) {
        finished = false;
        break;
      }
    }
    if (closedUntil !== null) {
      if (stepMs > 0) k = Math.max(k, slotIndex(closedUntil - sendTimeMs, 'ceil'));
      else clockMs = closedUntil;
      continue;
    }

    const slotsOpen = stepMs === 0 || span!.toMs === Infinity ? Infinity : Math.ceil((span!.toMs - atMs) / stepMs);
    const run = slots.length < listSlots ? 1 : Math.min(slotsOpen, stepMs === 0 ? Infinity : runSlots);
    const capacity = run * perBatch;
    const taken = queue.take(goesOutMs, capacity);
    const retried = taken.reduce((sum, part) => sum + part.count, 0);
    const freshDials = Math.min(fresh, capacity - retried);
    const dials = retried + freshDials;
    if (dials === 0) {
      // Nothing due yet: the next slot is the first one at or after the next retry.
      if (stepMs > 0) k = Math.max(k + 1, slotIndex(queue.firstDue() - sendTimeMs, 'ceil'));
      else clockMs = queue.firstDue();
      continue;
    }
    fresh -= freshDials;
    const used = Math.ceil(dials / perBatch);
    const lastOfRunMs = used === 1 ? goesOutMs : atMs + (used - 1) * stepMs;
    if (slots.length < listSlots) slots.push({ slot: k, atMs: goesOutMs, size: dials, retries: retried });
    batches += used;
    firstMs ??= goesOutMs;
    lastMs = lastOfRunMs;
    // Outcomes are taken to arrive a slot after the batch (the calls ring out meanwhile).
    comeBack(freshDials, 1, lastOfRunMs + stepMs);
    for (const part of taken) comeBack(part.count, part.attempts + 1, lastOfRunMs + stepMs);
    k += used;
  }

  const estimatedFinishAt = finished && lastMs !== null ? lastMs + stepMs : null;
  return {
    batches: firstCallBatches,
    retryBatches: Math.max(0, batches - firstCallBatches),
    firstBatchAt: firstMs,
    lastBatchAt: finished ? lastMs : null,
    estimatedFinishAt,
    durationSeconds: estimatedFinishAt !== null && firstMs !== null ? Math.round((estimatedFinishAt - firstMs) / 1000) : null,
    assumedAnswerRate: answerRate,
    slots,
  };
}

// Slots the whole campaign is expected to need, to size the simulation's runs.
function expectedSlots(fresh: number, waiting: number, inFlight: number, unanswered: number, maxRetry: number, perBatch: number): number {
  let redials = 0;
  for (let i = 1, p = 1; i <= maxRetry; i++) redials += p *= unanswered;
  return Math.ceil((fresh * (1 + redials) + waiting * (1 + redials) + inFlight * redials) / perBatch);
}

// Smallest k with k * step >= offset ('ceil'), or largest k with k * step <= offset ('floor').
function gridIndex(offsetMs: number, stepMs: number, round: 'ceil' | 'floor'): number {
  let k = round === 'ceil' ? Math.ceil(offsetMs / stepMs) : Math.floor(offsetMs / stepMs);
  if (round === 'ceil') {
    while (k * stepMs < offsetMs) k++;
    while ((k - 1) * stepMs >= offsetMs) k--;
  } else {
    while (k * stepMs > offsetMs) k--;
    while ((k + 1) * stepMs <= offsetMs) k++;
  }
  return k;
}

type RetryQueue = {
  add(cohort: RetryCohort): void;
  /** Takes up to `capacity` numbers due at or before `atMs`, earliest first. */
  take(atMs: number, capacity: number): { count: number; attempts: number }[];
  firstDue(): number;
  total(): number;
};

// Two queues in due order: the retries given (sorted once) and those the plan creates, which come
// due in the order they are created (constant delay after increasing times).
function createRetryQueue(given: readonly RetryCohort[]): RetryQueue {
  const lanes: RetryCohort[][] = [
    given.filter((c) => c.count > 0).map((c) => ({ ...c })).toSorted((a, b) => a.dueAtMs - b.dueAtMs),
    [],
  ];
  const heads = [0, 0];
  let total = lanes[0]!.reduce((sum, c) => sum + c.count, 0);
  const head = (lane: number) => lanes[lane]![heads[lane]!];
  const earliestLane = () => {
    const a = head(0);
    const b = head(1);
    if (!a) return b ? 1 : -1;
    return !b || a.dueAtMs <= b.dueAtMs ? 0 : 1;
  };
  return {
    add(cohort) {
      lanes[1]!.push(cohort);
      total += cohort.count;
    },
    take(atMs, capacity) {
      const taken: { count: number; attempts: number }[] = [];
      let left = capacity;
      for (let lane = earliestLane(); lane !== -1 && left > 0; lane = earliestLane()) {
        const cohort = head(lane)!;
        if (cohort.dueAtMs > atMs) break;
        const count = Math.min(cohort.count, left);
        taken.push({ count, attempts: cohort.attempts });
        cohort.count -= count;
        left -= count;
        total -= count;
        if (cohort.count === 0) heads[lane] = heads[lane]! + 1;
      }
      return taken;
    },
    firstDue() {
      const lane = earliestLane();
      return lane === -1 ? Infinity : head(lane)!.dueAtMs;
    },
    total: () => total,
  };
}
