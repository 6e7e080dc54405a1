import {
  CALL_AGAIN_STATUSES,
  DEFAULT_TIME_ZONE,
  campaignSettingsSchema,
  scriptSchema,
  type CallAgainStatus,
  type CallWindows,
  type Script,
} from '@autocall/domain/schemas';

export type ScriptType = Script['targetType'];
// In the order issue 11 lists them (recording, text to speech, IVR menu, ring group), read from
// the schema so a new kind of step shows up here by itself.
export const SCRIPT_TYPES = scriptSchema.options.map((option) => option.shape.targetType.value) as ScriptType[];

export const TTS_VOICES = ['northern_female_ngocanh', 'southern_female_honganh', 'southern_male_tienhuy'] as const;

// One script step as the form holds it: every kind's fields, the unused ones left blank (they are
// cleared when the kind changes and left out of the request).
export type ScriptValues = { targetType: ScriptType; targetId: string; targetValue: string; voice: string; speed: number };

export type StartMode = 'now' | 'later';

export type WizardValues = {
  name: string;
  /** The paste box; a file replaces it. */
  phoneText: string;
  file: File | null;
  /** Call-again mode: the final statuses whose numbers are called again. */
  statuses: CallAgainStatus[];
  scripts: ScriptValues[];
  numberCallOuts: { value: string }[];
  numberCallPerTime: number;
  durationOfEachCall: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  startMode: StartMode;
  /** Local date and time in `timeZone`, as <input type="date"> and <input type="time"> give them. */
  startDate: string;
  startTime: string;
  timeZone: string;
  /** null: any time of day. */
  callWindows: CallWindows | null;
  skipDates: string[];
};

export const emptyScript = (targetType: ScriptType = 'callBotTextVariable'): ScriptValues => ({
  targetType,
  targetId: '',
  targetValue: '',
  voice: targetType === 'callBotTextVariable' ? TTS_VOICES[0] : '',
  speed: 1,
});

// The create defaults come from the schema itself (parsing an absent value yields its default).
function pacingDefaults(maxCallsPerBatch: number) {
  const shape = campaignSettingsSchema({ maxCallsPerBatch }).shape;
  return {
    numberCallPerTime: shape.numberCallPerTime.parse(undefined),
    durationOfEachCall: shape.durationOfEachCall.parse(undefined),
    maxRetryOfDetail: shape.maxRetryOfDetail.parse(undefined),
    retryAfterSeconds: shape.retryAfterSeconds.parse(undefined),
  };
}

export function defaultValues(maxCallsPerBatch: number): WizardValues {
  return {
    name: '',
    phoneText: '',
    file: null,
    statuses: [],
    scripts: [emptyScript()],
    numberCallOuts: [],
    ...pacingDefaults(maxCallsPerBatch),
    startMode: 'now',
    startDate: '',
    startTime: '',
    timeZone: DEFAULT_TIME_ZONE,
    callWindows: null,
    skipDates: [],
  };
}

const CALL_AGAIN_SET: ReadonlySet<string> = new Set(CALL_AGAIN_STATUSES);

/** `?statuses=failed,no_result` (or a list) as known call-again statuses, in the API's order. */
export function parseStatuses(raw: unknown): CallAgainStatus[] {
  const given = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((s) => String(s).trim());
  return CALL_AGAIN_STATUSES.filter((status) => given.includes(status) && CALL_AGAIN_SET.has(status));
}

/**
 * The form prefilled from a campaign (call-again mode): its settings read through the create
 * schema (so only what the API accepts comes in), the start set to now, the name marked.
 */
export function valuesFromCampaign(
  campaign: Record<string, unknown>,
  options: { maxCallsPerBatch: number; name: string; statuses: CallAgainStatus[] },
): WizardValues {
  const schema = campaignSettingsSchema({ maxCallsPerBatch: options.maxCallsPerBatch });
  const known = Object.keys(schema.shape).filter((key) => key !== 'sendTime' && key !== 'name' && campaign[key] !== undefined && campaign[key] !== null);
  const picked = Object.fromEntries(known.map((key) => [key, campaign[key]]));
  if (campaign.callWindows === null) picked.callWindows = null;
  const parsed = schema.safeParse(picked);
  const base = defaultValues(options.maxCallsPerBatch);
  if (!parsed.success) return { ...base, name: options.name, statuses: options.statuses };
  const s = parsed.data;
  return {
    ...base,
    name: options.name,
    statuses: options.statuses,
    scripts: s.scripts.map((script) => ({
      ...emptyScript(script.targetType),
      targetValue: script.targetValue,
      targetId: 'targetId' in script ? (script.targetId ?? '') : '',
      voice: script.targetType === 'callBotTextVariable' ? (script.voice ?? '') : '',
      speed: script.targetType === 'callBotTextVariable' ? (script.speed ?? 1) : 1,
    })),
    numberCallOuts: s.numberCallOuts.map((value) => ({ value })),
    numberCallPerTime: s.numberCallPerTime,
    durationOfEachCall: s.durationOfEachCall,
    maxRetryOfDetail: s.maxRetryOfDetail,
    retryAfterSeconds: s.retryAfterSeconds,
    timeZone: s.timeZone ?? DEFAULT_TIME_ZONE,
    callWindows: s.callWindows ?? null,
    skipDates: s.skipDates ?? [],
  };
}
