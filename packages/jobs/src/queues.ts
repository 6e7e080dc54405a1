import { Queue, type ConnectionOptions } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { WAKE_LEAD_MS, campaignWakeJobId, jobCatalog, type CampaignWake } from './catalog.ts';

export type Queues = {
  campaignWake: Queue<CampaignWake>;
  prefix: string;
  connection: RedisConnection;
  close(): Promise<void>;
};

// For producers (API, sweep), a command gives up after a couple of reconnection attempts instead
// of waiting forever while Redis is away: Postgres holds the truth, and the sweep re-creates any
// wake that did not make it. Workers wait (BullMQ requires it of their connections).
// `REDIS_URL=redis://node1:6379?cluster=true` connects to a Redis Cluster through that seed node;
// pair it with a hash-tagged QUEUE_PREFIX (`{autocall}`) so each queue's keys share one slot.
export function createRedisConnection(redisUrl: string, options: { forWorker?: boolean } = {}): RedisConnection {
  const maxRetriesPerRequest = options.forWorker ? null : 2;
  const url = new URL(redisUrl);
  if (url.searchParams.get('cluster') !== 'true') return new Redis(redisUrl, { maxRetriesPerRequest });
  return new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    redisOptions: {
      maxRetriesPerRequest,
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    },
  });
}

export type RedisConnection = Redis | Cluster;

export function createQueues(options: { redisUrl: string; prefix: string; connection?: RedisConnection }): Queues {
  const connection = options.connection ?? createRedisConnection(options.redisUrl);
  const campaignWake = new Queue<CampaignWake>(jobCatalog.campaignWake.queue, {
    connection: connection as unknown as ConnectionOptions,
    prefix: options.prefix,
    defaultJobOptions: { ...jobCatalog.campaignWake.options },
  });
  return {
    campaignWake,
    prefix: options.prefix,
    connection,
    async close() {
      await campaignWake.close();
      if (!options.connection) await connection.quit().catch(() => connection.disconnect());
    },
  };
}

// Idempotent by job id: the same (campaign, time) wake is only ever queued once at a time. The job
// becomes ready WAKE_LEAD_MS early; its payload keeps the real time.
export async function scheduleCampaignWakes(queues: Queues, wakes: CampaignWake[], nowMs: number): Promise<void> {
  if (wakes.length === 0) return;
  await queues.campaignWake.addBulk(
    wakes.map((wake) => ({
      name: 'campaign.wake',
      data: jobCatalog.campaignWake.schema.parse(wake),
      opts: { ...jobCatalog.campaignWake.options, jobId: campaignWakeJobId(wake.campaignId, wake.atMs), delay: Math.max(0, wake.atMs - WAKE_LEAD_MS - nowMs) },
    })),
  );
}
