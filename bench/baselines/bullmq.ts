// The raw queue floor, as its own process: plain BullMQ on the same Redis, no Postgres, no HTTP.
//   mode=lag:        a Queue with one delayed job per planned time (BENCH_DUE_FILE: JSON array of
//                    epoch ms), a Worker that records processing start - due time.
//   mode=throughput: BENCH_JOBS immediate jobs, the Worker's completed jobs per second.
// Writes its result as JSON to BENCH_RESULT_FILE and removes its keys.
import { readFileSync, writeFileSync } from 'node:fs';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.BENCH_PREFIX ?? 'benchraw';
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const mode = process.env.BENCH_MODE ?? 'lag';
const connection = (worker: boolean) =>
  new Redis(redisUrl, { maxRetriesPerRequest: worker ? null : 2 }) as unknown as ConnectionOptions;

const queue = new Queue('raw', { connection: connection(false), prefix, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });

async function cleanup(): Promise<void> {
  await queue.obliterate({ force: true });
  await queue.close();
}

if (mode === 'lag') {
  const dues = JSON.parse(readFileSync(process.env.BENCH_DUE_FILE!, 'utf8')) as number[];
  const lags: number[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker(
    'raw',
    async (job) => {
      lags.push(Date.now() - (job.data as { due: number }).due);
      if (lags.length === dues.length) done();
    },
    { connection: connection(true), prefix, concurrency },
  );
  const now = Date.now();
  for (let i = 0; i < dues.length; i += 1000) {
    await queue.addBulk(dues.slice(i, i + 1000).map((due, j) => ({ name: 'slot', data: { due }, opts: { jobId: `slot-${i + j}`, delay: Math.max(0, due - now) } })));
  }
  await finished;
  await worker.close();
  await cleanup();
  writeFileSync(process.env.BENCH_RESULT_FILE!, JSON.stringify({ lags }));
} else {
  const jobs = Number(process.env.BENCH_JOBS ?? 10_000);
  for (let i = 0; i < jobs; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, j) => ({ name: 'job', data: { i: i + j } })));
  }
  let processed = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = Date.now();
  const worker = new Worker(
    'raw',
    async () => {
      if (++processed === jobs) done();
    },
    { connection: connection(true), prefix, concurrency },
  );
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await worker.close();
  await cleanup();
  writeFileSync(process.env.BENCH_RESULT_FILE!, JSON.stringify({ jobsPerSec: jobs / seconds, jobs, seconds }));
}
process.exit(0);
