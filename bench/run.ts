// `npm run bench` (BENCH_SIZE=smoke|full, or --smoke): starts the services as child processes on a
// fresh database and Redis prefix, runs the scenarios of issue 5 next to raw baselines measured in
// the same run, prints one table (every figure of issue 12's targets among its rows) and writes
// bench/results/<timestamp>.json (+ latest.json).
//   BENCH_ONLY=import,writes,dispatch,webhooks,timing,api,scheduled,detail   run a subset
//   BENCH_PROFILE=1   CPU-profile the API and workers during dispatch and webhook ingestion
//   BENCH_PROFILE=timing                                       ... or during the timing scenario
//   BENCH_WORKERS=2 BENCH_WORKER_CONCURRENCY=50               worker processes and their concurrency
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { helloWorldRate, bullmqThroughput } from './lib/baselines.ts';
import { cpuPressure } from './lib/cpu.ts';
import { ROOT, stopAllChildren } from './lib/processes.ts';
import { summariseProfiles } from './lib/profile.ts';
import { formatTable, writeResults, type Row } from './lib/report.ts';
import { pickSizes } from './lib/sizes.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { apiScenario } from './scenarios/api.ts';
import { detailScenario } from './scenarios/detail.ts';
import { dispatchScenario } from './scenarios/dispatch.ts';
import { importScenario } from './scenarios/import.ts';
import { scheduledScenario } from './scenarios/scheduled.ts';
import { timingScenario } from './scenarios/timing.ts';
import { webhookScenario } from './scenarios/webhooks.ts';
import { writesScenario } from './scenarios/writes.ts';

const startedAt = new Date();
const sizes = pickSizes(process.argv.slice(2), process.env);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const wanted = (name: string) => only === null || only.has(name);
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const workerConcurrency = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 50);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? adminFrom(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const profiled = process.env.BENCH_PROFILE === 'timing' ? 'timing' : process.env.BENCH_PROFILE === '1' ? 'dispatch' : null;
const profileDir = profiled ? path.join(ROOT, 'bench', 'results', 'profiles', startedAt.toISOString().replace(/[:.]/g, '-')) : null;

async function postgresSettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
       WHERE name IN ('server_version', 'autovacuum', 'shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.unit === '8kB' ? `${(Number(r.setting) * 8) / 1024} MB` : r.setting]));
  } finally {
    await client.end();
  }
}

function adminFrom(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

const log = (message: string) => process.stderr.write(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);

const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  // Share of time some runnable task waited for a CPU (Linux PSI): how shared the machine was.
  cpuPressureAtStart: cpuPressure(),
  cpuPressureAtEnd: null as string | null,
  loadAverageAtEnd: [] as number[],
  // The Postgres server's settings that shape the figures (this machine's CI configuration turns
  // autovacuum off: dead row versions then stay until something prunes them in place).
  postgres: {} as Record<string, string>,
};

const rows: Row[] = [];
const errors: { scenario: string; error: string }[] = [];
let profiles = '';

