// Scenario 4: many campaigns scheduled far ahead. Set-up is server-side SQL (generate_series) for
// the rows and the jobs package's scheduleCampaignWakes for the Redis wakes, exactly one per
// campaign as the API queues them. Redis memory is summed with MEMORY USAGE over the keys of a
// prefix holding only those wakes, once for campaigns of `numbersPerCampaign` numbers and once for
// the same number of campaigns of `compareNumbersPerCampaign` numbers.
import { createQueues, scheduleCampaignWakes } from '@autocall/jobs';
import { SCRIPTS } from '../lib/campaigns.ts';
import { formatCpu, measureCpu } from '../lib/cpu.ts';
import { paced } from '../lib/paced.ts';
import { row, type Row } from '../lib/report.ts';
import { benchPhoneSql, type Sizes } from '../lib/sizes.ts';
import { ADMIN_KEY, deletePrefix, type Stack } from '../lib/stack.ts';

const SEND_AHEAD_MS = 30 * 86_400_000;

async function insertCampaigns(stack: Stack, tag: string, campaigns: number, numbersPerCampaign: number): Promise<{ id: string; atMs: number }[]> {
  const { rows: keys } = await stack.pool.query<{ tenant_id: string }>('SELECT tenant_id FROM api_keys ORDER BY created_at LIMIT 1');
  const tenantId = keys[0]!.tenant_id;
  const { rows } = await stack.pool.query<{ id: string; send_time: Date }>(
    `INSERT INTO campaigns (id, tenant_id, name, status, send_time, number_call_per_time, duration_of_each_call,
       max_retry_of_detail, retry_after_seconds, scripts, number_call_outs, next_wake_at, accepted_count, created_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, $2 || g, 'scheduled', $3::timestamptz + g * interval '1 second', 100, 30, 0, 60,
       $4::jsonb, ARRAY[]::text[], $3::timestamptz + g * interval '1 second', $5, now() - g * interval '1 millisecond', now()
     FROM generate_series(0, $6::int - 1) AS g
     RETURNING id, send_time`,
    [tenantId, `bench-${tag}-`, new Date(Date.now() + SEND_AHEAD_MS), JSON.stringify(SCRIPTS), numbersPerCampaign, campaigns],
  );
  // Numbers in chunks over two connections (two cores); each chunk is one set-based statement.
  const chunk = Math.max(1, Math.floor(500_000 / numbersPerCampaign));
  const ids = rows.map((r) => r.id);
  const chunks = Array.from({ length: Math.ceil(ids.length / chunk) }, (_, i) => ids.slice(i * chunk, (i + 1) * chunk));
  const lanes = [0, 1].map(async (lane) => {
    for (let i = lane; i < chunks.length; i += 2) {
      await stack.pool.query(
        `INSERT INTO campaign_numbers (campaign_id, position, phone, status, next_attempt_at)
         SELECT c.id, g, ${benchPhoneSql('g')}, 'pending', c.send_time
         FROM campaigns c CROSS JOIN generate_series(0, $2::int - 1) AS g WHERE c.id = ANY($1::uuid[])`,
        [chunks[i], numbersPerCampaign],
      );
    }
  });
  await Promise.all(lanes);
  return rows.map((r) => ({ id: r.id, atMs: r.send_time.getTime() }));
}

