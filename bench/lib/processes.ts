// Child processes for the benchmark: the services run exactly as in production
// (`node apps/<app>/src/<main>.ts` with an environment), never in the runner's own process, so the
// runner's load generator does not share an event loop with what it measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Child = {
  name: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  isRunning(): boolean;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
};

const live = new Set<Child>();

// `nodeArgs` lets the runner profile a child (`--cpu-prof`) or preload a probe (`--import`).
export function spawnNode(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = [], scriptArgs: string[] = []): Child {
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script), ...scriptArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let running = true;
  // Only the tail is kept: a chatty child must not grow the runner's memory.
  const keep = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((running = false), resolve())));
  const handle: Child = {
    name,
    pid: child.pid!,
    child,
    output: () => buffer,
    isRunning: () => running,
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (!running) return;
      child.kill(signal);
      const timer = setTimeout(() => running && child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(handle);
  void exited.then(() => live.delete(handle));
  return handle;
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop('SIGTERM', 5_000)));
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

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    await delay(intervalMs);
  }
}

export async function waitForHttp(handle: Child, url: string, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    `${handle.name} at ${url}`,
    async () => {
      if (!handle.isRunning()) throw new Error(`${handle.name} exited:\n${handle.output().slice(-3_000)}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === 200;
    },
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${handle.name} output ---\n${handle.output().slice(-3_000)}`, { cause: error });
  });
}

export async function waitForOutput(handle: Child, text: string, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    `${handle.name} to print ${text}`,
    () => {
      if (!handle.isRunning()) throw new Error(`${handle.name} exited:\n${handle.output().slice(-3_000)}`);
      return handle.output().includes(text);
    },
    timeoutMs,
    50,
  );
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} -> HTTP ${response.status}`);
  return (await response.json()) as T;
}
