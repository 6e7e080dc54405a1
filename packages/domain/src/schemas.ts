// `@autocall/domain/schemas`: what the browser console may import. Everything here runs without
// Node built-ins (the webhook signing code in webhooks.ts needs node:crypto and stays out).
// schemas.test.ts fails when anything reachable from this file imports a `node:` module.
export type { DomainErrorCode, FieldError } from './errors.ts';
export { maskPhone, normalizePhone, type CountryCode, type NormalizedPhone, type PhoneInvalidReason } from './phone.ts';
export { createPhoneDeduper, summarizePhones, type InvalidPhone, type PhoneDedupeStats, type PhoneSummary } from './phone-dedupe.ts';
export {
  CALL_STATUSES,
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
  TERMINAL_CALL_STATUSES,
  TERMINAL_CAMPAIGN_STATUSES,
  isTerminalCallStatus,
  isTerminalCampaignStatus,
  type CallStatus,
  type CampaignAction,
  type CampaignStatus,
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
  type Script,
} from './campaign-input.ts';
export { zodIssuesToFieldErrors } from './zod-issues.ts';
export { resolveSendTime, type SendTimeResult } from './send-time.ts';
export { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.ts';
export { campaignProgress, type CampaignProgress, type ProgressInput } from './progress.ts';
export {
  DEFAULT_TIME_ZONE,
  WEEKDAYS,
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
export { nextSlot, slotTime, type NextSlotInput, type Slot, type SlotPlan } from './slots.ts';
export { campaignPatchSchema, type CampaignPatch } from './campaign-patch.ts';
export { appendNumbersSchema, campaignSettingsSchema, type CampaignSettings } from './campaign-upload.ts';
export { PHONE_HEADER_NAMES, detectPhoneColumn, splitCsvLine, stripBom, type PhoneColumn } from './csv-lines.ts';
export { planDispatch, type DispatchPlan, type DispatchPlanInput, type PlannedSlot, type RetryCohort } from './dispatch-plan.ts';
export { MIN_SEARCH_DIGITS, parsePhoneSearch, type PhoneSearch } from './phone-search.ts';
export { CALL_AGAIN_STATUSES, callAgainSchema, type CallAgainInput, type CallAgainStatus } from './call-again.ts';
export { TIMELINE_MAX_BUCKETS, bucketStart, timelineBucketSeconds } from './timeline.ts';
// Which actions a campaign's status allows (the console shows only the buttons that apply).
export { applyCampaignAction, type CampaignTransition } from './campaign-status.ts';
