import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.ts';
import { registerPool } from './sql.ts';
import type { Prisma } from './generated/client.ts';

export { PrismaClient };
export type { Prisma };

// A client or an open transaction: query functions take either, the caller owns the transaction.
export type Db = PrismaClient | Prisma.TransactionClient;

export type Database = {
  prisma: PrismaClient;
  // The same pool Prisma uses, for what Prisma cannot do (COPY streams).
  pool: pg.Pool;
  close(): Promise<void>;
};

export function createDatabase(
  databaseUrl: string,
  options: { max?: number; onError?: (error: Error) => void; acquireTimeoutMs?: number } = {},
): Database {
  // jit=off: every query here is short OLTP. With JIT on, a plan whose *estimated* cost passes
  // jit_above_cost (young tables without statistics are enough) is compiled on each execution:
  // ~100+ ms of server CPU for a webhook match that runs in under a millisecond.
  // acquireTimeoutMs: wait at most this long for a free connection, then fail (the API answers 503
  // busy) instead of queueing without end behind a burst. 0 (the default): wait as long as it takes.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 0,
    options: '-c jit=off',
  });
  // An idle client that loses its connection (Postgres restart) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => options.onError?.(error));
  // A client that is checked out (inside a transaction, or mid-query) when its connection is
  // killed emits 'error' on itself, not on the pool: without a listener that crashes the process.
  // The query in flight fails on its own and the pool discards the dead client on release.
  pool.on('connect', (client) => client.on('error', (error) => options.onError?.(error)));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { onPoolError: options.onError }) });
  registerPool(prisma, pool);
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
