// Fault 4: the provider misbehaves (the simulator's fault injection): 5xx, 429 with and without
// Retry-After, replies slower than our timeout, expired tokens, malformed bodies, business
// refusals, and webhooks that arrive twice, late, out of order or for numbers never sent.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@autocall/testing';
import { scale, startCluster, type Cluster } from '../support/chaos-cluster.ts';
import { printSeedOnFailure, replayHint, seeded } from '../support/chaos-seed.ts';
import { judge, report } from '../support/judge.ts';

printSeedOnFailure();

let cluster: Cluster;
beforeAll(async () => {
  // Client timeout 1.5 s; outcomes are given 4 s before a number becomes no_result.
  cluster = await startCluster({ workers: 2, env: { OMICALL_TIMEOUT_MS: '1500', OUTCOME_TIMEOUT_SECONDS: '4' } });
});
afterAll(async () => cluster?.close());

const NO_FAULTS = {
  errorRate: 0, rate429: 0, retryAfterSeconds: null, timeoutRate: 0, tokenExpireRate: 0, malformedRate: 0,
  businessError: null, webhookDuplicateRate: 0, webhookDelayMs: 0, webhookShuffle: false, webhookUnknownRate: 0,
};

type SimRequest = { name: string | null; fault: string | null; dialled: boolean; phoneNumbers: string[] };

async function faultCounts(): Promise<Record<string, number>> {
  const requests = await cluster.simJson<SimRequest[]>(`/_sim/requests?path=${encodeURIComponent('/api/v2/autoCall/executeByPhone')}&numbers=0`);
  const counts: Record<string, number> = {};
  for (const r of requests) if (r.fault) counts[r.fault] = (counts[r.fault] ?? 0) + 1;
  return counts;
}

async function numberRows(campaignId: string) {
  const { rows } = await cluster.pool.query<{ phone: string; status: string; attempts: number }>(
    `SELECT phone, status, attempts FROM campaign_numbers WHERE campaign_id = $1 ORDER BY position`,
    [campaignId],
  );
  return rows;
}

async function dialCount(phone: string): Promise<number> {
  const d = await cluster.simJson<{ items: { count: number }[] }>(`/_sim/dialed?phone=${phone}`);
  return d.items[0]?.count ?? 0;
}

