import { setTimeout as sleep } from 'node:timers/promises';
import { purgeExpiredIdempotencyKeys, purgeOldDials, purgeSettledDeliveries, settleCancelledCampaigns, type PrismaClient } from '@autocall/db';
import type { Logger } from '@autocall/logger';

const DELIVERY_RETENTION_MS = 30 * 24 * 3600 * 1000;
// The frequency cap looks back 24 hours; an hour of margin for clock differences between workers.
const DIAL_LOG_RETENTION_MS = 25 * 3600 * 1000;

// Periodic clean-up of rows nothing needs any more: Idempotency-Key replies after they expire (24 h)
// settled webhook deliveries after 30 days, and frequency-cap dial records once they are too old to count.
// Also settles what cancelled campaigns left in flight (calls whose outcome never came).
export function startHousekeeping(options: {
  prisma: PrismaClient;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  outcomeTimeoutMs: number;
}): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const running = (async () => {
    while (!stopping.signal.aborted) {
      try {
        const keys = await purgeExpiredIdempotencyKeys(options.prisma, options.now());
        const deliveries = await purgeSettledDeliveries(options.prisma, options.now() - DELIVERY_RETENTION_MS);
        const dials = await purgeOldDials(options.prisma, options.now() - DIAL_LOG_RETENTION_MS);
        if (keys + deliveries + dials > 0) options.logger.info({ keys, deliveries, dials }, 'expired rows purged');
        const cancelled = await settleCancelledCampaigns(options.prisma, { nowMs: options.now(), outcomeTimeoutMs: options.outcomeTimeoutMs });
        if (cancelled.expired + cancelled.ambiguous > 0) options.logger.info(cancelled, 'calls left by cancelled campaigns settled');
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
