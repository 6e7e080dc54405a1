// Kept apart from the signing code (node:crypto) so the console can import the event names.
import type { CampaignStatus } from './campaign-status.ts';

// Events a tenant can subscribe a webhook endpoint to. Names are a public contract: add, never rename.
export const WEBHOOK_EVENTS = [
  'campaign.started',
  'campaign.completed',
  'campaign.paused',
  'campaign.resumed',
  'campaign.cancelled',
  'campaign.failed',
  'call.answered',
  'call.failed',
  'call.no_result',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

// The event a campaign status change announces, if any (creation announces nothing).
export function campaignEventFor(from: CampaignStatus | null, to: CampaignStatus): WebhookEvent | null {
  if (from === null) return null;
  switch (to) {
    case 'running':
      return from === 'paused' ? 'campaign.resumed' : 'campaign.started';
    case 'paused':
      return 'campaign.paused';
    case 'completed':
      return 'campaign.completed';
    case 'cancelled':
      return 'campaign.cancelled';
    case 'failed':
      return 'campaign.failed';
    default:
      return null;
  }
}
