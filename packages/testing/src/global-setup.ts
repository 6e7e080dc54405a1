// Vitest global setup: one Postgres and one Redis for the whole run. Uses DATABASE_URL and
// REDIS_URL when set (CI, a developer's local services), otherwise starts throwaway containers.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import './context.ts';
import { databaseUrl, testDatabasePrefix } from './names.ts';
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
    const serverUrl = process.env.DATABASE_URL || (await startPostgres(stops));
    const redisUrl = process.env.REDIS_URL || (await startRedis(stops));
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
