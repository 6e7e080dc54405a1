import { z } from 'zod';
import { MAX_JSON_PHONES, campaignFieldsSchema, type CampaignInputOptions } from './campaign-input.ts';

/**
 * The campaign settings of a file upload: the create payload without its phone list, which
 * arrives as the file (so a phone list here is an unknown field, not silently ignored).
 */
export function campaignSettingsSchema(options: CampaignInputOptions) {
  return campaignFieldsSchema(options).omit({ phoneNumbers: true, phones: true, phone_number_list: true });
}

export type CampaignSettings = z.output<ReturnType<typeof campaignSettingsSchema>>;

/** Phone numbers to add to a campaign that has not started yet. */
export const appendNumbersSchema = z.strictObject({
  phoneNumbers: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(MAX_JSON_PHONES)
    .describe(`Numbers to add, national or international form; at most ${MAX_JSON_PHONES} (upload a file for more).`),
}).meta({ examples: [{ phoneNumbers: ['0395187319', '+84912345678'] }] });
