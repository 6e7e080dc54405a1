// Fast set-up of big campaigns. The campaign itself is created through the API (so its tenant,
// audit row and defaults are the product's own), with one number and a send time far away; the
// rest of the list is inserted with one server-side INSERT ... SELECT generate_series (set-up is
// not what is measured), and `release` then moves the send time to now and queues the wake
// through the jobs package, as the API would.
import { createQueues, scheduleCampaignWakes } from '@autocall/jobs';
import { benchPhone, benchPhoneSql } from './sizes.ts';
import type { Stack } from './stack.ts';

export const SCRIPTS = [{ targetType: 'callBotTextVariable', targetValue: 'Xin chao, day la cuoc goi tu dong.' }];
const FAR_AWAY_MS = 7 * 86_400_000;

export type BenchCampaign = { id: string; numbers: number; firstPhone: number };

export async function createBenchCampaign(
  stack: Stack,
  options: { name: string; numbers: number; firstPhone: number; perBatch: number; durationSec: number },
): Promise<BenchCampaign> {
  const created = await stack.api$('POST', '/v1/campaigns', {
    name: options.name,
    sendTime: Date.now() + FAR_AWAY_MS,
    scripts: SCRIPTS,
    numberCallPerTime: options.perBatch,
    durationOfEachCall: options.durationSec,
    maxRetryOfDetail: 0,
    phoneNumbers: [benchPhone(options.firstPhone)],
  });
  if (created.status !== 201) throw new Error(`campaign creation failed: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const client = await stack.pool.connect();
  try {
    await client.query(
      `INSERT INTO campaign_numbers (campaign_id, position, phone, status, next_attempt_at)
       SELECT $1::uuid, g, ${benchPhoneSql(`$2::int + g`)}, 'pending', now()
       FROM generate_series(1, $3::int - 1) AS g`,
      [id, options.firstPhone, options.numbers],
    );
    await client.query(`UPDATE campaign_numbers SET next_attempt_at = now() WHERE campaign_id = $1::uuid AND position = 0`, [id]);
    await client.query(`UPDATE campaigns SET accepted_count = $2 WHERE id = $1::uuid`, [id, options.numbers]);
    await client.query('ANALYZE campaign_numbers');
  } finally {
    client.release();
  }
  return { id, numbers: options.numbers, firstPhone: options.firstPhone };
}

// Starts the campaign now: its first slot is `atMs`.
export async function releaseCampaign(stack: Stack, campaignId: string, atMs: number): Promise<void> {
  await stack.pool.query(`UPDATE campaigns SET send_time = $2, next_wake_at = $2 WHERE id = $1::uuid`, [campaignId, new Date(atMs)]);
  const queues = createQueues({ redisUrl: stack.redisUrl, prefix: stack.prefix });
  try {
    await scheduleCampaignWakes(queues, [{ campaignId, atMs }], Date.now());
  } finally {
    await queues.close();
  }
}

export async function campaignStatus(stack: Stack, campaignId: string): Promise<{ status: string; completedAt: Date | null }> {
  const { rows } = await stack.pool.query<{ status: string; completed_at: Date | null }>(
    'SELECT status, completed_at FROM campaigns WHERE id = $1::uuid',
    [campaignId],
  );
  return { status: rows[0]!.status, completedAt: rows[0]!.completed_at };
}

// Numbers still waiting for a dial or an outcome.
export async function openNumbers(stack: Stack, campaignId: string): Promise<number> {
  const { rows } = await stack.pool.query<{ open: string }>(
    `SELECT count(*) AS open FROM campaign_numbers WHERE campaign_id = $1::uuid AND status IN ('pending', 'dialing', 'calling', 'retry')`,
    [campaignId],
  );
  return Number(rows[0]!.open);
}
