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
export { callOutcome, type CallOutcome, type CallOutcomeInput } from './dispatch/outcome.ts';
export { resolveSendTime, type SendTimeResult } from './send-time.ts';
export { mulberry32 } from './random.ts';
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
  CAMPAIGN_EXAMPLE,
  MAX_JSON_PHONES,
  MAX_TTS_CHARACTERS,
  OMICALL_CAMPAIGN_FIELDS,
  PHONE_LIST_FIELDS,
  campaignFieldsSchema,
  campaignInputSchema,
  omicallCampaignInputSchema,
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
export { knownFieldsAt, suggestField } from './unknown-fields.ts';
export {
  SIGNATURE_HEADER,
  WEBHOOK_EVENTS,
  campaignEventFor,
  signWebhook,
  verifyWebhookSignature,
  webhookBackoffMs,
  type WebhookEvent,
} from './webhooks.ts';
export { campaignProgress, type CampaignProgress, type ProgressInput } from './progress.ts';
export {
  DEFAULT_TIME_ZONE,
  WEEKDAYS,
  addCallingTime,
  allowedSpan,
  callWindowsSchema,
  isCallAllowed,
  nextAllowedSlot,
  nextAllowedTime,
  skipDatesSchema,
  timeZoneSchema,
  type CallCalendar,
  type CallWindows,
  type TimeRange,
  type Weekday,
} from './call-window.ts';
export { campaignPatchSchema, type CampaignPatch } from './campaign-patch.ts';
export { appendNumbersSchema, campaignSettingsSchema, type CampaignSettings } from './campaign-upload.ts';
export {
  MAX_LINE_LENGTH,
  PHONE_HEADER_NAMES,
  createLineSplitter,
  csvField,
  detectPhoneColumn,
  fieldAt,
  splitCsvLine,
  stripBom,
  type LineSink,
  type LineSplitter,
  type PhoneColumn,
} from './csv-lines.ts';
export { createPhoneSet, type PhoneSet } from './phone-set.ts';
export { isPublicAddress, literalAddressOf, webhookHostAllowed } from './addresses.ts';
export { planDispatch, type DispatchPlan, type DispatchPlanInput, type PlannedSlot, type RetryCohort } from './dispatch-plan.ts';
export { MIN_SEARCH_DIGITS, parsePhoneSearch, type PhoneSearch } from './phone-search.ts';
export { CALL_AGAIN_STATUSES, callAgainSchema, type CallAgainInput, type CallAgainStatus } from './call-again.ts';
export { TIMELINE_MAX_BUCKETS, bucketStart, timelineBucketSeconds } from './timeline.ts';
export * from './dispatch/index.ts';
