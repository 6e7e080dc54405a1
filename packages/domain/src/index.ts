export type { DomainErrorCode, FieldError } from './errors.ts';
export {
  maskPhone,
  normalizePhone,
  normalizePhoneWithLibrary,
  type CountryCode,
  type NormalizedPhone,
  type PhoneInvalidReason,
} from './phone.ts';
export {
  createPhoneDeduper,
  summarizePhones,
  type InvalidPhone,
  type PhoneAddResult,
  type PhoneDedupeStats,
  type PhoneDeduper,
  type PhoneDeduperOptions,
  type PhoneSummary,
} from './phone-dedupe.ts';
export { nextSlot, slotTime, type NextSlotInput, type Slot, type SlotPlan } from './slots.ts';
export {
  afterOutcome,
  providerBackoffMs,
  type BackoffOptions,
  type OutcomeDecision,
  type OutcomeInput,
} from './retry.ts';
export { resolveSendTime, type SendTimeResult } from './send-time.ts';
export {
  CALL_STATUSES,
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
  TERMINAL_CALL_STATUSES,
  TERMINAL_CAMPAIGN_STATUSES,
  applyCampaignAction,
  isTerminalCallStatus,
  isTerminalCampaignStatus,
  type CallStatus,
  type CampaignAction,
  type CampaignStatus,
  type CampaignTransition,
  type CampaignTransitionContext,
  type TerminalCallStatus,
} from './campaign-status.ts';
export {
  MAX_JSON_PHONES,
  MAX_TTS_CHARACTERS,
  PHONE_LIST_FIELDS,
  campaignInputSchema,
  pickPhoneList,
  scriptSchema,
  type CampaignInput,
  type CampaignInputBody,
  type CampaignInputOptions,
  type CampaignInputSchema,
  type PhoneListField,
  type Script,
} from './campaign-input.ts';
export { zodIssuesToFieldErrors } from './zod-issues.ts';
