// Postgres row writes per dialled number over a whole campaign, the product's own path end to end:
// created through POST /v1/campaigns (the numbers in the request), dispatched by the workers to the
// instant simulator (1000 per batch, no retries), and one cdr webhook per number back through the
// API. Counted from pg_stat_user_tables over every table of the database, so nothing the campaign
// causes is left out (the sweep and housekeeping running meanwhile included). The floor is one
// write per number: the row that stores it.
import { campaignStatus, SCRIPTS } from '../lib/campaigns.ts';
import { formatCpu, measureCpu } from '../lib/cpu.ts';
import { formatWritesPer, settledTableWrites, totalWrites, walBytes, writesBetween } from '../lib/pg-writes.ts';
import { waitUntil } from '../lib/processes.ts';
import { row, type Row } from '../lib/report.ts';
import { benchPhone, type Sizes } from '../lib/sizes.ts';
import type { Stack } from '../lib/stack.ts';

const FIRST_PHONE = 60_000_000;

export async function writesScenario(stack: Stack, sizes: Sizes): Promise<Row[]> {
  const s = sizes.writes;
  const before = await settledTableWrites(stack.pool);
  const walBefore = await walBytes(stack.pool);
  const { result: run, cpuMs } = await measureCpu(stack, async () => {
    const created = await stack.api$('POST', '/v1/campaigns', {
      name: 'bench-writes',
      sendTime: Date.now() + 1_000,
      scripts: SCRIPTS,
      numberCallPerTime: s.perBatch,
      durationOfEachCall: 0,
      maxRetryOfDetail: 0,
      phoneNumbers: Array.from({ length: s.numbers }, (_, i) => benchPhone(FIRST_PHONE + i)),
    });
    if (created.status !== 201) throw new Error(`campaign creation failed: HTTP ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
    const id = created.body.id as string;
    const startedAt = Date.now();
    await waitUntil('the writes campaign to complete', async () => (await campaignStatus(stack, id)).status === 'completed', s.timeoutSec * 1000, 500);
    return { id, sec: (Date.now() - startedAt) / 1000 };
  });
  const after = await settledTableWrites(stack.pool);
  const walPerNumber = Number((await walBytes(stack.pool)) - walBefore) / s.numbers;
  const delta = writesBetween(before.writes, after.writes);
  const perNumber = totalWrites(delta) / s.numbers;
  const settledNote = before.settled && after.settled ? '' : '; WARNING: the counters were still moving when read';
  return [
    row({
      scenario: '2 writes',
      metric: `Postgres row writes per dialled number, whole campaign (${s.numbers.toLocaleString('en-US')} numbers, ${s.perBatch}/batch)`,
      value: perNumber,
      unit: '',
      baseline: 1,
      baselineLabel: 'floor: its insert',
      target: '<= 3',
      met: perNumber <= 3,
      note:
        `create + dispatch + one cdr each, completed ${run.sec.toFixed(1)} s after creation; per number by table: ${formatWritesPer(delta, s.numbers)} ` +
        `(pg_stat_user_tables n_tup_ins + n_tup_upd + n_tup_del, read after the 10 s idle flush until steady)${settledNote}; ` +
        `WAL ${Math.round(walPerNumber).toLocaleString('en-US')} bytes per number (rows and index entries; full-page images after a checkpoint included); ${formatCpu(cpuMs, s.numbers / 1000, '1000 numbers')}`,
    }),
  ];
}
