import { applyCampaignAction, type CampaignStatus } from '../campaign-status.ts';

// The campaign status changes the dispatch engine makes on its own, through the same state
// machine as the API's pause, resume and cancel.
export type WorkerCampaignAction = 'start' | 'complete' | 'pause';

/** The status after the move, or null when the campaign is not in a status it applies to. */
export function workerCampaignMove(from: CampaignStatus, action: WorkerCampaignAction): CampaignStatus | null {
  const move = applyCampaignAction(from, action);
  return move.ok ? move.status : null;
}
