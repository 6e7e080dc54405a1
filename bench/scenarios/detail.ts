// `GET /v1/campaigns/:id` on a running campaign of `numbers` numbers (1M at full size): 77 % of
// them dialled (40 % answered, 30 % failed after a retry, 10 % no result, 20 % waiting for their
// retry), the rest pending, in batches of 50 every 30 s; its next slot an hour away, so the
// workers leave it as it is while it is read. Set-up is server-side SQL (generate_series), not
// measured. Baselines on the same API process, same tool and rate: `/readyz` (a `SELECT 1` through
// the API's Prisma client and a Redis PING) and `/healthz` (a constant).
import { randomUUID } from 'node:crypto';
import { SCRIPTS } from '../lib/campaigns.ts';
import { formatCpu, measureCpu } from '../lib/cpu.ts';
import type { LoadResult } from '../lib/load.ts';
import { paced } from '../lib/paced.ts';
import { row, type Row } from '../lib/report.ts';
import { benchPhoneSql, type Sizes } from '../lib/sizes.ts';
import { ADMIN_KEY, type Stack } from '../lib/stack.ts';

const PER_BATCH = 50;
const STEP_SEC = 30;
const FIRST_PHONE = 70_000_000;

async function seedRunningCampaign(stack: Stack, numbers: number): Promise<string> {
  const { rows: keys } = await stack.pool.query<{ tenant_id: string }>('SELECT tenant_id FROM api_keys ORDER BY created_at LIMIT 1');
  const id = randomUUID();
  const dialled = Math.floor(numbers * 0.77);
  // The first attempts' slots, then 10 more where the last retries went out.
  const lastSlot = Math.ceil(dialled / PER_BATCH) - 1 + 10;
  const start = new Date(Date.now() - (lastSlot + 1) * STEP_SEC * 1000);
  const nextWake = new Date(Date.now() + 3_600_000);
  await stack.pool.query(
    `INSERT INTO campaigns (id, tenant_id, name, status, send_time, number_call_per_time, duration_of_each_call, max_retry_of_detail,
       retry_after_seconds, scripts, number_call_outs, next_wake_at, accepted_count, created_at, updated_at, started_at, last_slot_index)
     VALUES ($1, $2, 'bench-detail', 'running', $3, $4, $5, 1, 300, $6, '{}', $7, $8, $3::timestamptz - interval '1 day', now(), $3, $9)`,
    [id, keys[0]!.tenant_id, start, PER_BATCH, STEP_SEC, JSON.stringify(SCRIPTS), nextWake, numbers, lastSlot],
  );
  await stack.pool.query(
    `INSERT INTO campaign_numbers (campaign_id, position, phone, status, attempts, next_attempt_at)
     SELECT $1, g, ${benchPhoneSql(`${FIRST_PHONE} + g`)},
       CASE WHEN g >= $2 THEN 'pending' WHEN g % 10 < 4 THEN 'answered' WHEN g % 10 < 7 THEN 'failed' WHEN g % 10 = 7 THEN 'no_result' ELSE 'retry' END::call_status,
       CASE WHEN g >= $2 THEN 0 WHEN g % 10 BETWEEN 4 AND 6 THEN 2 ELSE 1 END,
       $3::timestamptz
     FROM generate_series(0, $4::int - 1) AS g`,
    [id, dialled, nextWake, numbers],
  );
  await stack.pool.query(
    `INSERT INTO batches (campaign_id, slot_index, slot_time, status, size, sent_at, request_attempts, dialed_at)
     SELECT $1, k, $2::timestamptz + k * $3 * interval '1 second', 'sent', $4, $2::timestamptz + k * $3 * interval '1 second' + interval '200 ms', 1,
       $2::timestamptz + k * $3 * interval '1 second'
     FROM generate_series(0, $5::int) AS k`,
    [id, start, STEP_SEC, PER_BATCH, lastSlot],
  );
  // First calls of every dialled number; the failed ones were dialled again 10 slots later. Stored
  // as dispatch stores them: a call that did not end its number is an attempt row, the call that
  // made a number final is on the number's row (its batch in last_batch_id).
  await stack.pool.query(
    `INSERT INTO call_attempts (number_id, campaign_id, batch_id, attempt_no, dialed_at, outcome)
     SELECT n.id, n.campaign_id, b.id, 1, b.slot_time, 'not_answered'
     FROM campaign_numbers n JOIN batches b ON b.campaign_id = n.campaign_id AND b.slot_index = n.position / $2
     WHERE n.campaign_id = $1 AND n.position < $3 AND n.status IN ('failed', 'retry')`,
    [id, PER_BATCH, dialled],
  );
  await stack.pool.query(
    `UPDATE campaign_numbers n SET last_batch_id = b.id, outcome_at = b.slot_time + interval '30 seconds'
     FROM batches b WHERE b.campaign_id = n.campaign_id AND b.slot_index = n.position / $2 + CASE n.status WHEN 'failed' THEN 10 ELSE 0 END
       AND n.campaign_id = $1 AND n.position < $3 AND n.status IN ('answered', 'failed', 'no_result')`,
    [id, PER_BATCH, dialled],
  );
  for (const table of ['campaigns', 'campaign_numbers', 'batches', 'call_attempts']) await stack.pool.query(`VACUUM ANALYZE ${table}`);
  return id;
}

export async function detailScenario(stack: Stack, sizes: Sizes, log: (m: string) => void): Promise<Row[]> {
  const s = sizes.detail;
  const t0 = Date.now();
  const id = await seedRunningCampaign(stack, s.numbers);
  log(`detail: running campaign of ${s.numbers.toLocaleString('en-US')} numbers seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  // Evenly spaced requests, as consoles polling it send them (paced.ts: why not autocannon's rate).
  const options = { connections: 8, durationSec: s.durationSec, rate: s.getRate };
  const headers = { authorization: `Bearer ${ADMIN_KEY}` };
  let cpu: Record<string, number> = {};
  const detail = await paced(stack.apiUrl, { path: `/v1/campaigns/${id}`, headers }, options, async (measured) => {
    const { result, cpuMs } = await measureCpu(stack, measured);
    cpu = cpuMs;
    return result;
  });
  const selectOne = await paced(stack.apiUrl, { path: '/readyz' }, options);
  const constant = await paced(stack.apiUrl, { path: '/healthz' }, options);
  const brief = (r: LoadResult) => `p50 ${r.latencyP50Ms} / p99 ${r.latencyP99Ms} / max ${r.latencyMaxMs} ms, ${r.total} requests, ${r.non2xx} non-2xx`;
  const counted = `${s.numbers.toLocaleString('en-US')} numbers`;
  return [
    row({
      scenario: '4 detail',
      metric: `GET /v1/campaigns/:id p99, running campaign of ${counted}`,
      value: detail.latencyP99Ms,
      unit: 'ms',
      baseline: selectOne.latencyP99Ms,
      baselineLabel: 'same API: /readyz, SELECT 1 + Redis PING',
      target: '<= 10 ms',
      met: detail.latencyP99Ms <= 10 && detail.non2xx === 0,
      note:
        `${s.getRate} req/s evenly spaced for ${s.durationSec} s, at most 8 connections, latency from each request's due time; detail ${brief(detail)}; /readyz ${brief(selectOne)}; /healthz (constant) ${brief(constant)}; ` +
        `${formatCpu(cpu, Math.max(1, detail.total), 'request')}`,
    }),
  ];
}
