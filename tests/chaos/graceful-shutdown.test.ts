// Fault 5: SIGTERM to the API and every worker in the middle of a campaign (with provider replies
// slow enough that requests are in flight). In-flight work finishes or is handed back, nothing is
// left leased or half-sent, and a restart carries on to completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@autocall/testing';
import { scale, startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report } from '../support/judge.ts';

printSeedOnFailure();

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ workers: 2, env: { OUTCOME_TIMEOUT_SECONDS: '6' } });
});
afterAll(async () => cluster?.close());

describe(seeded('graceful shutdown mid-campaign'), () => {
  it('hands everything back on SIGTERM and resumes after a restart', { timeout: scale(180_000, 1_800_000) }, async () => {
    await cluster.setFaults({ latencyMs: 600 });
    const campaigns = await Promise.all(
      Array.from({ length: scale(3, 10) }, () =>
        cluster.createCampaign({ numbers: scale(30, 300), perBatch: 5, durationSec: 1, maxRetry: 1, retryAfterSec: 1 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    await waitFor(async () => (await cluster.simJson<{ numbersDialled: number }>('/_sim/stats')).numbersDialled >= 20, {
      timeoutMs: 60_000,
      message: 'campaigns did not get going',
    });

    const stopping = [...cluster.workers, cluster.api];
    const started = Date.now();
    const exits = await Promise.all(stopping.map((p) => p.stop('SIGTERM', 30_000)));
    const stopMs = Date.now() - started;
    expect(exits).toEqual(stopping.map(() => ({ code: 0, signal: null })));

    // Nothing is held by the stopped processes.
    const leased = await cluster.pool.query(`SELECT id FROM campaigns WHERE id = ANY($1::uuid[]) AND lease_owner IS NOT NULL`, [ids]);
    expect(leased.rows).toEqual([]);
    const inFlight = await cluster.pool.query(
      `SELECT id, status FROM batches WHERE campaign_id = ANY($1::uuid[]) AND (status = 'sending' OR (status = 'claimed' AND retry_at IS NULL))`,
      [ids],
    );
    expect(inFlight.rows).toEqual([]);
    // Numbers shown 'dialing': stored 'calling' in a batch not accepted yet (packages/db/src/in-flight.ts).
    const dialing = await cluster.pool.query(
      `SELECT count(*)::int AS n FROM campaign_numbers n JOIN batches b ON b.campaign_id = n.campaign_id AND b.id = n.last_batch_id
       WHERE n.campaign_id = ANY($1::uuid[]) AND (n.status = 'dialing' OR (n.status = 'calling' AND b.status IN ('claimed', 'sending')))`,
      [ids],
    );
    expect(dialing.rows[0].n).toBe(0);
    const unfinished = await cluster.pool.query(`SELECT count(*)::int AS n FROM campaigns WHERE id = ANY($1::uuid[]) AND status <> 'completed'`, [ids]);
    expect(unfinished.rows[0].n).toBeGreaterThan(0); // the stop really was mid-campaign

    cluster.workers = [];
    await cluster.setFaults({ latencyMs: 0 });
    await Promise.all([cluster.startApi(), cluster.startWorker(), cluster.startWorker()]);
    await cluster.waitCompleted(ids, scale(120_000, 1_200_000));
    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    report('graceful-sigterm', verdict, { sigterms: stopping.length, stopMs });
    expect(verdict.violations, replayHint()).toEqual([]);
  });
});
