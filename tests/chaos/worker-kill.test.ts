// Fault 1: the worker is SIGKILLed again and again while campaigns run — by the test at random
// moments, and by itself exactly between claiming numbers and calling the provider, between
// marking the batch as leaving and sending it, and between the provider's reply and recording it.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE, scale, startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { chaos, printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report } from '../support/judge.ts';
import type { ChildHandle } from '../support/processes.ts';

printSeedOnFailure();

let cluster: Cluster;
const log = (line: string) => process.env.CHAOS_VERBOSE && process.stdout.write(`[worker-kill] ${line}\n`);
beforeAll(async () => {
  // No worker yet: the test starts each generation itself.
  cluster = await startCluster({ workers: 0, env: { OMICALL_TIMEOUT_MS: '1000', WORKER_LOCK_MS: '3000' } });
});
afterAll(async () => cluster?.close());

// Each entry is one worker generation: a crash point it kills itself at, or an external SIGKILL.
const SMALL_PLAN = ['claim', 'external', 'send', 'sending', 'external', 'claim'] as const;
const PLAN = LARGE ? [...SMALL_PLAN, 'send', 'external', 'sending', 'external', 'claim', 'external'] : SMALL_PLAN;

async function unfinished(): Promise<number> {
  const { rows } = await cluster.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaigns WHERE status <> 'completed'`);
  return rows[0]!.n;
}

// Until the worker's crash hook fires, or the campaigns finish first.
async function crashOrDone(worker: ChildHandle): Promise<'crashed' | 'done'> {
  const deadline = Date.now() + scale(120_000, 1_200_000);
  while (worker.isRunning() && Date.now() < deadline) {
    if ((await unfinished()) === 0) return 'done';
    await delay(250);
  }
  if (worker.isRunning()) throw new Error(`worker neither crashed nor finished:\n${worker.output().slice(-2_000)}`);
  return 'crashed';
}

describe(seeded('worker SIGKILL during running campaigns'), () => {
  it('loses no number and dials none twice across repeated kills and restarts', { timeout: scale(240_000, 1_800_000) }, async () => {
    const campaigns = await Promise.all(
      Array.from({ length: scale(3, 10) }, () =>
        cluster.createCampaign({ numbers: scale(40, 300), perBatch: 5, durationSec: 1, maxRetry: 1, retryAfterSec: 1 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    const kills = { selfClaim: 0, selfSending: 0, selfSend: 0, external: 0 };

    const started = Date.now();
    for (const [generation, step] of PLAN.entries()) {
      // Each generation's crash draws come from its own seed, derived from CHAOS_SEED.
      const worker: ChildHandle =
        step === 'external'
          ? await cluster.startWorker()
          : await cluster.startWorker({
              AUTOCALL_FAULT_CRASH_AFTER: step,
              AUTOCALL_FAULT_CRASH_RATE: '0.3',
              AUTOCALL_FAULT_SEED: String(chaos.seedFor(`worker-kill#${generation}`)),
            });
      if (step === 'external') {
        await delay(chaos.delayMs('worker-kill', 500, 2_500));
        worker.child.kill('SIGKILL');
        const exit = await worker.exited;
        if (exit.signal === 'SIGKILL') kills.external++;
      } else {
        // Either the hook fires (the process kills itself) or the campaigns finish first.
        const outcome = await crashOrDone(worker);
        if (outcome === 'done') await worker.stop('SIGKILL');
        else if (worker.output().includes('fault-injection: crash after')) {
          if (step === 'claim') kills.selfClaim++;
          if (step === 'sending') kills.selfSending++;
          if (step === 'send') kills.selfSend++;
        }
      }
      log(`${step}: ${worker.output().includes('fault-injection') ? 'crashed itself' : 'killed'} after ${Date.now() - started} ms`);
      if ((await unfinished()) === 0) break;
    }

    await cluster.startWorker();
    await cluster.waitCompleted(ids, scale(120_000, 1_200_000));
    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    report('worker-sigkill', verdict, kills);
    expect(verdict.violations, replayHint()).toEqual([]);
    expect(kills.external + kills.selfClaim + kills.selfSending + kills.selfSend).toBeGreaterThanOrEqual(5);
    expect(kills.selfClaim + kills.selfSend).toBeGreaterThan(0);
  });
});
