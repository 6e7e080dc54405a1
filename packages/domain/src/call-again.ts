import { z } from 'zod';
import type { CampaignInputOptions } from './campaign-input.ts';
import { campaignSettingsSchema } from './campaign-upload.ts';

/** The final call statuses a campaign can be called again for. */
export const CALL_AGAIN_STATUSES = ['failed', 'no_result', 'unknown', 'cancelled', 'answered'] as const;
export type CallAgainStatus = (typeof CALL_AGAIN_STATUSES)[number];

type SettingsShape = ReturnType<typeof campaignSettingsSchema>['shape'];

// A field left out must take the source campaign's value, not the create default.
function withoutDefault(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

/**
 * Body of `POST /v1/campaigns/:id/call-again`: which numbers of the source campaign to call again
 * (by their final status), and any of the create settings (no phone list), validated as on create.
 * Settings left out keep the source campaign's values; sendTime left out means now.
 */
export function callAgainSchema(options: CampaignInputOptions) {
  const shape = campaignSettingsSchema(options).shape;
  const settings = Object.fromEntries(
    Object.entries(shape).map(([name, field]) => {
      const described = (field as z.ZodType).description ?? name;
      const fallback = name === 'sendTime' ? 'Now when omitted (not the source campaign’s).' : 'The source campaign’s value when omitted.';
      return [name, withoutDefault(field as z.ZodType).optional().describe(`${described} ${fallback}`)];
    }),
  ) as { [K in keyof SettingsShape]: z.ZodOptional<z.ZodType<z.output<SettingsShape[K]>, z.input<SettingsShape[K]>>> };
  return z
    .strictObject({
      statuses: z
        .array(z.enum(CALL_AGAIN_STATUSES))
        .min(1)
        .max(CALL_AGAIN_STATUSES.length)
        .describe(
          'Call again the numbers whose final status is one of these. A number not answered after its retries ends ' +
            '"failed"; "no_result" had no outcome in time; "unknown" may have been dialled (the provider reply was lost).',
        ),
      ...settings,
    })
    .describe('A new campaign for the numbers of this one that ended in the given statuses, in list order.')
    .meta({ examples: [{ statuses: ['failed', 'no_result'], name: 'Nhắc lịch tái khám — gọi lại', sendTime: 1_803_870_000_000 }] });
}

export type CallAgainInput = z.output<ReturnType<typeof callAgainSchema>>;
