import { z } from 'zod';
import { campaignFieldsSchema, PHONE_LIST_FIELDS, type CampaignInputOptions } from './campaign-input.ts';

const EDITABLE = [
  'name',
  'sendTime',
  'scripts',
  'numberCallOuts',
  'numberCallPerTime',
  'durationOfEachCall',
  'maxRetryOfDetail',
  'retryAfterSeconds',
  'timeZone',
  'callWindows',
  'skipDates',
  'dailyAttemptCap',
] as const;

type CreateShape = ReturnType<typeof campaignFieldsSchema>['shape'];
type EditableField = (typeof EDITABLE)[number];

// The create fields without their defaults: a PATCH that leaves a field out must not reset it.
function withoutDefault<T extends z.ZodType>(field: T): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

/**
 * Body of `PATCH /v1/campaigns/:id`: any of the create fields except the phone list, each
 * validated exactly as on create. At least one field is required; an unknown one is refused.
 */
export function campaignPatchSchema(options: CampaignInputOptions) {
  const shape = campaignFieldsSchema(options).shape;
  const fields = Object.fromEntries(
    EDITABLE.map((name) => {
      const field = withoutDefault(shape[name]);
      return [name, field.optional().describe(shape[name].description ?? field.description ?? name)];
    }),
  ) as { [K in EditableField]: z.ZodOptional<z.ZodType<z.output<CreateShape[K]>, z.input<CreateShape[K]>>> };
  return z
    .strictObject(fields)
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
      message: `Give at least one field to change: ${EDITABLE.join(', ')}. The phone list (${PHONE_LIST_FIELDS.join(', ')}) cannot be edited.`,
    })
    .describe('Fields to change on a scheduled campaign; fields left out keep their value.')
    .meta({ examples: [{ sendTime: 1_803_870_000_000, numberCallPerTime: Math.max(1, Math.min(5, Math.floor(options.maxCallsPerBatch))) }] });
}

export type CampaignPatch = z.output<ReturnType<typeof campaignPatchSchema>>;
