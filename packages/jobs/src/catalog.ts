import { z } from 'zod';

// Queue names are part of the stored state in Redis: never rename one once shipped.
export const QUEUE_NAMES = {
  campaignWake: 'campaign-wake',
} as const;

export const campaignWakeSchema = z.object({
  campaignId: z.uuid(),
  // The time this wake was planned for; the worker works out the slot itself.
  atMs: z.number().int().nonnegative(),
});
export type CampaignWake = z.infer<typeof campaignWakeSchema>;

// One entry per job: its queue, payload schema and retry policy. Producers and processors both
// read from here, so a payload change is a type error on both sides.
export const jobCatalog = {
  campaignWake: {
    queue: QUEUE_NAMES.campaignWake,
    schema: campaignWakeSchema,
    options: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 1_000 },
      // Completed and failed wakes are removed so that the sweep can always re-create a wake with
      // the same id from Postgres; failures are logged by the worker.
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
} as const;

// A wake job is released this long before its time, and the worker that takes it waits the rest
// in memory (apps/worker/src/wake-timers.ts): a delayed job's own lag behind its due time is
// hundreds of milliseconds under load (bench scenario 3 measures it), an in-process timer's is ~1 ms.
export const WAKE_LEAD_MS = 1_000;

// Derived from the domain, so enqueueing the same wake twice is harmless. BullMQ ids must not
// contain ':' nor be all digits.
export function campaignWakeJobId(campaignId: string, atMs: number): string {
  return `campaign-${campaignId}-wake-${atMs}`;
}