async function prefixBytes(stack: Stack, prefix: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await stack.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    const pipeline = stack.redis.pipeline();
    for (const key of batch) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    for (const [, size] of (await pipeline.exec()) ?? []) bytes += Number(size ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { keys, bytes };
}

async function wakeMemory(stack: Stack, prefix: string, wakes: { id: string; atMs: number }[]): Promise<{ keys: number; bytes: number }> {
  const queues = createQueues({ redisUrl: stack.redisUrl, prefix });
  try {
    const now = Date.now();
    for (let i = 0; i < wakes.length; i += 1000) {
      await scheduleCampaignWakes(queues, wakes.slice(i, i + 1000).map((w) => ({ campaignId: w.id, atMs: w.atMs })), now);
    }
    return await prefixBytes(stack, prefix);
  } finally {
    await queues.close();
    await deletePrefix(stack.redis, prefix);
  }
}

// Bulk set-up only: campaign_numbers' secondary indexes are dropped for the load and rebuilt from
// their own definitions afterwards (a sorted build is several times faster than maintaining them
// row by row); everything measured runs after the rebuild.
async function withoutNumberIndexes(stack: Stack, load: () => Promise<void>): Promise<void> {
  const { rows } = await stack.pool.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'campaign_numbers' AND indexname <> 'campaign_numbers_pkey'`,
  );
  for (const r of rows) await stack.pool.query(`DROP INDEX "${r.indexname}"`);
  try {
    await load();
  } finally {
    const lanes = [0, 1].map(async (lane) => {
      const client = await stack.pool.connect();
      try {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        for (let i = lane; i < rows.length; i += 2) await client.query(rows[i]!.indexdef);
      } finally {
        client.release();
      }
    });
    await Promise.all(lanes);
  }
}

export async function scheduledScenario(stack: Stack, sizes: Sizes, log: (m: string) => void): Promise<Row[]> {
  const s = sizes.scheduled;
  const setupStarted = Date.now();
  let big: { id: string; atMs: number }[] = [];
  let small: { id: string; atMs: number }[] = [];
  await withoutNumberIndexes(stack, async () => {
    big = await insertCampaigns(stack, 'sched', s.campaigns, s.numbersPerCampaign);
    small = await insertCampaigns(stack, 'sched10', s.campaigns, s.compareNumbersPerCampaign);
  });
  await stack.pool.query('ANALYZE campaigns');
  await stack.pool.query('ANALYZE campaign_numbers');
  log(`scheduled: ${(s.campaigns * s.numbersPerCampaign).toLocaleString('en-US')} numbers inserted in ${((Date.now() - setupStarted) / 1000).toFixed(0)} s`);

  const bigMem = await wakeMemory(stack, `${stack.prefix}wa`, big);
  const smallMem = await wakeMemory(stack, `${stack.prefix}wb`, small);
  const perCampaign = bigMem.bytes / s.campaigns;
  const perCampaignSmall = smallMem.bytes / s.campaigns;

  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  // Evenly spaced requests, as consoles polling send them (paced.ts: why not autocannon's rate).
  const options = { connections: 8, durationSec: sizes.loadSec, rate: s.getRate };
  const cpu: Record<string, Record<string, number>> = {};
  const measured = (name: string) => async <T,>(run: () => Promise<T>): Promise<T> => {
    const { result, cpuMs } = await measureCpu(stack, run);
    cpu[name] = cpuMs;
    return result;
  };
  const list = await paced(stack.apiUrl, { path: '/v1/campaigns?limit=50', headers: auth }, options, measured('list'));
  const detail = await paced(
    stack.apiUrl,
    { path: '/v1/campaigns', headers: auth, make: () => ({ path: `/v1/campaigns/${big[Math.floor(Math.random() * big.length)]!.id}` }) },
    options,
    measured('detail'),
  );
  const total = `${s.campaigns.toLocaleString('en-US')} campaigns, ${(s.campaigns * s.numbersPerCampaign).toLocaleString('en-US')} numbers`;
  const loadNote = (r: typeof list, name: string) =>
    `${r.total} requests at ${s.getRate}/s, p50 ${r.latencyP50Ms} ms, ${r.non2xx} non-2xx, ${r.errors} errors; ${formatCpu(cpu[name] ?? {}, Math.max(1, r.total), 'request')}`;
  return [
    row({
      scenario: '4 scheduled',
      metric: `Redis bytes per campaign (${s.numbersPerCampaign} numbers each)`,
      value: perCampaign,
      unit: 'B',
      baseline: perCampaignSmall,
      baselineLabel: `${s.compareNumbersPerCampaign} numbers each`,
      target: 'ratio ~1 (not per number)',
      met: perCampaign / perCampaignSmall <= 1.1,
      note: `${total}: ${bigMem.keys} keys, ${(bigMem.bytes / 1e6).toFixed(1)} MB under the wake prefix (MEMORY USAGE, SAMPLES 0)`,
    }),
    row({ scenario: '4 scheduled', metric: 'GET /v1/campaigns p99', value: list.latencyP99Ms, unit: 'ms', baseline: null, target: '< 50 ms', met: list.latencyP99Ms < 50 && list.non2xx === 0, note: loadNote(list, 'list') }),
    row({
      scenario: '4 scheduled',
      metric: 'GET /v1/campaigns/:id p99',
      value: detail.latencyP99Ms,
      unit: 'ms',
      baseline: null,
      target: '< 50 ms',
      met: detail.latencyP99Ms < 50 && detail.non2xx === 0,
      note: loadNote(detail, 'detail'),
    }),
  ];
}
