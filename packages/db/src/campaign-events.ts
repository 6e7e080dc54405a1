import { campaignEventFor } from '@autocall/domain';
import { Prisma } from './generated/client.ts';
import { inOrder, type Sql as Db } from './sql.ts';
import { enqueueCampaignWebhook } from './webhooks.ts';

type CampaignStatus = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

// The audit trail: every status change with who made it (an API key id, or `worker`/`system`).
export async function recordTransition(db: Db, change: Transition): Promise<void> {
  await inOrder(db, transitionStatements(db, change));
}

type Transition = { campaignId: string; from: CampaignStatus | null; to: CampaignStatus; actor: string; reason?: string | null; atMs: number };

// The statements that record a change: its audit event and, when it raises one, its outbound
// webhook, written in the caller's transaction (no change without its event). They need nothing of
// each other, so the caller sends them together (inOrder), after its own update if it likes:
// `ifStatusNow` makes each write only if the campaign's status is now `to`, i.e. only if that
// update (same transaction, the row locked) happened.
export function transitionStatements(db: Db, change: Transition, options: { ifStatusNow?: boolean } = {}): (() => PromiseLike<number>)[] {
  const moved = options.ifStatusNow
    ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = ${change.campaignId}::uuid AND status::text = ${change.to})`
    : Prisma.empty;
  const recorded = () => db.$executeRaw`
    INSERT INTO campaign_events (campaign_id, from_status, to_status, actor, reason, created_at)
    SELECT ${change.campaignId}::uuid, ${change.from}::campaign_status, ${change.to}::campaign_status, ${change.actor}::text,
           ${change.reason ?? null}::text, ${new Date(change.atMs)}::timestamptz ${moved}`;
  const event = campaignEventFor(change.from, change.to);
  if (!event) return [recorded];
  const webhook = { campaignId: change.campaignId, event, from: change.from, to: change.to, actor: change.actor, reason: change.reason ?? null, atMs: change.atMs };
  return [recorded, () => enqueueCampaignWebhook(db, webhook, options)];
}
