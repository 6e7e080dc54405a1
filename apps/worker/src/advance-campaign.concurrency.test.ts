// Regression: two wakes of one campaign processed at the same time by ONE worker process (BullMQ
// concurrency > 1; wakes come from the loop, the sweep and webhooks) shared the process's lease
// owner, so the second run resent or settled as lost the batch the first one was sending.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { createLogger } from '@autocall/logger';
import type { DispatchResult, ExecuteByPhoneRequest } from '@autocall/omicall';
import { advanceCampaign, type AdvanceDeps } from './advance-campaign.ts';
import { useDbAndQueues } from './test-support.ts';

const env = useDbAndQueues();

describe('advanceCampaign run twice at once in one worker', () => {
  it('sends each slot once and never settles its own in-flight batch as lost', async () => {
    const nowMs = Date.now();
    // durationOfEachCall 0: every slot is due at once, so both runs want to send.
    const campaign = await seedCampaign(env.db.prisma, { nowMs, count: 12, numberCallPerTime: 3, durationOfEachCall: 0 });
    const sent: string[] = [];
    const provider = {
      async executeByPhone(request: ExecuteByPhoneRequest): Promise<DispatchResult> {
        sent.push(request.name);
        await delay(150); // the reply takes a while: the other run looks meanwhile
        return { kind: 'accepted', sessionId: `s-${sent.length}`, raw: {} } as DispatchResult;
      },
    };
    const deps: AdvanceDeps = {
      prisma: env.db.prisma,
      queues: env.queues,
      provider,
      logger: createLogger({ level: 'silent' }),
      now: Date.now,
      workerId: 'one-process',
      leaseMs: 10_000,
      outcomeTimeoutMs: 60_000,
      budgetMs: 5_000,
      maxRequestAttempts: 3,
    };
    await Promise.all([advanceCampaign(deps, campaign.id), advanceCampaign(deps, campaign.id)]);

    expect(sent).toHaveLength(new Set(sent).size);
    const { rows } = await testDbQuery(`SELECT status, count(*)::int AS n FROM batches WHERE campaign_id = $1 GROUP BY status`, [campaign.id]);
    expect(rows).toEqual([{ status: 'sent', n: 4 }]);
    const numbers = await testDbQuery(`SELECT status, count(*)::int AS n FROM campaign_numbers WHERE campaign_id = $1 GROUP BY status`, [campaign.id]);
    expect(numbers.rows).toEqual([{ status: 'calling', n: 12 }]);
  });
});

async function testDbQuery(sql: string, params: unknown[]) {
  const rows = await env.db.pool.query(sql, params);
  return { rows: rows.rows };
}
