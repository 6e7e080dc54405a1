// Fault 2: Redis loses everything mid-campaign. The test runs on its own Redis database index
// (5-15) and FLUSHDBs it, so other suites' keys on the same server are untouched.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl, waitFor } from '@autocall/testing';
import { scale, startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report } from '../support/judge.ts';

printSeedOnFailure();

const DB_INDEX = 5 + Math.floor(Math.random() * 11);
const redisUrl = (() => {
  const url = new URL(testRedisUrl());
  url.pathname = `/${DB_INDEX}`;
  return url.toString();
})();

let cluster: Cluster;
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(redisUrl);
  cluster = await startCluster({ workers: 2, redisUrl });
});
afterAll(async () => {
  await cluster?.close();
  redis?.disconnect();
});

async function dialledSoFar(): Promise<number> {
  return (await cluster.simJson<{ numbersDialled: number }>('/_sim/stats')).numbersDialled;
}

describe(seeded('Redis flushed during running campaigns'), () => {
  it('rebuilds every schedule from Postgres within seconds and completes', { timeout: scale(180_000, 1_800_000) }, async () => {
    const campaigns = await Promise.all(
      Array.from({ length: scale(3, 10) }, (_, i) =>
        // One campaign starts later, so its very first wake exists only in Redis when the flush hits.
        cluster.createCampaign({ numbers: scale(30, 300), perBatch: 5, durationSec: 1, maxRetry: 1, retryAfterSec: 1, startInMs: i === 0 ? 4_000 : 300 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    const flushes = scale(2, 5);
    const recoveryMs: number[] = [];
    for (let i = 0; i < flushes; i++) {
      await waitFor(async () => (await dialledSoFar()) >= (i + 1) * 10, { timeoutMs: 30_000, message: 'campaign did not get going' });
      await redis.flushdb();
      const flushedAt = Date.now();
      // The sweep notices its marker is gone and re-creates every live campaign's wake from Postgres.
      const marker = `${cluster.prefix}:autocall:schedules-present`;
      await waitFor(async () => (await redis.exists(marker)) === 1, { timeoutMs: 15_000, intervalMs: 50, message: 'schedules not rebuilt' });
      recoveryMs.push(Date.now() - flushedAt);
    }
    await cluster.waitCompleted(ids, scale(120_000, 1_200_000));
    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    report('redis-flushdb', verdict, { flushes, maxRecoveryMs: Math.max(...recoveryMs) });
    expect(verdict.violations, replayHint()).toEqual([]);
    expect(Math.max(...recoveryMs)).toBeLessThan(10_000);
  });
});
