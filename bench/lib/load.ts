// One way to put HTTP load on every target (the real API and the hello-world baseline): autocannon
// in the runner process, so the load tool costs the same CPU for a figure and for its baseline.
import autocannon from 'autocannon';

export type LoadRequest = {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  // Called for every request: unique bodies (webhook dedupe keys, phone lists) or varying paths.
  make?: () => { path?: string; body?: string };
  body?: string;
};

export type LoadResult = {
  requestsPerSec: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  durationSec: number;
};

export async function load(
  url: string,
  request: LoadRequest,
  options: { connections: number; durationSec: number; overallRate?: number; warmupSec?: number },
  // Wraps the measured run only (not the warm-up), e.g. to take CPU snapshots around it.
  around: <T>(measured: () => Promise<T>) => Promise<T> = (measured) => measured(),
): Promise<LoadResult> {
  // A short unmeasured run first: the target's JIT and connection pools warm up the same way for a
  // figure and for its baseline.
  const warmupSec = options.warmupSec ?? 1;
  if (warmupSec > 0) await run(url, request, { ...options, durationSec: warmupSec });
  const result = await around(() => run(url, request, options));
  // autocannon's `requests.average` is the mean of per-second samples; total/duration is the same
  // figure without the partial first and last seconds skewing it.
  const seconds = result.duration || options.durationSec;
  return {
    requestsPerSec: result.requests.total / seconds,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    durationSec: seconds,
  };
}

function run(url: string, request: LoadRequest, options: { connections: number; durationSec: number; overallRate?: number }) {
  const make = request.make;
  return autocannon({
    url,
    connections: options.connections,
    duration: options.durationSec,
    ...(options.overallRate ? { overallRate: Math.max(1, Math.round(options.overallRate)) } : {}),
    timeout: 30,
    requests: [
      {
        method: request.method ?? 'GET',
        path: request.path,
        headers: { ...(request.body || make ? { 'content-type': 'application/json' } : {}), ...request.headers },
        ...(request.body ? { body: request.body } : {}),
        ...(make
          ? {
              setupRequest: (req: Record<string, unknown>) => {
                const next = make();
                return { ...req, ...(next.path ? { path: next.path } : {}), ...(next.body !== undefined ? { body: next.body } : {}) };
              },
            }
          : {}),
      },
    ],
  });
}
