// Which Postgres and Redis a test run uses: DATABASE_URL / REDIS_URL when set, else the services
// a developer (or .ci/run) has running on this machine when they answer, else throwaway containers.
// So `npm test` works with nothing exported, and Docker is needed only where nothing else is.
import { createConnection } from 'node:net';
import pg from 'pg';

export const LOCAL_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
// Long enough for a loaded machine to accept a local connection, short enough to go unnoticed.
export const PROBE_TIMEOUT_MS = 750;

export type ServiceChoice = { source: 'env' | 'local'; url: string } | { source: 'container' };

export async function chooseService(envUrl: string | undefined, localUrl: string, answers: (url: string) => Promise<boolean>): Promise<ServiceChoice> {
  if (envUrl) return { source: 'env', url: envUrl };
  if (await answers(localUrl)) return { source: 'local', url: localUrl };
  return { source: 'container' };
}

// A real login and query, not just an open port: a server that refuses the `postgres` user cannot run the tests.
export async function postgresAnswers(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// PING over a bare socket: ioredis would keep reconnecting to a closed port instead of failing.
export function redisAnswers(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    let reply = '';
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += String(chunk);
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
