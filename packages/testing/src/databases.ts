import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import './context.ts';
import { databaseUrl, testDatabasePrefix } from './names.ts';

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

// A private, fully migrated database copied from the run's template. `empty: true` gives a
// database with no schema at all (for migration tests).
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `${testDatabasePrefix(inject('runId'))}${randomBytes(6).toString('hex')}`;
  const template = opts.empty ? 'template0' : inject('templateDatabase');
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(inject('adminDatabaseUrl'), name),
    // FORCE terminates the connections a test left open (pools, a worker under test).
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
