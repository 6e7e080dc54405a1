import { applyPendingEvents, type PrismaClient, type RecordedEvents } from '@autocall/db';
import { scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { dropCampaignWakes } from './wakes.ts';

type Deps = {
  prisma: PrismaClient;
  queues: Queues;
  logger: Logger;
  now: () => number;
  metrics?: { callOutcomes(outcomes: RecordedEvents['outcomes']): void };
  // Events per transaction.
  batchSize?: number;
  // How long to let webhooks gather before the next set when more arrived while a set was applied.
  coalesceMs?: number;
};

// A set costs 2.1-3.1 CPU-ms of fixed work (its statements, their triggers, the commit) whatever its
// size, against 67-92 us an event (`node bench/apply-sets.ts`), and under a steady stream of
// webhooks the sets back to back held ~60 events each. Waiting this long before the next one lets
// more gather: BENCH_ONLY=webhooks, alternating runs, 4,401-4,757 webhooks/s against 3,210-3,752,
// with API and Postgres CPU per webhook 0.14-0.16 / 0.13-0.14 ms against 0.18-0.22 / 0.17-0.20.
// A webhook that finds the applier idle is applied at once.
const COALESCE_MS = 25;

// Applies the provider events the webhook route appended, behind its reply, in sets: each set is
// one transaction (applyPendingEvents) followed by the Redis side effects of what it settled
// (retry wakes queued, completed campaigns' wakes dropped; the sweep repairs either from Postgres
// if this process dies in between). It runs in the API process because that is where the events
// arrive: a kick after each append starts it at once, with no queue hop or poll interval between
// a webhook and its outcome, and the process that acknowledged a webhook can make its own reads
// wait for it (caughtUp). Several API processes share the backlog, taking turns (applyPendingEvents).
// Events left behind (a process that died before applying, an apply that failed) are taken by the
// next kick, or by the workers' sweep once they are a few seconds old (apps/worker/src/leftover-events.ts).
export function createOutcomeApplier(deps: Deps) {
  const batchSize = deps.batchSize ?? 5_000;
  const coalesceMs = deps.coalesceMs ?? COALESCE_MS;
  let requested = 0;
  let done = 0;
  let running: Promise<void> | null = null;
  let waiters: { generation: number; resolve: () => void }[] = [];

  async function applyBacklog(): Promise<void> {
    for (;;) {
      const nowMs = deps.now();
      const result = await applyPendingEvents(deps.prisma, nowMs, batchSize);
      if (result.outcomes.length > 0) deps.metrics?.callOutcomes(result.outcomes);
      if (result.wakes.length > 0) {
        await scheduleCampaignWakes(deps.queues, result.wakes, nowMs).catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'retry wake not queued; the sweep will schedule it'),
        );
      }
      await dropCampaignWakes(deps, result.completed);
      if (!result.more) return;
    }
  }

  async function drain(): Promise<void> {
    while (done < requested) {
      const target = requested;
      try {
        await applyBacklog();
      } catch (error) {
        // The events stay appended and unapplied; the next kick or the workers' sweep takes them.
        deps.logger.error({ err: error }, 'provider events not applied; the next kick or the sweep will');
      }
      done = target;
      const ready = waiters.filter((w) => w.generation <= done);
      waiters = waiters.filter((w) => w.generation > done);
      for (const w of ready) w.resolve();
      if (done < requested && coalesceMs > 0) await new Promise((resolve) => setTimeout(resolve, coalesceMs));
    }
  }

  function kick(): void {
    requested += 1;
    running ??= drain().finally(() => {
      running = null;
    });
  }

  return {
    kick,
    // Resolves once everything kicked before this call is applied, or after `timeoutMs`: a read
    // in this process sees the outcomes of the webhooks this process has acknowledged.
    caughtUp(timeoutMs: number): Promise<void> {
      if (done >= requested) return Promise.resolve();
      const generation = requested;
      return new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, timeoutMs);
        timeout.unref();
        waiters.push({
          generation,
          resolve: () => {
            clearTimeout(timeout);
            resolve();
          },
        });
      });
    },
    async close(): Promise<void> {
      await running;
    },
  };
}

export type OutcomeApplier = ReturnType<typeof createOutcomeApplier>;
