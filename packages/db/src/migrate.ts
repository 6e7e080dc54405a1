// Applies prisma/migrations the way `prisma migrate deploy` does, without the native schema
// engine (its download fails offline): Prisma's own wasm schema engine, driven through
// @prisma/adapter-pg. Same `_prisma_migrations` table, sha256 checksums and advisory lock
// (72707369), so the Prisma CLI and this function can take turns on one database.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, DriverAdapterError } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

export type MigrateLogger = {
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
};

export type MigrateErrorCode = 'DATABASE_UNREACHABLE' | 'MIGRATION_FAILED' | 'MIGRATIONS_DIR_INVALID' | 'SCHEMA_DIFF_FAILED';

export class MigrateError extends Error {
  readonly code: MigrateErrorCode;
  constructor(code: MigrateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrateError';
    this.code = code;
  }
}

export const defaultMigrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
export const defaultSchemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

const noFilters = { externalTables: [], externalEnums: [] };
// The engine refuses to start without a schema; applying migrations needs only the provider.
const providerOnlySchema = 'datasource db {\n  provider = "postgresql"\n}\n';
const silentLogger: MigrateLogger = { info() {}, debug() {} };

// Reads the migrations directory exactly as the Prisma CLI does (sorted by directory name,
// one `migration.sql` each), so checksums match those `prisma migrate deploy` would write.
export async function loadMigrations(migrationsDir: string = defaultMigrationsDir): Promise<MigrationList> {
  const lockfilePath = 'migration_lock.toml';
  const lockContent = await readFile(path.join(migrationsDir, lockfilePath), 'utf8').catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new MigrateError('MIGRATIONS_DIR_INVALID', `Cannot read the migrations directory ${migrationsDir}: ${error.message}`);
  });
  const directories = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    directories.map(async (name) => {
      const content = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8')
        .then((value) => ({ tag: 'ok' as const, value }))
        .catch((error: Error) => ({ tag: 'error' as const, value: error.message }));
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return { baseDir: migrationsDir, lockfile: { path: lockfilePath, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

export async function applyMigrations(
  databaseUrl: string,
  opts: { migrationsDir?: string; logger?: MigrateLogger; createDatabase?: boolean } = {},
): Promise<{ applied: string[] }> {
  const logger = opts.logger ?? silentLogger;
  const migrationsList = await loadMigrations(opts.migrationsDir);
  if (opts.createDatabase ?? true) await ensureDatabase(databaseUrl, logger);
  try {
    const result = await withEngine(databaseUrl, providerOnlySchema, logger, (engine) => engine.applyMigrations({ migrationsList, filters: noFilters }));
    return { applied: result.appliedMigrationNames };
  } catch (error) {
    throw new MigrateError('MIGRATION_FAILED', `Applying migrations from ${migrationsList.baseDir} failed: ${engineMessage(error)}`, { cause: error });
  }
}

// SQL that turns a database shaped like `fromSchema` (or an empty one) into `toSchema`.
// Pure schema-to-schema: no database state is read, but the engine insists on a connection.
export async function diffSchemas(databaseUrl: string, fromSchema: string | null, toSchema: string): Promise<string> {
  const target = (content: string) => ({ tag: 'schemaDatamodel' as const, files: [{ path: 'schema.prisma', content }] });
  try {
    const result = await withEngine(databaseUrl, toSchema, silentLogger, (engine) =>
      engine.diff({ from: fromSchema === null ? { tag: 'empty' } : target(fromSchema), to: target(toSchema), script: true, exitCode: null, filters: noFilters }),
    );
    return result.stdout ?? '';
  } catch (error) {
    throw new MigrateError('SCHEMA_DIFF_FAILED', `Diffing the Prisma schemas failed: ${engineMessage(error)}`, { cause: error });
  }
}

// Creates the target database through the `postgres` maintenance database when it is missing,
// so a fresh server (or a per-test database name) needs no manual step.
export async function ensureDatabase(databaseUrl: string, logger: MigrateLogger = silentLogger): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name || name === 'postgres') return;
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect().catch((error: Error) => {
    throw new MigrateError('DATABASE_UNREACHABLE', `Cannot connect to Postgres at ${target.host}: ${error.message}`, { cause: error });
  });
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    logger.info({ database: name }, 'created database');
  } catch (error) {
    // Another process created it between our check and our CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

type EngineModule = { SchemaEngine: typeof SchemaEngine };
// The `WebAssembly` global exists in Node, but neither lib es2024 nor @types/node declare it.
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
};
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let engineModule: EngineModule | undefined;
let lastPanic: string | undefined;

// The wasm in `prisma/build` is the engine build of the installed CLI (same git hash);
// @prisma/schema-engine-wasm supplies the JavaScript glue, whose imports it satisfies.
// Instantiating by hand avoids `--experimental-wasm-modules`.
async function loadEngine(): Promise<EngineModule> {
  if (engineModule) return engineModule;
  // The glue reports Rust panics through this global; without it a panic becomes a TypeError.
  const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => void (lastPanic = message) };
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm');
  const wasmModule = new Wasm.Module(await readFile(wasmPath));
  const imports: Record<string, unknown> = { ...engineGlue };
  // The engine arms a timer around every request and never clears it; unref'd, such a timer
  // no longer keeps a finished `db:migrate` process alive for ten more seconds.
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    const arm = imports[name] as (callback: () => void, ms: number) => NodeJS.Timeout;
    imports[name] = (callback: () => void, ms: number) => arm(callback, ms).unref();
  }
  const instance = new Wasm.Instance(wasmModule, { './schema_engine_bg.js': imports });
  engineGlue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  engineModule = { SchemaEngine: engineGlue.SchemaEngine as unknown as typeof SchemaEngine };
  return engineModule;
}

async function withEngine<T>(
  databaseUrl: string,
  schema: string,
  logger: MigrateLogger,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine: Engine } = await loadEngine();
  // One connection: the engine takes a session-level advisory lock and never unlocks it, so
  // every statement must share that session, and ending the pool is what releases the lock.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', (error) => logger.debug({ err: error.message }, 'idle migration connection failed'));
  const onLog = (line: string) => logger.debug({ engine: safeJson(line) }, 'schema engine');
  let engine: SchemaEngine | undefined;
  try {
    engine = await Engine.new({ datamodels: [['schema.prisma', schema]] }, onLog, bindMigrationAwareSqlAdapterFactory(atomicScripts(new PrismaPg(pool), pool)));
    return await run(engine);
  } finally {
    engine?.free();
    await pool.end();
  }
}

// adapter-pg 7.10.1 splits a migration on `;` and runs the pieces one by one, which breaks
// `$$` bodies and `;` inside comments or strings and leaves a failed migration half applied.
// Sending the whole file as one simple-protocol query is what the native engine does:
// Postgres runs a multi-statement query as one implicit transaction, so it applies atomically.
function atomicScripts(factory: PrismaPg, pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const patch = <A extends { executeScript(script: string): Promise<void> }>(adapter: A): A => {
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw asDriverError(error);
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: () => {
      throw new Error('shadow databases are not used: migrations are authored by diffing schema snapshots');
    },
  };
}

function asDriverError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError) || !error.code) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code,
    severity: error.severity ?? 'ERROR',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

function engineMessage(error: unknown): string {
  if (lastPanic) return `schema engine panicked: ${lastPanic}`;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}
