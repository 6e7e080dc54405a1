// Fault 3: every Postgres connection of the deployment is killed, several times, mid-campaign
// (pg_terminate_backend on the test's own database; the server itself keeps running for the
// other suites). The API and the workers must recover on their own, without a restart.
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@autocall/testing';
import { scale, startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { chaos, printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report } from '../support/judge.ts';

printSeedOnFailure();

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ workers: 2 });
});
afterAll(async () => cluster?.close());

async function terminateBackends(): Promise<number> {
  // A connection of its own, outside the pool, so the killer survives its own kill.
  const admin = new pg.Client({ connectionString: cluster.db.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
       FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [cluster.db.name],
    );
    return rows[0]!.n;
  } finally {
    await admin.end();
  }
}

async function readyz(): Promise<number> {
  const response = await fetch(`${cluster.apiUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
  await response.arrayBuffer();
  return response.status;
}

describe(seeded('Postgres connections dropped during running campaigns'), () => {
  it('API and workers reconnect by themselves and the campaigns complete', { timeout: scale(180_000, 1_800_000) }, async () => {
    const campaigns = await Promise.all(
      Array.from({ length: scale(3, 10) }, () =>
        cluster.createCampaign({ numbers: scale(30, 300), perBatch: 5, durationSec: 1, maxRetry: 1, retryAfterSec: 1 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    const drops = scale(4, 10);
    let terminated = 0;
    for (let i = 0; i < drops; i++) {
      await delay(chaos.delayMs('postgres-drop', 800, 2_000));
      terminated += await terminateBackends();
      // The API answers again (a fresh pool connection) without being restarted.
      await waitFor(async () => (await readyz()) === 200, { timeoutMs: 10_000, intervalMs: 100, message: '/readyz did not recover' });
    }
    // The API serves real queries again, not only the probe.
    expect((await cluster.request('GET', `/v1/campaigns/${ids[0]}`)).status).toBe(200);
    await cluster.waitCompleted(ids, scale(120_000, 1_200_000));
    for (const p of [...cluster.workers, cluster.api]) {
      expect(p.isRunning(), `${p.name} died:\n${p.output().slice(-3_000)}`).toBe(true);
    }
    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    report('postgres-terminate', verdict, { drops, backendsTerminated: terminated });
    expect(verdict.violations, replayHint()).toEqual([]);
    expect(terminated).toBeGreaterThan(drops);
  });
});
