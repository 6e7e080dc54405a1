// The served OpenAPI document passes `redocly lint` (the root redocly.yaml) with no error, and
// holds what the lint rules switched off there leave to us.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-app.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, unknown> };
let t: TestApp;
let document: { paths: Record<string, Record<string, Operation>> };
let dir: string;

beforeAll(async () => {
  t = await buildTestApp();
  document = t.app.swagger() as unknown as typeof document;
  dir = mkdtempSync(join(tmpdir(), 'autocall-openapi-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('the served OpenAPI document', () => {
  it('passes redocly lint with no error', { timeout: 60_000 }, () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const lint = spawnSync(process.execPath, [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    const output = `${lint.stdout}\n${lint.stderr}`;
    expect(lint.status, output).toBe(0);
    expect(output, output).toMatch(/valid/i);
    expect(output).not.toMatch(/\berror\b/i);
  });

  it('gives every operation an operationId, security and, except the health probes, its 4xx replies', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(Array.isArray(op.security), where).toBe(true);
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2')), where).toBe(true);
      expect(statuses, where).toContain('500');
      if (path !== '/healthz' && path !== '/readyz') expect(statuses.some((s) => s.startsWith('4')), where).toBe(true);
    }
  });
});
