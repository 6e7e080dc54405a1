import { z } from 'zod';
import { callWindowsSchema, skipDatesSchema, timeZoneSchema } from './call-window.ts';

/** JSON bodies carry at most this many numbers; bigger lists go through file upload. */
export const MAX_JSON_PHONES = 100_000;
/** OMICALL text-to-speech refuses more than 300 characters per session (`limit_word_session`). */
export const MAX_TTS_CHARACTERS = 300;
export const PHONE_LIST_FIELDS = ['phoneNumbers', 'phones', 'phone_number_list'] as const;
export type PhoneListField = (typeof PHONE_LIST_FIELDS)[number];

const recordingScript = z
  .strictObject({
    targetType: z.literal('recording').describe('Play a recorded audio file.'),
    targetId: z.string().optional().describe('OMICALL id of the recording.'),
    targetValue: z.string().min(1).describe('File name of the recording, e.g. "1e942ee5-....mp3".'),
  })
  .describe('Play a recording.');

const textToSpeechScript = z
  .strictObject({
    targetType: z.literal('callBotTextVariable').describe('Read a text aloud with text-to-speech.'),
    targetValue: z
      .string()
      .min(1)
      .max(MAX_TTS_CHARACTERS)
      .describe(`Text to read, at most ${MAX_TTS_CHARACTERS} characters.`),
    speed: z.number().min(0.5).max(2).optional().describe('Speaking speed, 0.5 to 2 (1 is normal).'),
    voice: z.string().min(1).optional().describe('Voice, e.g. "northern_female_ngocanh", "southern_male_tienhuy".'),
  })
  .describe('Text-to-speech.');

const ivrMenuScript = z
  .strictObject({
    targetType: z.literal('ivrMenu').describe('Hand the call to a key-press menu.'),
    targetId: z.string().min(1).describe('OMICALL id of the IVR menu.'),
    targetValue: z.string().describe('IVR menu code, e.g. "728341".'),
  })
  .describe('Interactive key-press menu.');

const ringGroupScript = z
  .strictObject({
    targetType: z.literal('ringGroup').describe('Transfer the call to an internal ring group.'),
    targetId: z.string().min(1).describe('OMICALL id of the ring group.'),
    targetValue: z.string().describe('Ring group number, e.g. "79149".'),
  })
  .describe('Transfer to a ring group.');

export const scriptSchema = z
  .discriminatedUnion('targetType', [recordingScript, textToSpeechScript, ivrMenuScript, ringGroupScript])
  .describe('One step of the call script, chosen by targetType.');

export type Script = z.output<typeof scriptSchema>;

export type CampaignInputOptions = {
  /** The plan's concurrent-call limit (CCU): the largest allowed numberCallPerTime. */
  maxCallsPerBatch: number;
  /** Largest phone list accepted; defaults to MAX_JSON_PHONES. */
  maxPhones?: number;
};

/** A real-looking create request, shown in the API documentation (and checked against the schema there). */
export const CAMPAIGN_EXAMPLE = {
  name: 'Nhắc lịch tái khám tháng 3',
  sendTime: 1_803_866_400_000, // Monday 2027-03-01 09:00 in Asia/Ho_Chi_Minh
  scripts: [
    {
      targetType: 'callBotTextVariable',
      targetValue:
        'Xin chào, phòng khám Đa khoa An Khang nhắc lịch tái khám của quý khách vào 9 giờ sáng thứ Ba, ngày 2 tháng 3. ' +
        'Bấm phím 1 để xác nhận, phím 2 để đổi lịch.',
      voice: 'northern_female_ngocanh',
      speed: 1,
    },
    { targetType: 'ivrMenu', targetId: '6491781136826a5f9ce62910', targetValue: '728341' },
  ],
  numberCallOuts: ['842873001234'],
  numberCallPerTime: 10,
  durationOfEachCall: 30,
  maxRetryOfDetail: 2,
  retryAfterSeconds: 300,
  phoneNumbers: ['0395187319', '0912345678', '+84987654321'],
} as const;

/** The fields OMICALL's AutoCall v2 page documents for executeByPhone (the phone list aside). */
export const OMICALL_CAMPAIGN_FIELDS = [
  'name',
  'sendTime',
  'scripts',
  'numberCallOuts',
  'numberCallPerTime',
  'durationOfEachCall',
  'maxRetryOfDetail',
  'retryAfterSeconds',
] as const;

/**
 * Every field of a campaign creation payload, as a strict object: a field this service does not
 * know is refused (400 unknown_field), never dropped, because a misspelt `sendtime` silently
 * ignored means "call now". No cross-field rule here, so the create, OMICALL, upload and edit
 * schemas are all derived from this one with pick/omit.
 */
