// The start scripts as npm runs them: `.env` read by Node itself, local defaults under `npm start`
// only, and Node 24 enforced by `npm ci`. Each script runs from a scratch directory that links to
// this repository's code, so the `.env` a test writes is never the developer's own.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: Record<string, string> };
const ENV_SCRIPTS = ['start', 'start:api', 'start:worker', 'start:sim', 'db:migrate', 'keys'];

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

// Runs `npm run <name>`'s command line in a scratch directory with nothing exported but PATH
// (and whatever `.env` holds). Every case here stops at the configuration check, before any I/O.
function runScript(name: string, dotenv?: string): Promise<{ code: number | null; stderr: string }> {
  scratch = mkdtempSync(join(tmpdir(), 'autocall-scripts-'));
  for (const dir of ['apps', 'scripts']) symlinkSync(join(ROOT, dir), join(scratch, dir));
  if (dotenv !== undefined) writeFileSync(join(scratch, '.env'), dotenv);
  const env = { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? scratch };
  return new Promise((resolve) => {
    execFile('sh', ['-c', pkg.scripts[name]!], { cwd: scratch, env, timeout: 20_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr });
    });
  });
}

describe('npm scripts', () => {
  it('every start script has Node read .env when it exists', () => {
    for (const name of ENV_SCRIPTS) expect(pkg.scripts[name], name).toMatch(/\bnode --env-file-if-exists=\.env /);
  });

  it('start:api still requires DATABASE_URL and REDIS_URL', async () => {
    const { code, stderr } = await runScript('start:api');
    expect(code).toBe(78);
    expect(stderr).toMatch(/api: Invalid configuration: .*DATABASE_URL is required.*REDIS_URL is required/);
  });

  it('start:worker reads .env: its values reach the configuration check', async () => {
    const { code, stderr } = await runScript('start:worker', 'DATABASE_URL=postgresql://postgres@127.0.0.1:5432/x\nREDIS_URL=redis://127.0.0.1:6379\nWORKER_CONCURRENCY=zero\n');
    expect(code).toBe(78);
    expect(stderr).toContain('worker: Invalid configuration: WORKER_CONCURRENCY must be a whole number');
    expect(stderr).not.toMatch(/DATABASE_URL|REDIS_URL/);
  });

  it('npm start alone falls back to the local Postgres and Redis', async () => {
    const { code, stderr } = await runScript('start', 'PORT=not-a-port\n');
    expect(code).toBe(78);
    expect(stderr).toContain('autocall-scheduler: Invalid configuration: PORT must be a whole number');
    expect(stderr).not.toMatch(/DATABASE_URL|REDIS_URL/);
  });
});

describe('Node version', () => {
  it('npm ci refuses anything but Node 24, at once, saying how to get it', () => {
    expect(pkg.engines.node).toBe('>=24 <25');
    expect(Object.values(pkg.engines).join(' ')).toMatch(/nvm install.*\.nvmrc/);
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('24');
  });
});
