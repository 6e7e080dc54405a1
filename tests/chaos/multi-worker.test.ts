// Fault 6 (scale-out): three worker processes on one Redis and one Postgres. No batch goes out
// twice, no slot is skipped, and every worker takes a share of the work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scale, startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report, slotOf } from '../support/judge.ts';

printSeedOnFailure();

const WORKERS = 3;
let cluster: Cluster;
beforeAll(async () => {
  // One campaign run at a time per worker: a worker busy with a run does not keep the campaign's
  // next wake in memory (HOLD_WITHIN_MS) but queues it in Redis while another worker has room
  // (fleet-room.ts; these are idle most of the time), so the slots are contested by all three
  // workers. With more concurrency a worker keeps the campaigns it took first, and on a loaded
  // machine a worker that was slow to its first poll could be left with none.
  cluster = await startCluster({ workers: WORKERS, env: { WORKER_CONCURRENCY: '1' } });
});
afterAll(async () => cluster?.close());

describe(seeded('several workers on one Redis and one Postgres'), () => {
  it('sends every slot exactly once and spreads the batches', { timeout: scale(180_000, 1_800_000) }, async () => {
    const campaigns = await Promise.all(
      Array.from({ length: scale(6, 20) }, () =>
        // No retries: exactly numbers/perBatch full batches, in list order.
        cluster.createCampaign({ numbers: scale(30, 200), perBatch: 5, durationSec: 2, maxRetry: 0, retryAfterSec: 1, startInMs: 1_500 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    await cluster.waitCompleted(ids, scale(150_000, 1_200_000));

    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    const requests = await cluster.simJson<{ name: string | null; dialled: boolean; receivedAt: number; sendTime: number; phoneNumbers: string[] }[]>(
      `/_sim/requests?path=${encodeURIComponent('/api/v2/autoCall/executeByPhone')}`,
    );
    const dialled = requests.filter((r) => r.dialled && slotOf(r.name));
    const names = dialled.map((r) => r.name!);
    expect(new Set(names).size).toBe(names.length);
    let lateSkips = 0;
    for (const campaign of campaigns) {
      const batches = dialled.filter((r) => slotOf(r.name)!.campaignId === campaign.id).toSorted((x, y) => slotOf(x.name)!.slot - slotOf(y.name)!.slot);
      // Every batch full, in list order, nothing left out and nothing twice: the numbers as given.
      expect(batches.map((r) => r.phoneNumbers.length)).toEqual(batches.map(() => 5));
      expect(batches.flatMap((r) => r.phoneNumbers)).toEqual(campaign.phones);
      for (const r of batches) expect(r.receivedAt).toBeGreaterThanOrEqual(r.sendTime);
      // A slot index is passed over only when every worker woke a whole slot late (by design the
      // campaign then continues from the current slot instead of bursting); count those.
      const slots = batches.map((r) => slotOf(r.name)!.slot);
      lateSkips += slots.at(-1)! + 1 - slots.length;
    }

    // Each worker's own log says which batches it sent.
    const perWorker = cluster.workers.map((w) => w.output().split('\n').filter((l) => l.includes('"msg":"batch accepted by provider"')).length);
    const lags = dialled.map((r) => r.receivedAt - r.sendTime).toSorted((x, y) => x - y);
    const lagP50Ms = lags[Math.floor(lags.length / 2)]!;
    report('multi-worker', verdict, { workers: WORKERS, lateSkips, lagP50Ms, lagMaxMs: lags.at(-1)!, ...Object.fromEntries(perWorker.map((n, i) => [`worker${i + 1}Batches`, n])) });
    expect(verdict.violations, replayHint()).toEqual([]);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(names.length);
    for (const n of perWorker) expect(n).toBeGreaterThan(0);
  });
});
