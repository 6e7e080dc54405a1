// Scenario 2b: outcome-webhook ingestion. A campaign is dispatched with the simulator's webhook
// delivery switched off, so its numbers wait in `calling` with a pending attempt; autocannon then
// posts realistic cdr bodies for exactly those calls (each matches one number and settles it), one
// event per request as OMICALL sends them. Baseline: a Fastify hello-world route, same tool, same
// connections and duration.
import { randomUUID } from 'node:crypto';
import { formatCpu, measureCpu } from '../lib/cpu.ts';
import { load, type LoadResult } from '../lib/load.ts';
import { row, type Row } from '../lib/report.ts';
import type { Sizes } from '../lib/sizes.ts';
import type { Stack } from '../lib/stack.ts';
import { dispatchCampaign } from './dispatch.ts';

// Issue 12's target: webhooks/s at least this share of hello world's (issue 5 had asked 0.5).
const HELLO_RATIO_TARGET = 0.25;

function cdrBody(call: { autocallId: string; phone: string }, seq: number): string {
  const answered = seq % 5 < 3;
  const now = Date.now();
  const talk = answered ? 5 + (seq % 40) : 0;
  return JSON.stringify({
    call_uuid: randomUUID(),
    state: 'cdr',
    direction: 'outbound',
    from_number: '02873001234',
    to_number: call.phone,
    hotline: '02873001234',
    created_time: Math.floor(now / 1000) - talk,
    date_time: now,
    transaction_id: randomUUID(),
    is_auto_call: true,
    autocall_id: call.autocallId,
    autocall_uuid: randomUUID(),
    disposition: answered ? 'answered' : 'cancelled',
    answer_sec: talk,
    bill_sec: talk,
    duration: talk + 3,
    hangup_cause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
    recording_file_url: null,
  });
}

export async function webhookScenario(stack: Stack, sizes: Sizes, hello: LoadResult & { cpuMsPerRequest: number }): Promise<Row[]> {
  await stack.setSimWebhooks(false);
  let pool;
  try {
    // Reported too: the same dispatch as scenario 2a's with no cdr webhook arriving meanwhile, i.e.
    // what the dispatch engine costs by itself.
    pool = await dispatchCampaign(stack, {
      name: 'bench-webhook-pool',
      numbers: sizes.dispatch.webhookPool,
      firstPhone: 60_000_000,
      perBatch: sizes.dispatch.perBatch,
      timeoutSec: 300,
      keepPhones: true,
    });
  } finally {
    await stack.setSimWebhooks(true);
  }
  const calls = pool.sessions.flatMap((s) => s.phones.map((phone) => ({ autocallId: s.autocallId, phone })));
  let next = 0;
  let cpu: Record<string, number> = {};
  const path = new URL(stack.webhookUrl).pathname + new URL(stack.webhookUrl).search;
  const result = await load(
    stack.apiUrl,
    {
      method: 'POST',
      path,
      // Past the end of the pool the calls repeat with fresh dedupe keys: stored, matched to nothing.
      make: () => ({ body: cdrBody(calls[next % calls.length]!, next++) }),
    },
    { connections: sizes.loadConnections, durationSec: sizes.loadSec },
    async (measured) => {
      const { result, cpuMs } = await measureCpu(stack, measured);
      cpu = cpuMs;
      return result;
    },
  );
  const apiCpuPerRequest = (cpu.api ?? 0) / Math.max(1, result.total);
  const ratio = result.requestsPerSec / hello.requestsPerSec;
  const { rows } = await stack.pool.query<{ settled: string }>(
    `SELECT count(*) AS settled FROM campaign_numbers WHERE campaign_id = $1::uuid AND status IN ('answered', 'failed')`,
    [pool.id],
  );
  const count = (n: number) => n.toLocaleString('en-US');
  return [
    row({
      scenario: '2 dispatch',
      metric: `numbers dispatched/s with no cdr arriving meanwhile (${count(pool.numbers)} numbers, ${sizes.dispatch.perBatch}/batch)`,
      value: pool.numbersPerSec,
      unit: '/s',
      baseline: null,
      target: 'info',
      met: null,
      note: `the webhook pool's dispatch, with the simulator's cdr webhooks off: first slot -> last batch received ${((pool.lastReceiptMs - pool.firstSlotMs) / 1000).toFixed(1)} s, ${pool.batches} batches; ${formatCpu(pool.cpuMs, Math.max(1, pool.batches), 'batch')}`,
    }),
    row({
      scenario: '2 dispatch',
      // The route replies once the event is committed (appended; the outcome is applied behind it).
      metric: 'cdr webhooks/s, durable before the reply (1 event per request)',
      value: result.requestsPerSec,
      unit: '/s',
      baseline: hello.requestsPerSec,
      baselineLabel: 'hello world',
      target: `ratio >= ${HELLO_RATIO_TARGET}`,
      met: ratio >= HELLO_RATIO_TARGET,
      note: `target from issue 12 (issue 5 had asked ratio >= 0.5); ${result.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, p99 ${result.latencyP99Ms} ms, ${sizes.loadConnections} connections; ${Number(rows[0]!.settled).toLocaleString('en-US')} numbers settled by them`,
    }),
    row({
      scenario: '2 dispatch',
      metric: 'webhook vs hello world, by API CPU per request',
      value: hello.cpuMsPerRequest / Math.max(1e-9, apiCpuPerRequest),
      unit: '',
      baseline: null,
      ratio: hello.cpuMsPerRequest / Math.max(1e-9, apiCpuPerRequest),
      target: `info (>= ${HELLO_RATIO_TARGET} if CPU-bound)`,
      met: null,
      note: `contention-independent view of the line above: hello world ${hello.cpuMsPerRequest.toFixed(3)} CPU-ms/request; webhooks ${formatCpu(cpu, Math.max(1, result.total), 'webhook')}`,
    }),
  ];
}
