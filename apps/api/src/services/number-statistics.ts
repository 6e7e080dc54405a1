import type { PrismaClient } from '@autocall/db';
import type { Logger } from '@autocall/logger';

// Lists of at least this many numbers have the table analysed behind the reply.
export const LARGE_LIST_NUMBERS = 10_000;

// Postgres plans each statement from its statistics of the table, and a campaign stored after the
// last ANALYZE is not in them: its numbers count as a handful of rows, and plans chosen on that
// read the whole campaign where they meant to read a page (the calls page of a new 200,000-number
// campaign: 89.5 ms against 4.7 ms once analysed, `node bench/new-campaign-reads.ts`). Autovacuum
// analyses a table only after a tenth of it has changed (and not at all where it is off), which
// on a large table can take many campaigns. So once a large list is stored, this process analyses
// campaign_numbers itself, behind the reply: one ANALYZE at a time in a process, and one more if
// lists arrived while it ran (another API process's ANALYZE of the table waits for this one).
// ANALYZE reads a fixed sample (30,000 rows), so it costs about the same whatever the table's
// size, and it blocks no reads or writes. Failures are logged: the plans keep the old statistics,
// as before.
export function createNumberStatistics(deps: { prisma: PrismaClient; logger: Logger }, options: { minNumbers?: number } = {}) {
  const minNumbers = options.minNumbers ?? LARGE_LIST_NUMBERS;
  let wanted = false;
  let running: Promise<void> | null = null;

  async function analyse(): Promise<void> {
    while (wanted) {
      wanted = false;
      const started = performance.now();
      try {
        await deps.prisma.$executeRawUnsafe('ANALYZE campaign_numbers');
        deps.logger.info({ ms: Math.round(performance.now() - started) }, 'campaign_numbers analysed after a large list');
      } catch (error) {
        deps.logger.warn({ err: error }, 'campaign_numbers not analysed after a large list; plans keep the old statistics');
      }
    }
  }

  function start(): void {
    if (running) return;
    running = analyse()
      .catch(() => undefined) // analyse() logs its failures; a failing logger must not leave a rejection unhandled
      .finally(() => {
        running = null;
        // A list stored between the loop's last check and here.
        if (wanted) start();
      });
  }

  return {
    /** Numbers just committed to campaign_numbers (a new campaign, an append, a call-again). */
    stored(count: number): void {
      if (count < minNumbers) return;
      wanted = true;
      start();
    },
    /** Resolves once no ANALYZE is running or wanted (shutdown, tests). */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}

export type NumberStatistics = ReturnType<typeof createNumberStatistics>;