// `label` tells apart two steps of one scenario (BENCH_ONLY selects by `name`).
async function step(name: string, run: () => Promise<Row[]>, label = name): Promise<void> {
  if (!wanted(name)) return;
  const t0 = Date.now();
  log(`${label}: start`);
  try {
    rows.push(...(await run()));
    log(`${label}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } catch (error) {
    const message = error instanceof Error ? `${error.message}${error.cause ? ` (cause: ${String(error.cause)})` : ''}` : String(error);
    errors.push({ scenario: label, error: message });
    log(`${label}: FAILED ${message}`);
  }
}

let stack: Stack | null = null;
const shutdown = async () => {
  await stack?.close().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  stack = null;
  await stopAllChildren();
};
process.once('SIGINT', () => void shutdown().then(() => process.exit(130)));

try {
  machine.postgres = await postgresSettings(adminUrl);
  log(`size ${sizes.name}; ${machine.cpus} cpus, load ${machine.loadAverageAtStart.join(' ')}; node ${machine.node}; postgres ${JSON.stringify(machine.postgres)}`);
  // The import scenario brings its own services; it runs before ours are up.
  await step('import', () => importScenario(sizes, { adminUrl, redisUrl }));

  stack = await startStack({ adminUrl, redisUrl, workers, workerConcurrency });
  log(`stack up: api ${stack.apiUrl}, sim ${stack.simUrl}, ${workers} workers, prefix ${stack.prefix}`);
  const hello = await helloWorldRate({ connections: sizes.loadConnections, durationSec: sizes.loadSec });
  log(`hello world: ${hello.requestsPerSec.toFixed(0)} req/s`);
  const s = stack;

  // CPU profiles of the API and workers (node --cpu-prof) over the profiled scenarios only.
  const startProfiles = async () => {
    if (!profileDir) return;
    mkdirSync(path.join(profileDir, 'api'), { recursive: true });
    mkdirSync(path.join(profileDir, 'worker'), { recursive: true });
    await s.restartApi({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'api')}`] });
    await s.restartWorkers({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'worker')}`] });
  };
  const stopProfiles = async () => {
    if (!profileDir) return;
    // Stopping flushes the profiles; the rest of the run uses unprofiled processes.
    await s.restartApi();
    await s.restartWorkers();
    profiles = ['api', 'worker'].map((role) => `== ${role} ==\n${summariseProfiles(path.join(profileDir, role))}`).join('\n\n');
    log(`profiles in ${profileDir}`);
  };
  // First on the fresh database: nothing else is running while its counters are read.
  await step('writes', () => writesScenario(s, sizes));
  if (profiled === 'dispatch') await startProfiles();
  await step('dispatch', async () => {
    const jobsPerSec = await bullmqThroughput({ redisUrl, prefix: `${s.prefix}tp`, concurrency: workerConcurrency * workers, jobs: sizes.name === 'smoke' ? 5_000 : 50_000 });
    return dispatchScenario(s, sizes, jobsPerSec);
  });
  await step('webhooks', () => webhookScenario(s, sizes, hello));
  if (profiled === 'dispatch') await stopProfiles();
  if (profiled === 'timing') await startProfiles();
  // Two rounds as separate steps, so a failure of the second leaves the first's rows in the table.
  const timingRound = (campaigns: number) => step('timing', () => timingScenario(s, sizes, workerConcurrency, campaigns), `timing (${campaigns} campaigns)`);
  await timingRound(sizes.timing.campaigns);
  if (sizes.timing.secondRoundCampaigns > 0) await timingRound(sizes.timing.secondRoundCampaigns);
  if (profiled === 'timing') await stopProfiles();
  await step('api', () => apiScenario(s, sizes, hello));
  await step('scheduled', () => scheduledScenario(s, sizes, log));
  // Last: its million numbers would weigh on every scenario after it.
  await step('detail', () => detailScenario(s, sizes, log));

  rows.push({
    scenario: '-',
    metric: 'hello-world baseline (GET, same tool)',
    value: hello.requestsPerSec,
    unit: '/s',
    baseline: null,
    ratio: null,
    target: 'baseline',
    met: null,
    note: `${sizes.loadConnections} connections, ${sizes.loadSec} s, p99 ${hello.latencyP99Ms} ms`,
  });
} finally {
  await shutdown();
}

const durationSec = (Date.now() - startedAt.getTime()) / 1000;
machine.cpuPressureAtEnd = cpuPressure();
machine.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
const table = formatTable(rows);
process.stdout.write(
  `\nautocall-scheduler benchmark, size ${sizes.name}, ${durationSec.toFixed(0)} s, ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}\n` +
    `machine load: loadavg ${machine.loadAverageAtStart.join('/')} -> ${machine.loadAverageAtEnd.join('/')}; cpu pressure (PSI some) at end: ${machine.cpuPressureAtEnd ?? 'n/a'}\n` +
    `postgres: ${Object.entries(machine.postgres).map(([k, v]) => `${k}=${v}`).join(', ')}\n\n${table}\n`,
);
if (profiles) process.stdout.write(`\nCPU profiles (self time):\n${profiles}\n`);
for (const e of errors) process.stdout.write(`\nFAILED ${e.scenario}: ${e.error}\n`);
const file = writeResults({ size: sizes.name, startedAt: startedAt.toISOString(), durationSec, machine, rows, errors, profiles: profiles || undefined }, startedAt);
process.stdout.write(`\nresults: ${path.relative(ROOT, file)} (and bench/results/latest.json)\n`);
process.exit(errors.length > 0 ? 1 : 0);
