import { z } from 'zod';

// OMICALL call webhooks. Numbers and counters may arrive as strings or numbers; fields we do not
// know pass through untouched.

const text = z.union([z.string(), z.number()]).transform((v) => String(v));
const count = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'), z.literal([0, 1]).transform((v) => v === 1)]);

export const omicallWebhookSchema = z
  .looseObject({
    call_uuid: text.nullish(),
    /** ringing | answered | hangup | cdr; other states are accepted as they come. */
    state: z.string().min(1),
    direction: z.string().nullish(),
    from_number: text.nullish(),
    to_number: text.nullish(),
    hotline: text.nullish(),
    created_time: count.nullish(),
    date_time: count.nullish(),
    transaction_id: text.nullish(),
    is_auto_call: flag.nullish(),
    autocall_id: text.nullish(),
    autocall_uuid: text.nullish(),
    disposition: z.string().nullish(),
    bill_sec: count.nullish(),
    answer_sec: count.nullish(),
    duration: count.nullish(),
    hangup_cause: z.string().nullish(),
    recording_file_url: z.string().nullish(),
  })
  .refine((e) => Boolean(e.call_uuid) || Boolean(e.transaction_id), {
    message: 'a call webhook needs call_uuid or transaction_id',
  });

export type OmicallWebhook = z.output<typeof omicallWebhookSchema>;
export type CallOutcomeClass = 'answered' | 'not_answered';

export function parseOmicallWebhook(body: unknown): { ok: true; event: OmicallWebhook } | { ok: false; error: string } {
  const parsed = omicallWebhookSchema.safeParse(body);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, error: z.prettifyError(parsed.error) };
}

/**
 * ASSUMPTION (documented in omicall-notes.md): a call counts as answered when the cdr says
 * disposition "answered" or reports answer_sec > 0; anything else is not answered.
 */
export function classifyCdr(event: Pick<OmicallWebhook, 'disposition' | 'answer_sec'>): CallOutcomeClass {
  if (event.disposition?.toLowerCase() === 'answered') return 'answered';
  return (event.answer_sec ?? 0) > 0 ? 'answered' : 'not_answered';
}

/** Identical for exact re-deliveries of one event; different for another state of the same call. */
export function webhookDedupeKey(
  event: Pick<OmicallWebhook, 'state' | 'call_uuid' | 'transaction_id' | 'autocall_id' | 'to_number'>,
): string {
  return [event.state, event.call_uuid ?? '', event.transaction_id ?? '', event.autocall_id ?? '', event.to_number ?? ''].join('|');
}
