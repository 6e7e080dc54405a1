// The hot paths (claiming a batch, recording the provider's reply, applying call outcomes) run as
// plain pg transactions instead of Prisma interactive transactions. Measured here
// (`node bench/tx-overhead.ts`): a 22-statement transaction costs ~5.5 ms and ~4 CPU-ms
// through Prisma against ~1.8 ms and ~1 CPU-ms on the same pool, and a worker runs several per
// batch. The SQL is the same either way: `Sql` has Prisma's tagged-template `$queryRaw` /
// `$executeRaw` shape (built with `Prisma.sql`), so query functions accept a Prisma client too.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PrismaClient } from './client.ts';
import { Prisma } from './generated/client.ts';

type Query = TemplateStringsArray | Prisma.Sql;

export type Sql = {
  $queryRaw<T = unknown>(query: Query, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: Query, ...values: unknown[]): PromiseLike<number>;
};

const INT8_OID = 20;
// Prisma returns int8 as bigint; these functions were written against that, so pg does the same.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// Every statement is a named prepared statement, keyed by its text: a connection parses and plans
// each of the hot paths' statements once instead of on every call (the texts are fixed per call
// site; values are always parameters).
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `ac_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

function toQuery(query: Query, values: unknown[]): pg.QueryConfig {
  const statement = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql[]));
  return { name: nameOf(statement.text), text: statement.text, values: statement.values, types };
}

export function sqlOver(client: pg.PoolClient | pg.Pool): Sql {
  return {
    async $queryRaw<T>(query: Query, ...values: unknown[]): Promise<T> {
      const result = await client.query(toQuery(query, values));
      return result.rows as T;
    },
    async $executeRaw(query: Query, ...values: unknown[]): Promise<number> {
      const result = await client.query(toQuery(query, values));
      return result.rowCount ?? 0;
    },
  };
}

// createDatabase registers the pool behind each Prisma client, so callers keep passing the one
// `prisma` handle they already have.
const pools = new WeakMap<object, pg.Pool>();

export function registerPool(prisma: PrismaClient, pool: pg.Pool): void {
  pools.set(prisma, pool);
}

export function poolOf(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('this Prisma client was not made by createDatabase(): no pg pool for raw transactions');
  return pool;
}

// Single statements outside a transaction, on the same pool.
export function sqlOf(prisma: PrismaClient): Sql {
  return sqlOver(poolOf(prisma));
}

// BEGIN ... COMMIT on one pooled connection; ROLLBACK on any error. A connection whose ROLLBACK
// fails (Postgres dropped it) is destroyed rather than handed back to the pool.
//
// BEGIN does not get a round trip of its own: it leaves in one socket write with the work's first
// statement (pg's pipeline mode, on for this connection while the transaction holds it, with the
// socket corked until the work has issued that statement). Here a socket write and the wake-up it
// causes cost more than a small statement's execution (`node bench/pipelined-begin.ts` measures a
// transaction's client and Postgres CPU both ways). Nothing else changes: the work still awaits
// each statement before the next (unless it uses inOrder), and a statement that fails leaves the
// transaction aborted for the ROLLBACK below. The pool's other users (Prisma, COPY streams, which
// pipeline mode refuses) get the connection back with pipeline mode off.
// `beginAlone`: BEGIN in a round trip of its own, for the benchmark's baseline only.
export async function transaction<T>(prisma: PrismaClient, work: (tx: Sql) => Promise<T>, options: { beginAlone?: boolean } = {}): Promise<T> {
  const client = await poolOf(prisma).connect();
  let broken: Error | undefined;
  const pipelined = !options.beginAlone && setPipeline(client, true);
  try {
    const stream = pipelined ? socketOf(client) : null;
    const tx = sqlOver(client);
    if (stream) socketsOf.set(tx, stream);
    stream?.cork();
    let begun: Promise<unknown>;
    let done: Promise<T>;
    try {
      begun = client.query('BEGIN');
      // Runs synchronously up to its first await, which is normally its first statement: queued
      // behind BEGIN in the corked socket.
      done = work(tx);
    } finally {
      stream?.uncork();
    }
    // BEGIN's own failure (a dead connection) fails the first statement too; awaited first so that
    // the error reported is the one that happened first.
    await Promise.all([begun, done.catch(() => undefined)]);
    const result = await done;
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    if (pipelined) setPipeline(client, false);
    client.release(broken);
  }
}

// pg's `pipeline` option (a Client constructor option, node-postgres.com/features/pipelining) is read
// on every query, so it can be switched for as long as one caller holds the connection; false when
// this pg has no such mode (then BEGIN simply takes its own round trip).
function setPipeline(client: pg.PoolClient, on: boolean): boolean {
  if (!('pipeline' in client)) return false;
  (client as { pipeline: boolean }).pipeline = on;
  return true;
}

type Socket = { cork(): void; uncork(): void };

// The transactions `transaction()` runs in pipeline mode, with their connection's socket.
const socketsOf = new WeakMap<Sql, Socket>();

/**
 * Runs statements that do not need each other's results, in order: in a transaction of
 * `transaction()` they leave in one socket write and are answered in one round trip; anywhere else
 * (a Prisma interactive transaction, the pool) one after the other. Postgres runs them one after
 * the other either way, each with a snapshot of its own taken when it starts, so a read placed
 * after a lock sees what committed while the lock was awaited, exactly as with two round trips.
 * A statement that fails aborts the transaction, and the ones after it fail too; the first error is
 * the one thrown.
 */
export async function inOrder<T extends readonly unknown[]>(db: Executor, statements: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  const socket = socketsOf.get(db);
  if (!socket) {
    const results: unknown[] = [];
    for (const statement of statements) results.push(await statement());
    return results as unknown as T;
  }
  socket.cork();
  let pending: PromiseLike<unknown>[];
  try {
    pending = statements.map((statement) => statement());
  } finally {
    socket.uncork();
  }
  return (await Promise.all(pending)) as unknown as T;
}

function socketOf(client: pg.PoolClient): Socket | null {
  const stream = (client as { connection?: { stream?: { cork?: unknown; uncork?: unknown } } }).connection?.stream;
  return stream && typeof stream.cork === 'function' && typeof stream.uncork === 'function' ? (stream as Socket) : null;
}

// A client or a transaction: what every dispatch query function takes as `db`. The caller owns the
// transaction: given an open one (this module's `transaction`, or a Prisma interactive
// transaction), a function runs inside it; given the client itself (as tests and one-off callers
// do), a function of several statements opens a transaction of its own (`inTransaction`), and a
// single statement runs on the client's pool.
export type Executor = Sql;

export async function inTransaction<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  return pools.has(db) ? transaction(db as PrismaClient, work) : work(db);
}

// Whether `db` is the client itself rather than a transaction: a function may then commit its
// common case as a single statement and open a transaction only for the rest.
export function isClient(db: Executor): boolean {
  return pools.has(db);
}

// Single statements: on the client's pool as named prepared statements, or in the given transaction.
export function statementsOn(db: Executor): Executor {
  const pool = pools.get(db);
  return pool ? sqlOver(pool) : db;
}
