import { applyPendingEvents, type PrismaClient } from '@autocall/db';
import { removeCampaignWakes, scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';

// Provider events an API process appended but did not apply (it died after its reply, or the
// apply failed) are applied by the workers' sweep once they are this old; younger ones are left
// to the API process that is applying them.
export const LEFTOVER_AFTER_MS = 5_000;
const BATCH = 5_000;

export async function applyLeftoverEvents(deps: { prisma: PrismaClient; queues: Queues; logger: Logger; now: () => number }): Promise<number> {
  let applied = 0;
  for (;;) {
    const nowMs = deps.now();
    const result = await applyPendingEvents(deps.prisma, nowMs, BATCH, { receivedBeforeMs: nowMs - LEFTOVER_AFTER_MS });
    applied += result.taken;
    if (result.wakes.length > 0) await scheduleCampaignWakes(deps.queues, result.wakes, nowMs);
    for (const campaignId of result.completed) await removeCampaignWakes(deps.queues, campaignId);
    // Nothing ready now (held back by a long transaction, say): the next sweep looks again.
    if (!result.more || result.taken === 0) break;
  }
  if (applied > 0) deps.logger.warn({ events: applied }, 'applied provider events an API process left behind');
  return applied;
}
