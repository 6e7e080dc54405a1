import { removeCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';

// Stopped campaigns (completed, cancelled, paused) lose their queued wakes after the commit, so
// Bull Board shows only live work. Failing here fails no request: a leftover wake finds the
// campaign stopped, and the worker that takes it removes the rest.
export async function dropCampaignWakes(deps: { queues: Queues; logger: Logger }, campaignIds: Iterable<string>): Promise<void> {
  for (const campaignId of campaignIds) {
    try {
      await removeCampaignWakes(deps.queues, campaignId);
    } catch (error) {
      deps.logger.warn({ err: error, campaignId }, 'wakes of a stopped campaign not removed; they will find it stopped');
    }
  }
}
