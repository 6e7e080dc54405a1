// One migrated template database per set of migrations, shared by every run that has the same
// migration files: copying it (CREATE DATABASE ... TEMPLATE) is much faster than migrating.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from '@autocall/db/migrate';
import pg from 'pg';
import { databaseUrl } from './names.ts';

const migrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
// Serialises template builds across concurrent `vitest run`s on one server.
const TEMPLATE_LOCK_KEY = 7_270_736_901;

export async function migrationsHash(dir: string = migrationsDir): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const name of names) {
    hash.update(name).update('\0').update(await readFile(path.join(dir, name, 'migration.sql'))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

// The template is complete only once it is marked `datistemplate`: a run that crashed half way
// leaves an unmarked database, which the next run drops and rebuilds.
export async function ensureTemplateDatabase(adminDatabaseUrl: string): Promise<string> {
  const name = `autocall_tpl_${await migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    const { rows } = await admin.query<{ datistemplate: boolean }>('SELECT datistemplate FROM pg_database WHERE datname = $1', [name]);
    if (rows[0]?.datistemplate) return name;
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await applyMigrations(databaseUrl(adminDatabaseUrl, name), { migrationsDir, createDatabase: false });
    // No connections allowed: a stray session on a template makes every copy of it fail.
    await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]).catch(() => undefined);
    await admin.end();
  }
}
