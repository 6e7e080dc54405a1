/**
 * Campaign slots sit on a fixed grid anchored at the send time, so a slot's time
 * never drifts with how late a worker ran: slot k fires at sendTime + k * duration.
 */
export type SlotPlan = { sendTimeMs: number; durationSec: number };

export type NextSlotInput = SlotPlan & {
  /** Index of the last slot already dispatched; -1 before the first. */
  lastSlotIndex: number;
  /** Earliest time a number is due (its retry time, or the send time). */
  dueAtMs: number;
  nowMs: number;
};

export type Slot = { index: number; atMs: number };

export function slotTime(plan: SlotPlan, k: number): number {
  return plan.sendTimeMs + k * durationMs(plan.durationSec);
}

/**
 * The slot to dispatch next: the first one after `lastSlotIndex` that is not before
 * `dueAtMs`, and not before the slot in progress at `nowMs`. A worker that wakes
 * late therefore continues from the current slot instead of firing every missed
 * slot back to back (which would exceed the provider's concurrent-call limit).
 * The returned slot may have started already (atMs <= nowMs): dispatch at once.
 */
export function nextSlot(input: NextSlotInput): Slot {
  const { sendTimeMs, lastSlotIndex, dueAtMs, nowMs } = input;
  const step = durationMs(input.durationSec);
  if (step === 0) return { index: lastSlotIndex + 1, atMs: Math.max(sendTimeMs, dueAtMs) };

  const firstDue = ceilSlotIndex(dueAtMs - sendTimeMs, step);
  const inProgress = floorSlotIndex(nowMs - sendTimeMs, step);
  const index = Math.max(lastSlotIndex + 1, firstDue, inProgress);
  return { index, atMs: sendTimeMs + index * step };
}

function durationMs(durationSec: number): number {
  if (!Number.isFinite(durationSec) || durationSec < 0) {
    throw new RangeError(`durationSec must be a non-negative number, got ${durationSec}`);
  }
  return durationSec * 1000;
}

// Both helpers re-check the division with multiplications so a rounding error in
// offset / step can never move a slot by one.

/** Smallest k with k * step >= offset. */
function ceilSlotIndex(offsetMs: number, step: number): number {
  let k = Math.ceil(offsetMs / step);
  while (k * step < offsetMs) k++;
  while ((k - 1) * step >= offsetMs) k--;
  return k;
}

/** Largest k with k * step <= offset. */
function floorSlotIndex(offsetMs: number, step: number): number {
  let k = Math.floor(offsetMs / step);
  while (k * step > offsetMs) k--;
  while ((k + 1) * step <= offsetMs) k++;
  return k;
}
