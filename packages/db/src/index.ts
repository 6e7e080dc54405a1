export { createDatabase, PrismaClient } from './client.ts';
export type { Database, Db, Prisma } from './client.ts';
// Dispatch functions take an Executor (a client or a transaction); the caller owns the transaction.
export { inTransaction, transaction, type Executor } from './sql.ts';
// Batch writes name the status they expect; a lost race goes to a RaceLog. Lock order: batch-moves.ts.
export type { MoveResult, RaceLog } from './batch-moves.ts';
export { createCampaign } from './campaigns.ts';
export type { NewCampaign } from './campaigns.ts';
export { recordTransition } from './campaign-events.ts';
export { claimNextBatch, completeCampaign } from './dispatch.ts';
export { markBatchAmbiguous } from './lost-calls.ts';
export { settleCancelledCampaigns } from './cancelled.ts';
export type { ClaimedBatch, ClaimOptions, WakeDecision } from './dispatch.ts';
export type { BatchSent } from './batches.ts';
export { markBatchRetry, markBatchSending, markBatchSent, markBatchUnknown, pauseForProvider, rejectBatchAndPause, releaseLease } from './batches.ts';
export { appendCallEvents, recordCallEvents } from './outcomes.ts';
export { applyPendingEvents } from './outcome-applier.ts';
export { sqlOf } from './sql.ts';
export type { CallEvent, RecordedEvents } from './outcomes.ts';
export { findCampaignWakes, setNextWake, type InFlight } from './wakes.ts';
export {
  apiKeyName,
  authenticate,
  createApiKey,
  createFirstAdminKey,
  createTenant,
  ensureBootstrapKey,
  generateSecret,
  hashSecret,
  issueAccessToken,
  listApiKeys,
  resolveTenant,
  revokeApiKey,
} from './api-keys.ts';
export type { ApiKeyView, KeyRole, Principal } from './api-keys.ts';
export { campaignWithCounts, findCampaign, type CampaignCounts, listBatches, listCalls, listCampaigns } from './campaign-queries.ts';
export type { Page } from './campaign-queries.ts';
export { claimIdempotencyKey, completeIdempotencyKey, purgeExpiredIdempotencyKeys, releaseIdempotencyKey } from './idempotency.ts';
export type { IdempotencyClaim } from './idempotency.ts';
export {
  claimDueDeliveries,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enqueueCallWebhooks,
  enqueueCampaignWebhook,
  findWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  purgeSettledDeliveries,
  recordDeliveryOutcome,
} from './webhooks.ts';
export type { CallWebhook, DeliveryOutcome, DueDelivery, WebhookEndpointView } from './webhooks.ts';
export { changeCampaignStatus, editScheduledCampaign, listCampaignEvents } from './lifecycle.ts';
export type { CampaignEdit, CampaignEventView, LifecycleAction, LifecycleRequest, LifecycleResult } from './lifecycle.ts';
export { addSuppressions, countSuppressedAmong, countSuppressions, listSuppressions, removeSuppression } from './suppressions.ts';
export type { SuppressionAdded } from './suppressions.ts';
export { isAppendable, openNumberImport, stagingRow } from './imports.ts';
export type { ImportCampaign, ImportOutcome, ImportTarget, NumberImport, StagedCounts } from './imports.ts';
export { CALL_RESULT_COLUMNS, callResultPages } from './exports.ts';
export type { CallResultRow } from './exports.ts';
export { purgeOldDials } from './dispatch-screen.ts';
export { LIVE_CAMPAIGN_STATUSES, readOpsStats } from './ops-stats.ts';
export type { OpsStats } from './ops-stats.ts';
export type { NumberFilter, PhoneMatch } from './number-filter.ts';
export { callTimeline, firstDueRetries, numberCountsByCampaign, numbersLeft, recentBatches } from './campaign-insights.ts';
export type { BatchPoint, CallBucket, DueRetries, NumberCounts } from './campaign-insights.ts';
export { createCallAgainCampaign } from './call-again.ts';
export type { CallAgainCampaign, CallAgainOutcome } from './call-again.ts';
