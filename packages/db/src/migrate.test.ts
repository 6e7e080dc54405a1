import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, defaultMigrationsDir, defaultSchemaPath, diffSchemas, loadMigrations, MigrateError } from './migrate.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const created: TestDatabase[] = [];

async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase({ empty: true });
  created.push(db);
  return db;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

// Everything a migration can shape in the public schema, in a stable order, without OIDs or
// anything else that differs between two databases built the same way.
async function catalog(url: string): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => query(url, sql);
  return {
    tables: await q(`SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`),
    columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
        character_maximum_length, numeric_precision, datetime_precision, is_identity
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
    constraints: await q(`SELECT cl.relname AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = 'public' AND cl.relname <> '_prisma_migrations' ORDER BY 1, 2`),
    enums: await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY 1`),
    sequences: await q(`SELECT sequence_name, data_type, increment FROM information_schema.sequences
      WHERE sequence_schema = 'public' ORDER BY 1`),
  };
}

async function migrationsDirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'autocall-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  return dir;
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});

describe('applyMigrations', () => {
  it('produces exactly the schema that prisma/schema.prisma describes (no drift)', async () => {
    const migrated = await emptyDatabase();
    const fromSchema = await emptyDatabase();
    await applyMigrations(migrated.url);
    const script = await diffSchemas(fromSchema.url, null, await readFile(defaultSchemaPath, 'utf8'));
    await query(fromSchema.url, script);

    const expected = await catalog(fromSchema.url);
    expect(expected.tables?.length).toBeGreaterThan(0);
    expect(await catalog(migrated.url)).toEqual(expected);
  });

  it('records each migration like prisma migrate deploy and applies nothing the second time', async () => {
    const db = await emptyDatabase();
    const { migrationDirectories } = await loadMigrations();
    const names = migrationDirectories.map((m) => m.path);

    expect((await applyMigrations(db.url)).applied).toEqual(names);
    expect((await applyMigrations(db.url)).applied).toEqual([]);

    const rows = await query(db.url, `SELECT migration_name, checksum, logs, rolled_back_at, applied_steps_count,
      finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY started_at`);
    const expectedRows = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: createHash('sha256').update(await readFile(path.join(defaultMigrationsDir, name, 'migration.sql'))).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
        finished: true,
      })),
    );
    expect(rows).toEqual(expectedRows);
  });

  it('lets two processes migrate the same database at once: one applies, the other finds nothing to do', async () => {
    const db = await emptyDatabase();
    const migrate = () => run(process.execPath, ['scripts/db-migrate.ts'], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: db.url } });
    const outputs = await Promise.all([migrate(), migrate()]);

    const applied = outputs.flatMap(({ stdout }) =>
      stdout.split('\n').filter(Boolean).flatMap((line) => (JSON.parse(line) as { applied?: string[] }).applied ?? []),
    );
    const { migrationDirectories } = await loadMigrations();
    expect(applied.sort()).toEqual(migrationDirectories.map((m) => m.path).sort());
    const rows = await query<{ count: number }>(db.url, 'SELECT count(*)::int AS count FROM _prisma_migrations');
    expect(rows).toEqual([{ count: migrationDirectories.length }]);
  });

  it('runs a migration file as one statement batch: $$ bodies and ; in comments survive', async () => {
    const db = await emptyDatabase();
    const dir = await migrationsDirWith({
      '0001_function': `-- a comment; with a semicolon
CREATE FUNCTION add_one(i integer) RETURNS integer AS $$ BEGIN RETURN i + 1; END; $$ LANGUAGE plpgsql;
CREATE TABLE t (v text DEFAULT 'a;b');`,
    });
    try {
      expect((await applyMigrations(db.url, { migrationsDir: dir })).applied).toEqual(['0001_function']);
      expect(await query(db.url, `SELECT add_one(1) AS two, column_default FROM information_schema.columns WHERE table_name = 't'`)).toEqual([
        { two: 2, column_default: `'a;b'::text` },
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('leaves nothing of a failed migration behind and marks it failed', async () => {
    const db = await emptyDatabase();
    const dir = await migrationsDirWith({ '0001_broken': 'CREATE TABLE half (id int);\nSELECT 1 / 0;' });
    try {
      const failure = await applyMigrations(db.url, { migrationsDir: dir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrateError);
      expect((failure as MigrateError).code).toBe('MIGRATION_FAILED');
      expect((failure as MigrateError).message).toMatch(/division by zero/);
      expect(await query(db.url, `SELECT to_regclass('public.half') AS half`)).toEqual([{ half: null }]);
      const rows = await query(db.url, 'SELECT migration_name, finished_at FROM _prisma_migrations');
      expect(rows).toEqual([{ migration_name: '0001_broken', finished_at: null }]);
      // Like `migrate deploy`, later runs refuse to continue past a failed migration (P3009).
      await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/failed migrations/i);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('creates the target database when it does not exist', async () => {
    const db = await emptyDatabase();
    await db.drop();
    const { applied } = await applyMigrations(db.url);
    expect(applied.length).toBeGreaterThan(0);
  });
});
