// Scenario 1 lives in bench/import.ts (CSV upload of a million numbers vs raw COPY, API peak
// memory), owned by the imports work. It starts its own API and database, so it runs as its own
// process, before the rest of the stack is up:
//   node bench/import.ts --count N --json <file>     with DATABASE_URL and REDIS_URL
// and its JSON report is turned into rows here.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, spawnNode, waitUntil } from '../lib/processes.ts';
import { row, type Row } from '../lib/report.ts';
import type { Sizes } from '../lib/sizes.ts';

const SCRIPT = 'bench/import.ts';

type ImportReport = {
  count: number;
  uploadRowsPerSec: number;
  rawCopyRowsPerSec: number;
  rawCopyWithFkRowsPerSec: number;
  apiIdleRssMb: number;
  apiPeakRssMb: number;
};

function unavailable(note: string): Row[] {
  return [row({ scenario: '1 import', metric: 'CSV upload rows/s vs raw COPY', value: null, unit: '/s', baseline: null, target: '>= 0.7 x COPY', met: null, note })];
}

export async function importScenario(sizes: Sizes, env: { adminUrl: string; redisUrl: string }): Promise<Row[]> {
  if (!existsSync(path.join(ROOT, SCRIPT))) return unavailable(`not available: ${SCRIPT} does not exist`);
  const count = sizes.name === 'smoke' ? 20_000 : 1_000_000;
  const resultFile = path.join(tmpdir(), `bench-import-${process.pid}-${Date.now()}.json`);
  const child = spawnNode('import', SCRIPT, { DATABASE_URL: env.adminUrl, REDIS_URL: env.redisUrl }, [], ['--count', String(count), '--json', resultFile]);
  try {
    await waitUntil(SCRIPT, () => !child.isRunning(), sizes.name === 'smoke' ? 60_000 : 600_000, 250);
  } catch {
    await child.stop('SIGTERM', 10_000);
    return unavailable(`${SCRIPT} did not finish in time; last output: ${child.output().slice(-300).replace(/\s+/g, ' ')}`);
  }
  if (!existsSync(resultFile)) {
    return unavailable(`${SCRIPT} exited with code ${child.child.exitCode} without a result; last output: ${child.output().slice(-300).replace(/\s+/g, ' ')}`);
  }
  const r = JSON.parse(readFileSync(resultFile, 'utf8')) as ImportReport;
  const label = `${r.count.toLocaleString('en-US')} numbers`;
  return [
    row({
      scenario: '1 import',
      metric: `CSV upload rows/s (${label})`,
      value: r.uploadRowsPerSec,
      unit: '/s',
      baseline: r.rawCopyRowsPerSec,
      baselineLabel: 'raw COPY',
      target: '>= 0.7 x COPY',
      met: r.uploadRowsPerSec / r.rawCopyRowsPerSec >= 0.7,
      note: `raw COPY into the same shape with its foreign key: ${r.rawCopyWithFkRowsPerSec.toLocaleString('en-US')} rows/s (upload ratio ${(r.uploadRowsPerSec / r.rawCopyWithFkRowsPerSec).toFixed(2)})`,
    }),
    row({
      scenario: '1 import',
      metric: 'API peak RSS during the upload',
      value: r.apiPeakRssMb,
      unit: 'MB',
      baseline: null,
      target: '< 300 MB',
      met: r.apiPeakRssMb < 300,
      note: `idle ${r.apiIdleRssMb} MB`,
    }),
  ];
}
