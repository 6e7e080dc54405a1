import { campaignEventFor } from '@autocall/domain';
import { inOrder, type Sql as Db } from './sql.ts';
import { enqueueCampaignWebhook } from './webhooks.ts';

type CampaignStatus = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

// The audit trail: every status change with who made it (an API key id, or `worker`/`system`).
export async function recordTransition(
  db: Db,
  change: { campaignId: string; from: CampaignStatus | null; to: CampaignStatus; actor: string; reason?: string | null; atMs: number },
): Promise<void> {
  const recorded = () => db.$executeRaw`
    INSERT INTO campaign_events (campaign_id, from_status, to_status, actor, reason, created_at)
    VALUES (${change.campaignId}::uuid, ${change.from}::campaign_status, ${change.to}::campaign_status, ${change.actor},
            ${change.reason ?? null}, ${new Date(change.atMs)})`;
  // The outbound webhook is written in the caller's transaction: no change without its event. The
  // two inserts need nothing of each other: sent together (inOrder).
  const event = campaignEventFor(change.from, change.to);
  if (!event) {
    await recorded();
    return;
  }
  const webhook = { campaignId: change.campaignId, event, from: change.from, to: change.to, actor: change.actor, reason: change.reason ?? null, atMs: change.atMs };
  await inOrder(db, [recorded, () => enqueueCampaignWebhook(db, webhook)] as const);
}
