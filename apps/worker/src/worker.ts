import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Worker, type ConnectionOptions } from 'bullmq';
import type { PrismaClient } from '@autocall/db';
import { createRedisConnection, jobCatalog, scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { advanceCampaign, type AdvanceDeps, type DispatchMetrics, type Provider } from './advance-campaign.ts';
import type { CrashHook } from './fault-injection.ts';
import { campaignWakeProcessor } from './processors/campaign-wake.ts';
import { startSweep } from './sweep.ts';
import { startHousekeeping } from './housekeeping.ts';
import type { DeliveryMetrics } from './metrics.ts';
import { startWebhookDeliverer, type DelivererOptions } from './webhook-deliverer.ts';
import { createWakeTimers } from './wake-timers.ts';
import { capacityMeter, startFleetRoom } from './fleet-room.ts';

export type WorkerOptions = {
  prisma: PrismaClient;
  queues: Queues;
  redisUrl: string;
  provider: Provider;
  logger: Logger;
  now?: () => number;
  concurrency: number;
  providerTimeoutMs: number;
  outcomeTimeoutMs: number;
  sweepIntervalMs: number;
  budgetMs?: number;
  maxRequestAttempts?: number;
  lockDurationMs?: number;
  metrics?: DispatchMetrics;
  crashHook?: CrashHook;
  // Outbound webhook delivery (on by default); false leaves the outbox to other workers.
  webhooks?: false | Omit<DelivererOptions, 'prisma' | 'logger' | 'now' | 'metrics'>;
  deliveryMetrics?: DeliveryMetrics;
  housekeepingIntervalMs?: number;
};

export type RunningWorker = { workerId: string; close(): Promise<void> };

// Starts the BullMQ processor and the sweep. close() lets in-flight wakes finish (they stop between
// batches), hands their campaigns back, and stops the sweep.
export function startWorker(options: WorkerOptions): RunningWorker {
  const now = options.now ?? Date.now;
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  let stopping = false;
  const logger = options.logger.child({ workerId });
  const connection = createRedisConnection(options.redisUrl, { forWorker: true });
  const advanceDeps: AdvanceDeps = {
    prisma: options.prisma,
    queues: options.queues,
    provider: options.provider,
    logger,
    now,
    workerId,
    // A batch may need a token fetch plus two tries of the request before the lease must end.
    leaseMs: 3 * options.providerTimeoutMs + 5_000,
    outcomeTimeoutMs: options.outcomeTimeoutMs,
    budgetMs: options.budgetMs ?? 5_000,
    maxRequestAttempts: options.maxRequestAttempts ?? 8,
    metrics: options.metrics,
    shouldStop: () => stopping,
    crashHook: options.crashHook,
    wakeAt: (campaignId, atMs) => timers.wakeAt(campaignId, atMs),
    // As many runs in flight as the queue would give it at once: this worker has more than it can
    // serve, so next wakes go to Redis for whichever worker is free, if any is (fleet-room.ts).
    canHold: () => runs.inFlight < options.concurrency || !room.othersHaveRoom(),
  };
  const runs = capacityMeter(options.concurrency, now);
  const advance = async (campaignId: string) => {
    runs.started();
    try {
      await advanceCampaign(advanceDeps, campaignId);
    } finally {
      runs.ended();
    }
  };
  const timers = createWakeTimers({ run: advance, now, logger });
  const room = startFleetRoom({
    connection: options.queues.connection,
    prefix: options.queues.prefix,
    workerId,
    hasRoom: () => runs.hadRoom(),
    now,
    logger,
  });
  const processor = campaignWakeProcessor({ ...advanceDeps, advance });
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker(jobCatalog.campaignWake.queue, processor, {
    connection: connection as unknown as ConnectionOptions,
    prefix: options.queues.prefix,
    concurrency: options.concurrency,
    lockDuration,
    // A wake taken by a worker that then died stays active under its lapsed lock until a stall
    // check moves it back, and the sweep cannot re-add it meanwhile (same job id): BullMQ's default
    // check every 30 s held such a campaign up to 30 s past its time when the lock is shorter.
    stalledInterval: Math.min(30_000, lockDuration),
  });
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'campaign wake failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'worker error'));
  const sweep = startSweep({
    prisma: options.prisma,
    queues: options.queues,
    logger,
    now,
    horizonMs: 60_000,
    intervalMs: options.sweepIntervalMs,
  });
  const deliverer =
    options.webhooks === false
      ? null
      : startWebhookDeliverer({ ...options.webhooks, prisma: options.prisma, logger, now, metrics: options.deliveryMetrics });
  const housekeeping = startHousekeeping({
    prisma: options.prisma,
    logger,
    now,
    intervalMs: options.housekeepingIntervalMs ?? 10 * 60_000,
    outcomeTimeoutMs: options.outcomeTimeoutMs,
  });
  logger.info({ concurrency: options.concurrency }, 'worker started');
  return {
    workerId,
    async close() {
      stopping = true;
      await Promise.all([sweep.stop(), room.stop()]);
      const pending = await timers.close();
      await Promise.all([deliverer?.stop(), housekeeping.stop()]);
      await worker.close();
      // Wakes this worker was holding in memory go back to Redis for the other workers.
      await scheduleCampaignWakes(options.queues, pending, now()).catch((error: unknown) =>
        logger.warn({ err: error, campaigns: pending.length }, 'held wakes not queued; the sweep will queue them'),
      );
      await connection.quit().catch(() => connection.disconnect());
      logger.info('worker stopped');
    },
  };
}
