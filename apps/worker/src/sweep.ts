import { findCampaignWakes, type PrismaClient } from '@autocall/db';
import { scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';

export type SweepDeps = { prisma: PrismaClient; queues: Queues; logger: Logger; now: () => number; horizonMs: number };

// Redis is only a cache of schedules. A marker key tells whether Redis still has what we put in it;
// when the marker is gone (FLUSHALL, restart without persistence), every live campaign's wake is
// re-created from Postgres. Otherwise only wakes due soon are re-added, which covers a process that
// died between committing a campaign and enqueueing its job. Re-adding an existing job is a no-op.
export async function sweepOnce(deps: SweepDeps): Promise<{ rebuilt: boolean; scheduled: number }> {
  const nowMs = deps.now();
  const marker = `${deps.queues.prefix}:autocall:schedules-present`;
  const fresh = (await deps.queues.connection.set(marker, String(nowMs), 'NX')) === 'OK';
  const wakes = await findCampaignWakes(deps.prisma, { nowMs, horizonMs: fresh ? null : deps.horizonMs });
  await scheduleCampaignWakes(deps.queues, wakes, nowMs);
  if (fresh) deps.logger.info({ campaigns: wakes.length }, 'schedules rebuilt from Postgres');
  return { rebuilt: fresh, scheduled: wakes.length };
}

export function startSweep(deps: SweepDeps & { intervalMs: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sweepOnce(deps).catch((error: unknown) => deps.logger.warn({ err: error }, 'sweep failed; will try again'));
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
