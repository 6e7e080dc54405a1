import { z } from 'zod';
import { MAX_JSON_PHONES, campaignInputSchema, type CampaignInputOptions } from './campaign-input.ts';

/**
 * The campaign settings of a file upload: the create payload without its phone list, which
 * arrives as the file. Rebuilt from the create schema's fields so both stay the same.
 */
export function campaignSettingsSchema(options: CampaignInputOptions) {
  const { phoneNumbers: _a, phones: _b, phone_number_list: _c, ...settings } = campaignInputSchema(options).shape;
  return z.object(settings);
}

export type CampaignSettings = z.output<ReturnType<typeof campaignSettingsSchema>>;

/** Phone numbers to add to a campaign that has not started yet. */
export const appendNumbersSchema = z.object({
  phoneNumbers: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(MAX_JSON_PHONES)
    .describe(`Numbers to add, national or international form; at most ${MAX_JSON_PHONES} (upload a file for more).`),
});
