import { setTimeout as sleep } from 'node:timers/promises';
import { purgeExpiredIdempotencyKeys, purgeSettledDeliveries, type PrismaClient } from '@autocall/db';
import type { Logger } from '@autocall/logger';

const DELIVERY_RETENTION_MS = 30 * 24 * 3600 * 1000;

// Periodic clean-up of rows nothing needs any more: Idempotency-Key replies after they expire (24 h)
// and settled webhook deliveries after 30 days.
export function startHousekeeping(options: { prisma: PrismaClient; logger: Logger; now: () => number; intervalMs: number }): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const running = (async () => {
    while (!stopping.signal.aborted) {
      try {
        const keys = await purgeExpiredIdempotencyKeys(options.prisma, options.now());
        const deliveries = await purgeSettledDeliveries(options.prisma, options.now() - DELIVERY_RETENTION_MS);
        if (keys + deliveries > 0) options.logger.info({ keys, deliveries }, 'expired idempotency keys and old webhook deliveries purged');
      } catch (error) {
        options.logger.warn({ err: error }, 'housekeeping failed; trying again later');
      }
      await sleep(options.intervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
