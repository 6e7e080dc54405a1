// Open-loop load at an even rate, as a polling console puts it on the API (wrk2's model): request
// i is due at start + i / rate, whether or not earlier ones have returned, and its latency counts
// from when it was due, so a slow reply that holds up the ones behind it shows in theirs too.
//
// Why not autocannon's `overallRate`: it sends each connection's whole quota for a second
// back-to-back when the second starts, then idles; against a plain `res.end('ok')` server that
// alone reads p99 13 ms at 200 req/s on this machine (p99 0 ms unpaced), so a 10 ms target could
// never be told from the tool's own bursts.
import http from 'node:http';
import { percentile } from './stats.ts';
import type { LoadResult } from './load.ts';

// `make` gives each request its own path (e.g. a random campaign's).
type Request = { path: string; headers?: Record<string, string>; make?: () => { path?: string } };
type Options = { connections: number; durationSec: number; rate: number; warmupSec?: number };

export async function paced(
  url: string,
  request: Request,
  options: Options,
  around: <T>(measured: () => Promise<T>) => Promise<T> = (measured) => measured(),
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  try {
    const warmupSec = options.warmupSec ?? 1;
    if (warmupSec > 0) await run(url, request, { ...options, durationSec: warmupSec }, agent);
    return await around(() => run(url, request, options, agent));
  } finally {
    agent.destroy();
  }
}

async function run(url: string, request: Request, options: Options, agent: http.Agent): Promise<LoadResult> {
  const fixed = new URL(request.path, url);
  const count = Math.max(1, Math.round(options.rate * options.durationSec));
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const dueAt = start + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const path = request.make?.().path;
    inFlight.push(
      get(path ? new URL(path, url) : fixed, request.headers ?? {}, agent).then(
        (status) => {
          latencies.push(performance.now() - dueAt);
          if (status < 200 || status >= 300) non2xx++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  const durationSec = (performance.now() - start) / 1000;
  const sorted = latencies.toSorted((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 10) / 10;
  return {
    requestsPerSec: latencies.length / durationSec,
    total: latencies.length,
    non2xx,
    errors,
    timeouts: 0,
    latencyP50Ms: ms(percentile(sorted, 50)),
    latencyP99Ms: ms(percentile(sorted, 99)),
    latencyMaxMs: ms(sorted.at(-1) ?? Number.NaN),
    durationSec,
  };
}

function get(target: URL, headers: Record<string, string>, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(target, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