describe(seeded('a misbehaving provider'), () => {
  it('never re-dials an ambiguous batch (reply slower than the timeout, malformed reply)', { timeout: 60_000 }, async () => {
    await cluster.setFaults({ ...NO_FAULTS, timeoutRate: 1, timeoutMs: 4_000 });
    const slow = await cluster.createCampaign({ numbers: 4, perBatch: 4, durationSec: 1, maxRetry: 3, retryAfterSec: 1, startInMs: 100 });
    await cluster.waitCompleted([slow.id], 30_000);
    await cluster.setFaults({ ...NO_FAULTS, malformedRate: 1 });
    const garbled = await cluster.createCampaign({ numbers: 4, perBatch: 4, durationSec: 1, maxRetry: 3, retryAfterSec: 1, startInMs: 100 });
    await cluster.waitCompleted([garbled.id], 30_000);
    await cluster.setFaults(NO_FAULTS);
    await delay(3_000); // anything that were to go out again would do so now

    for (const n of await numberRows(slow.id)) {
      expect(n).toMatchObject({ status: 'unknown', attempts: 1 });
      expect(await dialCount(n.phone)).toBe(1); // the provider did dial it, once
    }
    for (const n of await numberRows(garbled.id)) {
      expect(n).toMatchObject({ status: 'unknown', attempts: 1 });
      expect(await dialCount(n.phone)).toBe(0); // the simulator dialled nothing; we cannot know that
    }
    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: [slow.id, garbled.id] });
    expect(verdict.violations, replayHint()).toEqual([]);
  });

  it('pauses on a business refusal with nothing dialled and every number kept', { timeout: 60_000 }, async () => {
    await cluster.setFaults({ ...NO_FAULTS, businessError: 'balance_is_not_enough' });
    const refused = await cluster.createCampaign({ numbers: 6, perBatch: 3, durationSec: 1, maxRetry: 1, retryAfterSec: 1, startInMs: 100 });
    const paused = await waitFor(
      async () => {
        const { body } = await cluster.request('GET', `/v1/campaigns/${refused.id}`);
        return body.status === 'paused' ? body : undefined;
      },
      { timeoutMs: 20_000, message: 'campaign not paused' },
    );
    await cluster.setFaults(NO_FAULTS);
    expect(JSON.stringify(paused)).toContain('balance_is_not_enough');
    for (const n of await numberRows(refused.id)) {
      expect(n).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await dialCount(n.phone)).toBe(0);
    }
  });

  it('survives 5xx, 429 (with and without Retry-After), expired tokens and unruly webhooks', { timeout: scale(180_000, 1_800_000) }, async () => {
    await cluster.setFaults({
      errorRate: 0.12, rate429: 0.12, retryAfterSeconds: 1, tokenExpireRate: 0.08, timeoutRate: 0.04, timeoutMs: 2_500,
      malformedRate: 0.03, webhookDuplicateRate: 0.5, webhookShuffle: true, webhookUnknownRate: 0.2, webhookDelayMs: 200,
    });
    const campaigns = await Promise.all(
      Array.from({ length: scale(3, 10) }, () =>
        cluster.createCampaign({ numbers: scale(30, 300), perBatch: 5, durationSec: 1, maxRetry: 2, retryAfterSec: 1 }),
      ),
    );
    const ids = campaigns.map((c) => c.id);
    // Bursts make sure a 5xx and each 429 flavour happen at least once, whatever the random draws
    // (a seed whose draws gave no 5xx before the campaigns completed failed the last assertion).
    const burst = async (patch: Record<string, unknown>, fault: string, restore: Record<string, unknown>) => {
      const seen = (await faultCounts())[fault] ?? 0;
      await cluster.setFaults(patch);
      await waitFor(async () => ((await faultCounts())[fault] ?? 0) > seen, { timeoutMs: 30_000, message: `no ${fault} fault` });
      await cluster.setFaults(restore);
    };
    await burst({ errorRate: 1 }, 'server_error', { errorRate: 0.12 });
    await burst({ rate429: 1, retryAfterSeconds: 1 }, 'rate_limit', { rate429: 0.12 });
    await burst({ rate429: 1, retryAfterSeconds: null }, 'rate_limit', { rate429: 0.12 });
    await fetch(`${cluster.simUrl}/_sim/tokens/expire`, { method: 'POST' });
    // Late webhooks: past the 4 s outcome timeout, so the numbers are already no_result when they land.
    await cluster.setFaults({ webhookDelayMs: 6_000 });
    await delay(2_500);
    await cluster.setFaults({ webhookDelayMs: 200 });
    // A batch that fails retryably eight times in a row pauses its campaign (provider_unavailable),
    // as designed; the bursts above make that a matter of the draws (CHAOS_SEED=981169091 paused one
    // in a fresh-clone CI run). The test then does what an operator does, resumes it, and the judge
    // below checks the resumed campaign like the others: nothing dialled twice, nothing lost.
    let resumed = 0;
    let waiting = true;
    const operator = (async () => {
      while (waiting) {
        const { rows } = await cluster.pool.query<{ id: string }>(
          `SELECT id FROM campaigns WHERE id = ANY($1::uuid[]) AND status = 'paused' AND pause_reason = 'provider_unavailable'`,
          [ids],
        );
        for (const { id } of rows) {
          const { status } = await cluster.request('POST', `/v1/campaigns/${id}/resume`);
          if (status === 200) resumed++;
        }
        await delay(500);
      }
    })();
    try {
      await cluster.waitCompleted(ids, scale(150_000, 1_200_000));
    } finally {
      waiting = false;
      await operator;
    }
    await cluster.setFaults(NO_FAULTS);
    await waitFor(async () => (await cluster.simJson<{ webhooks: { pending: number; inFlight: number } }>('/_sim/stats')).webhooks.pending === 0, {
      timeoutMs: 20_000,
      message: 'late webhooks still queued',
    });

    // Every stored webhook delivered once more, in reverse order, changes nothing.
    const snapshot = async () =>
      (await cluster.pool.query(
        `SELECT n.phone, n.status, n.attempts, a.attempt_no, a.outcome, a.outcome_at FROM campaign_numbers n
         LEFT JOIN call_history($1::uuid[]) a ON a.number_id = n.id WHERE n.campaign_id = ANY($1::uuid[]) ORDER BY n.phone, a.attempt_no`,
        [ids],
      )).rows;
    const before = await snapshot();
    const { rows: events } = await cluster.pool.query<{ payload: unknown }>(`SELECT payload FROM provider_events ORDER BY received_at DESC`);
    for (let i = 0; i < events.length; i += 200) {
      const response = await fetch(`${cluster.apiUrl}/v1/providers/omicall/webhook?token=${cluster.env.OMICALL_WEBHOOK_SECRET}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(events.slice(i, i + 200).map((e) => e.payload)),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const stored = await cluster.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM provider_events`);
    expect(stored.rows[0]!.n).toBe(events.length); // every one recognised as already seen
    expect(await snapshot()).toEqual(before);

    const faults = await faultCounts();
    const stats = await cluster.simJson<{ webhooks: Record<string, number> }>('/_sim/stats');
    const verdict = await judge({ pool: cluster.pool, simUrl: cluster.simUrl, campaignIds: ids });
    report('provider-faults', verdict, { ...faults, resumed, webhookDuplicates: stats.webhooks.duplicates!, webhookUnknown: stats.webhooks.unknown!, replayed: events.length });
    expect(verdict.violations, replayHint()).toEqual([]);
    expect(faults.server_error).toBeGreaterThan(0);
    expect(stats.webhooks.duplicates).toBeGreaterThan(0);
  });
});
