// The rules of dispatch, with no I/O: which batch goes when (plan.ts), what each provider reply
// leads to (reply.ts), the batch's states (batch-status.ts) and the campaign moves the engine makes
// (campaign-moves.ts). packages/db and apps/worker only read, write and send what these decide.
export {
  BATCH_MOVES,
  BATCH_STATUSES,
  type BatchMove,
  type BatchStatus,
} from './batch-status.ts';
export { workerCampaignMove, type WorkerCampaignAction } from './campaign-moves.ts';
export {
  EMPTY_CLAIM_RETRY_MS,
  NO_WINDOW_RETRY_MS,
  afterEmptyClaim,
  completion,
  gateCampaign,
  nextWakeAfterClaim,
  outcomeClock,
  slotFor,
  slotStep,
  unsentBatchStep,
  whenNothingDue,
  type CampaignCalendar,
  type CampaignGate,
  type CampaignGateInput,
  type OutcomeClock,
  type Sleep,
  type UnsentBatchStep,
} from './plan.ts';
export { PROVIDER_UNAVAILABLE, reactToReply, type ProviderReply, type ReplyContext, type ReplyReaction } from './reply.ts';
