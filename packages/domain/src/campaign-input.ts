import { z } from 'zod';
import { callWindowsSchema, skipDatesSchema, timeZoneSchema } from './call-window.ts';

/** JSON bodies carry at most this many numbers; bigger lists go through file upload. */
export const MAX_JSON_PHONES = 100_000;
/** OMICALL text-to-speech refuses more than 300 characters per session (`limit_word_session`). */
export const MAX_TTS_CHARACTERS = 300;
export const PHONE_LIST_FIELDS = ['phoneNumbers', 'phones', 'phone_number_list'] as const;
export type PhoneListField = (typeof PHONE_LIST_FIELDS)[number];

const recordingScript = z
  .object({
    targetType: z.literal('recording').describe('Play a recorded audio file.'),
    targetId: z.string().optional().describe('OMICALL id of the recording.'),
    targetValue: z.string().min(1).describe('File name of the recording, e.g. "1e942ee5-....mp3".'),
  })
  .describe('Play a recording.');

const textToSpeechScript = z
  .object({
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
  .object({
    targetType: z.literal('ivrMenu').describe('Hand the call to a key-press menu.'),
    targetId: z.string().min(1).describe('OMICALL id of the IVR menu.'),
    targetValue: z.string().describe('IVR menu code, e.g. "728341".'),
  })
  .describe('Interactive key-press menu.');

const ringGroupScript = z
  .object({
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

/**
 * The campaign creation payload, shared by the native API and the
 * OMICALL-compatible endpoint. Unknown fields are dropped, not refused, because
 * OMICALL clients send fields this service does not use.
 */
export function campaignInputSchema(options: CampaignInputOptions) {
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

  return z
    .object({
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
    })
    .superRefine(
      (input, ctx) => {
        const given = PHONE_LIST_FIELDS.filter((field) => input[field] !== undefined);
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
