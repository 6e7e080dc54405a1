import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, type TestApp } from '../../test-app.ts';
import { API_PREFIXES } from './index.ts';

const INDEX = '<!doctype html><title>Autocall</title><div id="root"></div>';
let dist: string;
let built: TestApp;
let missing: TestApp;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'console-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  [built, missing] = await Promise.all([buildTestApp({ consoleDir: dist }), buildTestApp({ consoleDir: path.join(dist, 'nothing-here') })]);
});
afterAll(async () => {
  await Promise.all([built?.close(), missing?.close()]);
  await rm(dist, { recursive: true, force: true });
});

const get = (t: TestApp, url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('the console at /', () => {
  it('serves index.html at / and for the console’s own routes (SPA fallback)', async () => {
    for (const url of ['/', '/campaigns', '/campaigns/3f1c/numbers?status=failed', '/sign-in', '/api-keys', '/webhooks']) {
      const response = await get(built, url, { accept: 'text/html' });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.body, url).toBe(INDEX);
    }
  });

  it('serves built files, hashed assets cached for good', async () => {
    const response = await get(built, '/assets/index-abc123.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe('console.log(1)');
  });

  it('never shadows the API: unknown paths under its prefixes get the JSON 404', async () => {
    for (const prefix of API_PREFIXES) {
      const url = `${prefix}/no-such-thing`;
      const response = await get(built, url, { accept: 'text/html' });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ statusCode: 404, code: 'route_not_found' });
    }
    expect((await get(built, '/v1', { accept: 'text/html' })).json()).toMatchObject({ code: 'route_not_found' });
  });

  it('leaves the API’s own routes alone', async () => {
    expect((await get(built, '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get(built, '/v1/me', bearer(built.adminKey))).json()).toMatchObject({ admin: true });
    expect((await get(built, '/docs/json')).json()).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
  });

  it('answers a missing file with a 404, not with the page', async () => {
    const response = await get(built, '/assets/gone-0000.js');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('does not take other methods: POST to a console path is the JSON 404', async () => {
    const response = await built.app.inject({ method: 'POST', url: '/campaigns', payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'route_not_found' });
  });
});

describe('without a console build', () => {
  it('sends / to the API docs, and anything else is the JSON 404', async () => {
    const root = await get(missing, '/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/docs');
    expect((await get(missing, '/campaigns')).json()).toMatchObject({ statusCode: 404, code: 'route_not_found' });
  });
});
