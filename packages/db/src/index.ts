export { createDatabase, PrismaClient } from './client.ts';
export type { Database, Db, Prisma } from './client.ts';
export { createCampaign } from './campaigns.ts';
export type { NewCampaign } from './campaigns.ts';
export { recordTransition } from './campaign-events.ts';
export { claimNextBatch, completeCampaign, markBatchAmbiguous } from './dispatch.ts';
export type { ClaimedBatch, ClaimOptions, WakeDecision } from './dispatch.ts';
export { markBatchRetry, markBatchSending, markBatchSent, markBatchUnknown, pauseForProvider, rejectBatchAndPause, releaseLease } from './batches.ts';
export { recordCallEvents } from './outcomes.ts';
export type { CallEvent, RecordedEvents } from './outcomes.ts';
export { findCampaignWakes, setNextWake } from './wakes.ts';
export {
  authenticate,
  createApiKey,
  createTenant,
  ensureBootstrapKey,
  generateSecret,
  hashSecret,
  issueAccessToken,
  listApiKeys,
  revokeApiKey,
} from './api-keys.ts';
export type { KeyRole, Principal } from './api-keys.ts';
export { campaignCounts, findCampaign, listBatches, listCalls, listCampaigns } from './campaign-queries.ts';
export type { Page } from './campaign-queries.ts';
