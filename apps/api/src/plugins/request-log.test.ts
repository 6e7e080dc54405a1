import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@autocall/logger';
import { requestLogging } from './request-log.ts';

// A bare Fastify with only the request logging: what one request writes at `info`.
async function appWithLogs() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const app = Fastify(requestLogging(createLogger({ level: 'info', name: 'api' }, sink)));
  app.get('/ok', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('kaput');
  });
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('writes one line per request, after the reply: method, path, status, duration', async () => {
    const { app, lines } = await appWithLogs();
    const response = await app.inject({ method: 'GET', url: '/ok?x=1' });
    expect(response.statusCode).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, name: 'api', msg: 'request completed', method: 'GET', url: '/ok?x=1', statusCode: 200 });
    expect(lines[0]?.durationMs).toEqual(expect.any(Number));
    expect(lines[0]?.reqId).toEqual(expect.any(String));
    await app.close();
  });

  it('an unknown path is one line with its 404, not a separate "not found" line', async () => {
    const { app, lines } = await appWithLogs();
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', url: '/nowhere', statusCode: 404 });
    await app.close();
  });

  it('blanks secrets in the logged path', async () => {
    const { app, lines } = await appWithLogs();
    await app.inject({ method: 'GET', url: '/api/auth?apiKey=ak_secret123&x=1' });
    await app.inject({ method: 'POST', url: '/v1/providers/omicall/webhook?token=hook-secret-9' });
    expect(lines.map((line) => line.url)).toEqual(['/api/auth?apiKey=[REDACTED]&x=1', '/v1/providers/omicall/webhook?token=[REDACTED]']);
    expect(JSON.stringify(lines)).not.toMatch(/ak_secret123|hook-secret-9/);
    await app.close();
  });

  it('a failed request still ends in one completion line, with its 500', async () => {
    const { app, lines } = await appWithLogs();
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    const completion = lines.filter((line) => line.msg === 'request completed');
    expect(completion).toHaveLength(1);
    expect(completion[0]).toMatchObject({ statusCode: 500, url: '/boom' });
    await app.close();
  });
});