export function campaignFieldsSchema(options: CampaignInputOptions) {
  const maxCallsPerBatch = Math.max(1, Math.floor(options.maxCallsPerBatch));
  const maxPhones = options.maxPhones ?? MAX_JSON_PHONES;
  const phoneList = (name: string) =>
    z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .max(maxPhones)
      .optional()
      .describe(
        `Phone numbers to call (${name}); national (0395187319) or international (+84395187319) form. ` +
          `Give exactly one of ${PHONE_LIST_FIELDS.join(', ')}; at most ${maxPhones} entries.`,
      );

  return z.strictObject({
    name: z.string().trim().min(1).max(200).optional().describe('Campaign name; generated when omitted.'),
    sendTime: z
      .int()
      .optional()
      .describe('Start time in epoch milliseconds; now when omitted. Up to 24 hours in the past means now.'),
    scripts: z.array(scriptSchema).min(1).max(20).describe('Call script steps, played in order (1 to 20).'),
    numberCallOuts: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('Caller numbers (hotlines) to dial from; all of the business’s numbers when empty.'),
    numberCallPerTime: z
      .int()
      .min(1)
      .max(maxCallsPerBatch)
      .default(Math.min(15, maxCallsPerBatch))
      .describe(`Calls started per slot, 1 to ${maxCallsPerBatch} (the plan's concurrent calls).`),
    durationOfEachCall: z
      .int()
      .min(0)
      .max(86_400)
      .default(30)
      .describe('Seconds between the starts of consecutive slots (0 to 86400).'),
    maxRetryOfDetail: z.int().min(0).max(10).default(0).describe('Retries per unanswered number (0 to 10).'),
    retryAfterSeconds: z
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(60)
      .describe('Seconds to wait after an unanswered call before retrying it (up to 7 days).'),
    timeZone: timeZoneSchema.optional().describe(timeZoneSchema.description!),
    callWindows: callWindowsSchema.nullable().optional().describe(callWindowsSchema.description!),
    skipDates: skipDatesSchema.optional().describe(skipDatesSchema.description!),
    dailyAttemptCap: z
      .int()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .describe('At most this many dials of one number per rolling 24 hours, across all campaigns of the tenant; null = no cap.'),
    phoneNumbers: phoneList('phoneNumbers'),
    phones: phoneList('phones'),
    phone_number_list: phoneList('phone_number_list, as in OMICALL v1'),
  });
}

// Exactly one of the phone list fields.
function withOnePhoneList<T extends z.ZodObject>(fields: T) {
  return fields.superRefine(
    (input, ctx) => {
      const given = PHONE_LIST_FIELDS.filter((field) => (input as Record<string, unknown>)[field] !== undefined);
      if (given.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['phoneNumbers'],
          message: `One of ${PHONE_LIST_FIELDS.join(', ')} is required.`,
          params: { code: 'required' },
        });
      } else if (given.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: [given[1] as string],
          message: `Give only one phone list; got ${given.join(' and ')}.`,
          params: { code: 'conflict' },
        });
      }
    },
    // Also report a missing phone list when other fields are wrong, so clients see every problem at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}

// The example within this deployment's limits, so that it stays valid against the schema it illustrates.
function exampleFor(options: CampaignInputOptions) {
  return { ...CAMPAIGN_EXAMPLE, numberCallPerTime: Math.max(1, Math.min(CAMPAIGN_EXAMPLE.numberCallPerTime, Math.floor(options.maxCallsPerBatch))) };
}

/** The campaign creation payload of the native API (`POST /v1/campaigns`). */
export function campaignInputSchema(options: CampaignInputOptions) {
  return withOnePhoneList(campaignFieldsSchema(options)).meta({ examples: [exampleFor(options)] });
}

/**
 * The body of the OMICALL-compatible `POST /api/v2/autoCall/executeByPhone`: exactly the fields
 * of OMICALL's page plus the three phone list names. Native-only fields (timeZone, callWindows...)
 * are unknown there, as they would be to OMICALL.
 */
export function omicallCampaignInputSchema(options: CampaignInputOptions) {
  const mask = Object.fromEntries([...OMICALL_CAMPAIGN_FIELDS, ...PHONE_LIST_FIELDS].map((field) => [field, true] as const)) as Record<
    (typeof OMICALL_CAMPAIGN_FIELDS)[number] | PhoneListField,
    true
  >;
  const { phoneNumbers, ...example } = exampleFor(options);
  return withOnePhoneList(campaignFieldsSchema(options).pick(mask)).meta({ examples: [{ ...example, phone_number_list: phoneNumbers }] });
}

export type CampaignInputSchema = ReturnType<typeof campaignInputSchema>;
export type CampaignInput = z.output<CampaignInputSchema>;
/** The payload as a client sends it (defaults not yet applied). */
export type CampaignInputBody = z.input<CampaignInputSchema>;

/** The phone list, whichever of the accepted field names carried it. */
export function pickPhoneList(
  input: Partial<Record<PhoneListField, readonly (string | number)[] | undefined>>,
): (string | number)[] {
  for (const field of PHONE_LIST_FIELDS) {
    const list = input[field];
    if (list !== undefined) return [...list];
  }
  return [];
}
