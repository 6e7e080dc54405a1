import type { Job } from 'bullmq';
import { jobCatalog } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { advanceCampaign, type AdvanceDeps } from '../advance-campaign.ts';

// Thin: validate the payload, hand over to the service. Jobs arrive WAKE_LEAD_MS before their
// time; the rest of the wait is a timer (wake-timers.ts), so the slot goes out on time.
export function campaignWakeProcessor(deps: AdvanceDeps & { logger: Logger; advance?: (campaignId: string) => Promise<void> }) {
  const advance = deps.advance ?? ((campaignId: string) => advanceCampaign(deps, campaignId));
  return async (job: Job): Promise<void> => {
    const parsed = jobCatalog.campaignWake.schema.safeParse(job.data);
    if (!parsed.success) {
      deps.logger.error({ jobId: job.id, issues: parsed.error.issues }, 'dropping malformed campaign wake job');
      return;
    }
    const { campaignId, atMs } = parsed.data;
    if (atMs > deps.now() && deps.wakeAt?.(campaignId, atMs)) return;
    await advance(campaignId);
  };
}
