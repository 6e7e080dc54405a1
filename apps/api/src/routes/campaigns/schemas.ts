// What the campaign routes answer. Replies are serialized through these schemas (unknown keys are
// dropped), so a field a view adds must be added here too. They check only types, never call
// anything costly (no time zone lookups): they run on every reply.
import { z } from 'zod';
import { CALL_STATUSES, CAMPAIGN_STATUSES, WEEKDAYS, scriptSchema } from '@autocall/domain';

const epochMs = z.int().describe('Epoch milliseconds.');
const BATCH_STATUSES = ['claimed', 'sending', 'sent', 'ambiguous', 'rejected'] as const;
const ATTEMPT_OUTCOMES = ['pending', 'answered', 'not_answered', 'no_result', 'unknown'] as const;

const timeRange = z.tuple([z.string(), z.string()]);
const callWindows = z.object(
  Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(timeRange).optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<z.ZodArray<typeof timeRange>>>,
);

export const campaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    source: z.enum(['native', 'omicall']).describe('Which API created it.'),
    sendTime: epochMs,
    numberCallPerTime: z.int(),
    durationOfEachCall: z.int(),
    maxRetryOfDetail: z.int(),
    retryAfterSeconds: z.int(),
    scripts: z.array(scriptSchema),
    numberCallOuts: z.array(z.string()),
    timeZone: z.string(),
    callWindows: callWindows.nullable().describe('null: any time of day.'),
    skipDates: z.array(z.string()),
    dailyAttemptCap: z.int().nullable(),
    pauseReason: z.string().nullable().describe('Why the worker paused it (a provider error code), when it did.'),
    pauseDetail: z.string().nullable(),
    nextBatchAt: epochMs.nullable().describe('When the next batch is due; null unless scheduled or running.'),
    numbers: z.object({ accepted: z.int(), duplicated: z.int(), invalid: z.int() }).describe('The submitted list, as stored.'),
    createdAt: epochMs,
    startedAt: epochMs.nullable(),
    completedAt: epochMs.nullable(),
  })
  .meta({ id: 'Campaign' });

const invalidExample = z.object({
  input: z.string(),
  reason: z.string(),
  position: z.int().describe('Place in the submitted list (0-based).'),
  line: z.int().optional().describe('Line of the uploaded file (1-based).'),
});

export const phoneReportSchema = z
  .object({
    accepted: z.int().describe('Numbers stored to be called.'),
    duplicated: z.int().describe('Entries repeating a number already in the list (or, when appending, in the campaign).'),
    invalid: z.int().describe('Entries that are not a callable number (stored with status invalid).'),
    suppressed: z.int().optional().describe("Valid numbers on the tenant's do-not-call list (stored with status suppressed)."),
    invalidExamples: z.array(invalidExample).describe('The first invalid entries with the reason.'),
  })
  .meta({ id: 'PhoneReport' });

export const createdCampaignSchema = campaignSchema.extend({ phones: phoneReportSchema }).meta({ id: 'CreatedCampaign' });

const statusCounts = <T extends readonly [string, ...string[]]>(statuses: T) => z.partialRecord(z.enum(statuses), z.int());

export const campaignDetailSchema = campaignSchema
  .extend({
    counts: z.object({
      numbers: statusCounts(CALL_STATUSES).describe('Numbers per call status.'),
      batches: statusCounts(BATCH_STATUSES).describe('Batches per status.'),
      attempts: z.int().describe('Calls placed, retries included.'),
    }),
    progress: z.object({
      toDial: z.int().describe('Numbers still to dial (pending or waiting for a retry).'),
      inFlight: z.int().describe('Numbers with a call in flight.'),
      finished: z.int().describe('Numbers with a final outcome.'),
      batchesSent: z.int(),
      batchesPlanned: z.int(),
      attempts: z.int(),
      answerRate: z.number().nullable().describe('answered / numbers with a final outcome; null until one has.'),
      nextSlotAt: epochMs.nullable(),
      estimatedFinishAt: epochMs.nullable().describe('An estimate.'),
    }),
  })
  .meta({ id: 'CampaignDetail' });

export const campaignListItemSchema = campaignSchema
  .extend({
    progress: z
      .object({
        total: z.int().describe('Numbers the campaign set out to call (invalid and suppressed ones left out).'),
        finished: z.int().describe('Numbers with a final outcome (answered, failed, no_result, unknown).'),
        inFlight: z.int().describe('Numbers with a call in flight.'),
        toDial: z.int().describe('Numbers still to dial (pending or waiting for a retry).'),
        answerRate: z.number().nullable().describe('answered / numbers with a final outcome; null until one has.'),
        estimatedFinishAt: epochMs.nullable().describe('An estimate, as on the campaign.'),
        nextBatchAt: epochMs.nullable().describe('The next slot with a number due; null when none.'),
      })
      .describe('Progress as the campaign page shows it, counted for the whole page in one query.'),
  })
  .meta({ id: 'CampaignListItem' });

export const campaignPageSchema = z.object({
  items: z.array(campaignListItemSchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last one.'),
});

export const callPageSchema = z.object({
  items: z.array(
    z.object({
      phone: z.string().describe('National form when valid; the raw input when invalid.'),
      position: z.int(),
      status: z.enum(CALL_STATUSES),
      attempts: z.int(),
      nextAttemptAt: epochMs.nullable(),
      invalidReason: z.string().nullable(),
      history: z.array(
        z.object({
          attempt: z.int(),
          dialedAt: epochMs,
          batch: z.int().describe('Slot index of the batch.'),
          providerSessionId: z.string().nullable(),
          outcome: z.enum(ATTEMPT_OUTCOMES),
          outcomeAt: epochMs.nullable(),
          answerSec: z.int().nullable(),
          hangupCause: z.string().nullable(),
        }),
      ),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const batchPageSchema = z.object({
  items: z.array(
    z.object({
      slot: z.int(),
      slotTime: epochMs,
      status: z.enum(BATCH_STATUSES),
      size: z.int(),
      providerSessionId: z.string().nullable(),
      requestAttempts: z.int(),
      lastError: z.string().nullable(),
      sentAt: epochMs.nullable(),
      lagMs: z.int().nullable().describe('sentAt minus slotTime.'),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** Path parameter of every /v1/campaigns/:id route. */
export const campaignIdParams = z.strictObject({ id: z.uuid().describe('Campaign id') });
