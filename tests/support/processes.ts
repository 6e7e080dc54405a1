// Real processes for the chaos suite: the API, workers and the OMICALL simulator run as child
// processes (`node apps/.../main.ts`) against a private database and Redis prefix, so a test can
// SIGKILL, SIGTERM and restart them exactly as an orchestrator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCRIPTS = {
  api: 'apps/api/src/server.ts',
  worker: 'apps/worker/src/main.ts',
  sim: 'apps/omicall-sim/src/main.ts',
} as const;

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ChildHandle = {
  name: string;
  pid: number;
  child: ChildProcess;
  // Everything the process wrote so far (stdout and stderr interleaved).
  output(): string;
  exited: Promise<Exit>;
  isRunning(): boolean;
  // Sends the signal and waits for the exit; escalates to SIGKILL after graceMs.
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
};

const live = new Set<ChildHandle>();

export function spawnNode(name: string, script: string, env: Record<string, string>): ChildHandle {
  return spawnProcess(name, process.execPath, [path.join(ROOT, script)], env);
}

// Any executable as a ChildHandle (e.g. redis-server). `track: false` keeps it out of
// killAllChildren: its owner stops it (a Redis node must outlive the services' graceful shutdown).
export function spawnProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  options: { track?: boolean } = {},
): ChildHandle {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let running = true;
  child.stdout!.on('data', (chunk: Buffer) => (buffer += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (buffer += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
    // The executable could not be started at all (ENOENT...): no 'exit' follows.
    child.once('error', (error) => {
      buffer += `${name}: ${error.message}\n`;
      if (child.pid === undefined) {
        running = false;
        resolve({ code: null, signal: null });
      }
    });
  });
  const handle: ChildHandle = {
    name,
    pid: child.pid ?? -1,
    child,
    output: () => buffer,
    exited,
    isRunning: () => running,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!running) return exited;
      child.kill(signal);
      const timer = setTimeout(() => running && child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
  if (options.track !== false) {
    live.add(handle);
    void exited.then(() => live.delete(handle));
  }
  return handle;
}

// Last resort for afterAll: every child this test file started and that is still running.
export async function killAllChildren(): Promise<void> {
  await Promise.all([...live].map((h) => h.stop('SIGKILL', 0)));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

// Polls `ready` until it holds; fails at once (with the process's output) if the process exits.
async function waitUntilReady(handle: ChildHandle, ready: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Ready first: a worker with a crash hook may have started, worked and died between two polls.
    if (await ready()) return;
    if (!handle.isRunning()) throw new Error(`${handle.name} exited before ${what}:\n${handle.output().slice(-3_000)}`);
    if (Date.now() > deadline) throw new Error(`${handle.name}: no ${what} after ${timeoutMs} ms:\n${handle.output().slice(-3_000)}`);
    await delay(100);
  }
}

export async function waitForHttp(handle: ChildHandle, url: string, timeoutMs = 90_000): Promise<void> {
  await waitUntilReady(handle, () => httpOk(url), `200 from ${url}`, timeoutMs);
}

// Waits until the process printed `text` (e.g. the "worker started" log line).
export async function waitForOutput(handle: ChildHandle, text: string, timeoutMs = 90_000): Promise<void> {
  await waitUntilReady(handle, async () => handle.output().includes(text), `"${text}" in its output`, timeoutMs);
}

export type ServiceEnv = {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  apiPort: number;
  simPort: number;
  webhookSecret: string;
  bootstrapKey: string;
  // Anything else (OMICALL_TIMEOUT_MS, WORKER_LOCK_MS, AUTOCALL_FAULT_*, LOG_LEVEL...).
  extra?: Record<string, string>;
};

export function serviceEnv(s: ServiceEnv): Record<string, string> {
  return {
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    QUEUE_PREFIX: s.queuePrefix,
    PORT: String(s.apiPort),
    HOST: '127.0.0.1',
    SIM_PORT: String(s.simPort),
    OMICALL_BASE_URL: `http://127.0.0.1:${s.simPort}`,
    OMICALL_API_KEY: 'sim-api-key',
    OMICALL_WEBHOOK_SECRET: s.webhookSecret,
    OMICALL_TIMEOUT_MS: '1500',
    BOOTSTRAP_API_KEY: s.bootstrapKey,
    SWEEP_INTERVAL_MS: '500',
    WORKER_LOCK_MS: '4000',
    WORKER_CONCURRENCY: '8',
    OUTCOME_TIMEOUT_SECONDS: '20',
    MAX_CALLS_PER_BATCH: '50',
    LOG_LEVEL: 'warn',
    // Test receivers listen on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    ...s.extra,
  };
}

export function webhookUrl(s: Pick<ServiceEnv, 'apiPort' | 'webhookSecret'>): string {
  return `http://127.0.0.1:${s.apiPort}/v1/providers/omicall/webhook?token=${s.webhookSecret}`;
}

export async function startApiProcess(env: Record<string, string>, name = 'api'): Promise<ChildHandle> {
  const handle = spawnNode(name, SCRIPTS.api, env);
  await waitForHttp(handle, `http://127.0.0.1:${env.PORT}/readyz`);
  return handle;
}

// Workers log "worker started" at info; the test runs them at info for that (and per-worker counts).
export async function startWorkerProcess(env: Record<string, string>, name = 'worker'): Promise<ChildHandle> {
  const handle = spawnNode(name, SCRIPTS.worker, { ...env, LOG_LEVEL: 'info' });
  await waitForOutput(handle, '"worker started"');
  return handle;
}

export async function startSimProcess(env: Record<string, string>, name = 'sim'): Promise<ChildHandle> {
  const handle = spawnNode(name, SCRIPTS.sim, { SIM_HOST: '127.0.0.1', SIM_LOG_LEVEL: 'warn', ...env });
  await waitForHttp(handle, `http://127.0.0.1:${env.SIM_PORT}/_sim/stats`);
  return handle;
}
