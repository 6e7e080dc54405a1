// Redis Cluster: the API and two workers on a real three-master Redis Cluster
// (`REDIS_URL=redis://<seed>?cluster=true`, hash-tagged `QUEUE_PREFIX={autocall-...}`). Campaigns run
// to completed with every number dialled exactly once, and the queue keys really live in the
// cluster, all in one hash slot. The hash tag is picked so that its slot is served by a node other
// than the seed: every queue command had to follow the cluster's slot map.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report, slotOf } from '../support/judge.ts';
import { startRedisCluster, type RedisCluster } from '../support/redis-cluster.ts';

printSeedOnFailure();

const EXECUTE = '/api/v2/autoCall/executeByPhone';

let redis: RedisCluster;
let cluster: Cluster;
let prefix: string;
let seedPort: number;
let slot: number;
let slotOwner: number;

beforeAll(async () => {
  redis = await startRedisCluster({ masters: 3 });
  seedPort = redis.nodes[0]!.port;
  do {
    prefix = `{autocall-${randomBytes(4).toString('hex')}}`;
    slot = await redis.keySlot(prefix);
    slotOwner = await redis.ownerOfSlot(slot);
  } while (slotOwner === seedPort);
  cluster = await startCluster({ workers: 2, redisUrl: redis.url, prefix });
});
afterAll(async () => {
  await cluster?.close();
  await redis?.stop();
});

describe(seeded('Redis Cluster'), () => {
  it('runs campaigns to completed with the queue in one hash slot of the cluster', { timeout: 90_000 }, async () => {
    const campaigns = await Promise.all(
      Array.from({ length: 3 }, () =>
        // No retries: each number is dialled exactly once.
        cluster.createCampaign({ numbers: 25, perBatch: 5, durationSec: 1, maxRetry: 0, retryAfterSec: 1, startInMs: 2_000 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    await cluster.waitCompleted(ids, 60_000);

    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    const requests = await cluster.simJson<{ name: string | null; dialled: boolean; phoneNumbers: string[] }[]>(
      `/_sim/requests?path=${encodeURIComponent(EXECUTE)}`,
    );
    const dialled = requests.filter((r) => r.dialled && slotOf(r.name) && ids.includes(slotOf(r.name)!.campaignId));
    const names = dialled.map((r) => r.name!);
    expect(new Set(names).size).toBe(names.length);
    for (const campaign of campaigns) {
      const phones = dialled.filter((r) => slotOf(r.name)!.campaignId === campaign.id).flatMap((r) => r.phoneNumbers);
      // Every number, once.
      expect(phones.toSorted()).toEqual(campaign.phones.toSorted());
    }

    // The queue's keys are in the cluster, all on the node serving the hash tag's slot.
    const keysByNode = await redis.scanKeys(`${prefix}:*`);
    const nodesWithKeys = [...keysByNode].filter(([, keys]) => keys.length > 0).map(([port]) => port);
    const keys = keysByNode.get(slotOwner) ?? [];
    expect(nodesWithKeys).toEqual([slotOwner]);
    expect(keys.some((k) => k.startsWith(`${prefix}:campaign-wake:`))).toBe(true);
    expect(keys).toContain(`${prefix}:autocall:schedules-present`);
    const slots = new Set(await Promise.all(keys.map((k) => redis.keySlot(k))));
    expect([...slots]).toEqual([slot]);

    const perWorker = cluster.workers.map((w) => w.output().split('\n').filter((l) => l.includes('"msg":"batch accepted by provider"')).length);
    report('redis-cluster', verdict, {
      masters: redis.nodes.length,
      slot,
      keys: keys.length,
      ...Object.fromEntries(perWorker.map((n, i) => [`worker${i + 1}Batches`, n])),
    });
    expect(verdict.violations, replayHint()).toEqual([]);
    expect(verdict.dials).toBe(campaigns.length * 25);
  });
});
