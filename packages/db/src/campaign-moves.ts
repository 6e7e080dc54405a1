import { workerCampaignMove, type CampaignStatus, type WorkerCampaignAction } from '@autocall/domain';
import { transitionStatements } from './campaign-events.ts';
import { inOrder, type Executor } from './sql.ts';

export type CampaignMove = {
  campaignId: string;
  // The status the caller read under the campaign's row lock.
  from: CampaignStatus;
  action: WorkerCampaignAction;
  actor: 'worker' | 'provider';
  reason?: string | null;
  // For a pause: shown in the API as pauseReason / pauseDetail.
  detail?: string | null;
  nowMs: number;
};

/**
 * A status change the dispatch engine makes (start, complete, pause for the provider), decided by
 * the domain's state machine and written with its audit event and outbound webhook. Returns the
 * new status, or null when the state machine refuses the move or the campaign is no longer in
 * `from`. A campaign that stops (completed, paused) needs no wake and no lease any more.
 */
export async function moveCampaign(tx: Executor, move: CampaignMove): Promise<CampaignStatus | null> {
  const to = workerCampaignMove(move.from, move.action);
  if (to === null) return null;
  const now = new Date(move.nowMs);
  const stops = to !== 'running';
  const pausing = to === 'paused';
  // The update, its audit event and its webhook in one round trip (inOrder): the two writes after
  // it happen only if it did (transitionStatements' `ifStatusNow`; the caller holds the row).
  const transition = { campaignId: move.campaignId, from: move.from, to, actor: move.actor, reason: move.reason ?? null, atMs: move.nowMs };
  const update = () => tx.$executeRaw`
    UPDATE campaigns SET status = ${to}::campaign_status,
      started_at = CASE WHEN ${to} = 'running' THEN ${now} ELSE started_at END,
      completed_at = CASE WHEN ${to} = 'completed' THEN ${now} ELSE completed_at END,
      pause_reason = CASE WHEN ${pausing}::boolean THEN ${move.reason ?? null} ELSE pause_reason END,
      pause_detail = CASE WHEN ${pausing}::boolean THEN ${move.detail ?? null} ELSE pause_detail END,
      next_wake_at = CASE WHEN ${stops}::boolean THEN NULL ELSE next_wake_at END,
      lease_owner = CASE WHEN ${stops}::boolean THEN NULL ELSE lease_owner END,
      lease_until = CASE WHEN ${stops}::boolean THEN NULL ELSE lease_until END
    -- status compared as text, which no index serves: the row is found by its primary key whatever
    -- the statistics (with few running campaigns in them the planner walked the status index over
    -- every running one: ~770 rows and buffers a move at 1,000 campaigns, auto_explain).
    WHERE id = ${move.campaignId}::uuid AND status::text = ${move.from}`;
  const [updated] = await inOrder(tx, [update, ...transitionStatements(tx, transition, { ifStatusNow: true })]);
  return updated === 0 ? null : to;
}
