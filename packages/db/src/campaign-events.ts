import type { Db } from './client.ts';

type CampaignStatus = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

// The audit trail: every status change with who made it (an API key id, or `worker`/`system`).
export async function recordTransition(
  db: Db,
  change: { campaignId: string; from: CampaignStatus | null; to: CampaignStatus; actor: string; reason?: string | null; atMs: number },
): Promise<void> {
  await db.campaignEvent.create({
    data: {
      campaignId: change.campaignId,
      fromStatus: change.from,
      toStatus: change.to,
      actor: change.actor,
      reason: change.reason ?? null,
      createdAt: new Date(change.atMs),
    },
  });
}
