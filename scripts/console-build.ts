// Builds the console (apps/web) when its production build is missing or older than its sources.
// `npm start` and the browser tests call it, so a fresh clone serves the console with no extra step.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = path.join(ROOT, 'apps/web');
export const CONSOLE_INDEX = path.join(WEB, 'dist/index.html');

// What the bundle is made of: the app's sources and config, the workspace packages it imports, and
// this script (how it is built).
const SOURCES = [
  'scripts/console-build.ts',
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/domain/src',
  'packages/domain/package.json',
  'packages/sdk/src',
  'packages/sdk/package.json',
].map((p) => path.join(ROOT, p));

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function consoleBuildState(): 'missing' | 'stale' | 'fresh' {
  if (!existsSync(CONSOLE_INDEX)) return 'missing';
  const builtAt = statSync(CONSOLE_INDEX).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt) ? 'stale' : 'fresh';
}

// `vite build` in a child process (the server process never loads Vite). Rejects with its output.
export function buildConsole(): Promise<void> {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  return new Promise((resolve, reject) => {
    // NODE_ENV=production whoever calls: under vitest it is `test`, and Vite then bundles React's
    // development build (several times slower, and served by `npm start` while the build is fresh).
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}:\n${output.slice(-4_000)}`))));
  });
}

// Builds when needed; says what it did through `log` (a pino logger's info, or console.info).
export async function ensureConsoleBuilt(log: (fields: Record<string, unknown>, message: string) => void): Promise<void> {
  const state = consoleBuildState();
  if (state === 'fresh') return;
  const started = performance.now();
  log({ reason: state }, `building the console (apps/web): its build is ${state}`);
  await buildConsole();
  log({ ms: Math.round(performance.now() - started) }, 'console built');
}
