// Runs the raw floors as child processes and returns their figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuSnapshot, cpuSpent } from './cpu.ts';
import { load, type LoadResult } from './load.ts';
import { freePort, spawnNode, waitForHttp, waitUntil } from './processes.ts';

export async function helloWorldRate(options: { connections: number; durationSec: number }): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const port = await freePort();
  const server = spawnNode('hello', 'bench/baselines/hello-server.ts', { PORT: String(port) });
  try {
    await waitForHttp(server, `http://127.0.0.1:${port}/hello`);
    let cpuMs = 0;
    const result = await load(`http://127.0.0.1:${port}`, { path: '/hello' }, options, async (measured) => {
      const before = cpuSnapshot([server.pid]);
      const value = await measured();
      cpuMs = cpuSpent(before, cpuSnapshot([server.pid]));
      return value;
    });
    return { ...result, cpuMsPerRequest: cpuMs / Math.max(1, result.total) };
  } finally {
    await server.stop();
  }
}

async function runBullmq<T>(env: Record<string, string>, timeoutMs: number): Promise<T> {
  const resultFile = path.join(tmpdir(), `${env.BENCH_PREFIX}-result.json`);
  const child = spawnNode('bullmq-baseline', 'bench/baselines/bullmq.ts', { ...env, BENCH_RESULT_FILE: resultFile });
  await waitUntil('the BullMQ baseline', () => !child.isRunning(), timeoutMs, 200);
  if (!existsSync(resultFile)) throw new Error(`BullMQ baseline wrote no result:\n${child.output().slice(-2_000)}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
}

// Plain delayed jobs due at exactly the given times; returns each job's lag in ms.
export async function bullmqDelayedLags(options: { redisUrl: string; prefix: string; concurrency: number; dues: number[] }): Promise<number[]> {
  const file = path.join(tmpdir(), `${options.prefix}-dues.json`);
  writeFileSync(file, JSON.stringify(options.dues));
  const lastDue = Math.max(...options.dues);
  const result = await runBullmq<{ lags: number[] }>(
    { REDIS_URL: options.redisUrl, BENCH_PREFIX: options.prefix, BENCH_CONCURRENCY: String(options.concurrency), BENCH_MODE: 'lag', BENCH_DUE_FILE: file },
    lastDue - Date.now() + 120_000,
  );
  return result.lags;
}

export async function bullmqThroughput(options: { redisUrl: string; prefix: string; concurrency: number; jobs: number }): Promise<number> {
  const result = await runBullmq<{ jobsPerSec: number }>(
    { REDIS_URL: options.redisUrl, BENCH_PREFIX: options.prefix, BENCH_CONCURRENCY: String(options.concurrency), BENCH_MODE: 'throughput', BENCH_JOBS: String(options.jobs) },
    300_000,
  );
  return result.jobsPerSec;
}
