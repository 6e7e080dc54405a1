import { findCampaignWakes, type PrismaClient } from '@autocall/db';
import { WAKE_LEAD_MS, scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { applyLeftoverEvents } from './leftover-events.ts';
import { HOLD_WITHIN_MS } from './wake-timers.ts';

export type SweepDeps = { prisma: PrismaClient; queues: Queues; logger: Logger; now: () => number; horizonMs: number };

// A wake this late, with no live lease, was lost (the worker holding it in memory died): queue it.
// Healthy wakes are taken within milliseconds of their time, and the claim moves next_wake_at on.
export const OVERDUE_GRACE_MS = 3_000;

// Redis is only a cache of schedules. A marker key tells whether Redis still has what we put in it;
// when the marker is gone (FLUSHALL, restart without persistence), every live campaign's wake is
// re-created from Postgres. Otherwise only wakes due soon are re-added, which covers a process that
// died between committing a campaign and enqueueing its job; re-adding an existing job is a no-op.
// Wakes a worker may be holding or running (due within HOLD_WITHIN_MS + WAKE_LEAD_MS, or overdue
// by less than OVERDUE_GRACE_MS, or under a live lease) are left alone: their job was removed when it was
// taken, so re-adding it would wake the campaign a second time, for a claim that finds nothing.
export async function sweepOnce(deps: SweepDeps): Promise<{ rebuilt: boolean; scheduled: number }> {
  const nowMs = deps.now();
  const marker = `${deps.queues.prefix}:autocall:schedules-present`;
  const fresh = (await deps.queues.connection.set(marker, String(nowMs), 'NX')) === 'OK';
  const wakes = await findCampaignWakes(
    deps.prisma,
    fresh
      ? { nowMs, horizonMs: null }
      : { nowMs, horizonMs: deps.horizonMs, inFlight: { fromMs: nowMs - OVERDUE_GRACE_MS, toMs: nowMs + HOLD_WITHIN_MS + WAKE_LEAD_MS } },
  );
  await scheduleCampaignWakes(deps.queues, wakes, nowMs);
  if (fresh) deps.logger.info({ campaigns: wakes.length }, 'schedules rebuilt from Postgres');
  return { rebuilt: fresh, scheduled: wakes.length };
}

export function startSweep(deps: SweepDeps & { intervalMs: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = Promise.all([
      sweepOnce(deps).catch((error: unknown) => deps.logger.warn({ err: error }, 'sweep failed; will try again')),
      applyLeftoverEvents(deps).catch((error: unknown) => deps.logger.warn({ err: error }, 'leftover provider events not applied; will try again')),
    ]);
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
