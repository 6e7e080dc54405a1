import { z } from 'zod';

const epochMs = z.int().describe('Epoch milliseconds.');

export const campaignPlanSchema = z
  .object({
    batches: z.int().describe('Batches the numbers need for their first call (numbers / numberCallPerTime, rounded up).'),
    retryBatches: z.int().describe('Further batches the retries would need if nobody answered (see assumedAnswerRate).'),
    firstBatchAt: epochMs.nullable().describe('When the first batch goes out (sendTime, or the next call window opening).'),
    lastBatchAt: epochMs.nullable().describe('When the last batch goes out, retries included, within the call windows.'),
    estimatedFinishAt: epochMs.nullable().describe('The last batch plus one slot for its calls to ring out; null when the windows never open.'),
    durationSeconds: z.int().nullable().describe('From the first batch to estimatedFinishAt.'),
    assumedAnswerRate: z.number().describe('Share of calls taken as answered for the retry estimate (0: the latest finish).'),
  })
  .describe('When the batches would go out: the grid sendTime + k * durationOfEachCall, inside the call windows.')
  .meta({ id: 'CampaignPlan' });

export const phoneCheckSchema = z
  .object({
    accepted: z.int().describe('Numbers that would be called.'),
    duplicated: z.int().describe('Entries repeating a number already in the list.'),
    invalid: z.int().describe('Entries that are not a callable number.'),
    suppressed: z.int().describe("Valid numbers on the tenant's do-not-call list: they would be stored as suppressed, never called."),
    invalidExamples: z
      .array(
        z.object({
          line: z.int().describe('Line of the file, or place in the JSON list, 1-based.'),
          position: z.int().describe('Place in the list, 0-based.'),
          input: z.string(),
          reason: z.string().describe('not_a_number, too_short, too_long, invalid_number, invalid_country, empty, line_too_long.'),
        }),
      )
      .describe('The first 20 invalid entries.'),
  })
  .describe('What would happen to the submitted numbers.')
  .meta({ id: 'PhoneCheck' });

export const campaignCheckSchema = z.object({ phones: phoneCheckSchema, plan: campaignPlanSchema }).meta({ id: 'CampaignCheck' });
