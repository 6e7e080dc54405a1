// Vitest global setup: one Postgres and one Redis for the whole run. Uses DATABASE_URL and
// REDIS_URL when set (CI), else the local services when they answer (services.ts), otherwise
// starts throwaway containers.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import './context.ts';
import { databaseUrl, testDatabasePrefix } from './names.ts';
import { chooseService, LOCAL_POSTGRES_URL, LOCAL_REDIS_URL, postgresAnswers, redisAnswers, type ServiceChoice } from './services.ts';
import { ensureTemplateDatabase } from './template.ts';

type Stop = () => Promise<unknown>;

async function startPostgres(stops: Stop[]): Promise<string> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  stops.push(() => container.stop());
  return container.getConnectionUri();
}

async function startRedis(stops: Stop[]): Promise<string> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer('redis:7-alpine').start();
  stops.push(() => container.stop());
  return container.getConnectionUrl();
}

// Without Docker, testcontainers' own error says nothing about the two other ways in.
async function startContainer(service: string, variable: string, start: () => Promise<string>): Promise<string> {
  try {
    return await start();
  } catch (error) {
    throw new Error(`${variable} is not set and no ${service} answered on 127.0.0.1, so tests tried a ${service} container and failed: set ${variable} or start ${service} locally`, { cause: error });
  }
}

function reportLocalServices(choices: ServiceChoice[]) {
  const local = choices.flatMap((choice) => (choice.source === 'local' ? [choice.url] : []));
  if (local.length > 0) process.stderr.write(`tests use the local services (DATABASE_URL/REDIS_URL not set): ${local.join(', ')}\n`);
}

// Drops whatever this run's tests created and forgot to drop (a failed test, an aborted hook).
async function dropRunDatabases(adminDatabaseUrl: string, runId: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  try {
    const pattern = `${testDatabasePrefix(runId)}%`;
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [pattern]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Stop[] = [];
  try {
    const [postgres, redis] = await Promise.all([
      chooseService(process.env.DATABASE_URL, LOCAL_POSTGRES_URL, postgresAnswers),
      chooseService(process.env.REDIS_URL, LOCAL_REDIS_URL, redisAnswers),
    ]);
    const serverUrl = postgres.source === 'container' ? await startContainer('Postgres', 'DATABASE_URL', () => startPostgres(stops)) : postgres.url;
    const redisUrl = redis.source === 'container' ? await startContainer('Redis', 'REDIS_URL', () => startRedis(stops)) : redis.url;
    reportLocalServices([postgres, redis]);
    // Work through the maintenance database so the configured one (`test` in CI) stays untouched.
    const adminDatabaseUrl = databaseUrl(serverUrl, 'postgres');
    const templateDatabase = await ensureTemplateDatabase(adminDatabaseUrl);
    const runId = randomBytes(4).toString('hex');
    project.provide('adminDatabaseUrl', adminDatabaseUrl);
    project.provide('templateDatabase', templateDatabase);
    project.provide('redisUrl', redisUrl);
    project.provide('runId', runId);
    return async () => {
      await dropRunDatabases(adminDatabaseUrl, runId);
      for (const stop of stops.reverse()) await stop();
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
}
