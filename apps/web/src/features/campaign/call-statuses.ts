import { CALL_AGAIN_STATUSES, type CallAgainStatus, type CallStatus } from '@autocall/domain/schemas';
import type { BadgeTone } from '@/components/ui/badge.tsx';

// How a number's status reads at a glance (the word is always shown next to the colour).
export const CALL_STATUS_TONES: Record<CallStatus, BadgeTone> = {
  pending: 'neutral',
  dialing: 'info',
  calling: 'info',
  retry: 'warning',
  answered: 'success',
  failed: 'danger',
  invalid: 'neutral',
  no_result: 'warning',
  unknown: 'warning',
  cancelled: 'neutral',
  suppressed: 'neutral',
};

// The statuses a "Call again" can pick (the API's call-again `statuses`), most wanted first.
export const CALL_AGAIN_CHOICES = CALL_AGAIN_STATUSES;
export type CallAgainChoice = CallAgainStatus;
export const DEFAULT_CALL_AGAIN: readonly CallAgainChoice[] = ['failed', 'no_result'];

// The wizard's call-again mode (engineer B's page): `/campaigns/new?from=<id>&statuses=a,b`.
export function callAgainHref(campaignId: string, statuses: readonly CallAgainChoice[]): string {
  return `/campaigns/new?from=${encodeURIComponent(campaignId)}&statuses=${statuses.join(',')}`;
}
