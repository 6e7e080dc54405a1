import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test-app.ts';
import { CONSOLE_INDEX_FILE, CONSOLE_PATH, consoleAvailable, rootRoutes } from './index.ts';

async function rootWith(hasConsole: boolean) {
  const app = Fastify();
  await app.register(rootRoutes, { consoleAvailable: () => hasConsole });
  return app;
}

describe('GET /', () => {
  it('redirects to the API reference while the console is not built', async () => {
    const response = await (await rootWith(false)).inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/docs');
  });

  it('redirects to the console once it is built', async () => {
    const response = await (await rootWith(true)).inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(CONSOLE_PATH);
  });

  it('is wired into the real app, public, following the build on disk', async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe(consoleAvailable() ? CONSOLE_PATH : '/docs');
    } finally {
      await t.close();
    }
  });
});

describe('consoleAvailable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('looks for apps/web/dist/index.html in this repository', () => {
    expect(CONSOLE_INDEX_FILE.endsWith(join('apps', 'web', 'dist', 'index.html'))).toBe(true);
    expect(CONSOLE_INDEX_FILE).toBe(join(import.meta.dirname, '..', '..', '..', '..', 'web', 'dist', 'index.html'));
  });

  it('is true only when the build has its index.html', () => {
    const index = join(dir, 'dist', 'index.html');
    expect(consoleAvailable(index)).toBe(false);
    mkdirSync(join(dir, 'dist'));
    expect(consoleAvailable(index)).toBe(false);
    writeFileSync(index, '<!doctype html>');
    expect(consoleAvailable(index)).toBe(true);
  });
});
