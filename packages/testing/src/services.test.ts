import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseService, postgresAnswers, redisAnswers } from './services.ts';

const LOCAL = 'redis://127.0.0.1:6379';

describe('chooseService', () => {
  it('takes the URL from the environment without probing anything', async () => {
    const probed: string[] = [];
    const choice = await chooseService('redis://cache:6380', LOCAL, async (url) => (probed.push(url), true));
    expect(choice).toEqual({ source: 'env', url: 'redis://cache:6380' });
    expect(probed).toEqual([]);
  });

  it('takes the local service when it answers', async () => {
    expect(await chooseService(undefined, LOCAL, async () => true)).toEqual({ source: 'local', url: LOCAL });
    expect(await chooseService('', LOCAL, async () => true)).toEqual({ source: 'local', url: LOCAL });
  });

  it('falls back to a container when nothing answers', async () => {
    expect(await chooseService(undefined, LOCAL, async () => false)).toEqual({ source: 'container' });
  });
});

// Real sockets: the services this run uses, a port nobody listens on, and a peer that accepts
// connections but never speaks (a probe must give up on it within its timeout).
describe('service probes', () => {
  let closedPort: number;
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('Redis: answers with PONG, or does not', async () => {
    expect(await redisAnswers(inject('redisUrl'))).toBe(true);
    expect(await redisAnswers(`redis://127.0.0.1:${closedPort}`)).toBe(false);
    const started = performance.now();
    expect(await redisAnswers(`redis://127.0.0.1:${silentPort}`, 200)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('Postgres: logs in and runs a query, or does not', async () => {
    expect(await postgresAnswers(inject('adminDatabaseUrl'))).toBe(true);
    expect(await postgresAnswers(`postgresql://postgres@127.0.0.1:${closedPort}/postgres`)).toBe(false);
    const started = performance.now();
    expect(await postgresAnswers(`postgresql://postgres@127.0.0.1:${silentPort}/postgres`, 200)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
