import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import { createDatabase, type Database } from './client.ts';
import { inOrder, sqlOf, transaction, type Sql } from './sql.ts';

let testDb: TestDatabase;
let db: Database;
beforeAll(async () => {
  testDb = await createTestDatabase();
  // One connection: every transaction below runs on the same client, so what one leaves behind the
  // next one meets.
  db = createDatabase(testDb.url, { max: 1 });
  await db.pool.query('CREATE TABLE tx_probe (x int NOT NULL)');
});
afterAll(async () => {
  await db.close();
  await testDb.drop();
});

type Socket = { _write: (...args: unknown[]) => unknown; _writev?: (...args: unknown[]) => unknown };

// Counts the socket writes of the pool's (only) connection while `run` runs: one per flush to the
// kernel, whether of one message or of several corked together.
async function socketWrites(run: () => Promise<unknown>): Promise<number> {
  const client = await db.pool.connect();
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  client.release();
  let writes = 0;
  const { _write, _writev } = socket;
  socket._write = function (...args: unknown[]) {
    writes++;
    return _write.apply(this, args);
  };
  if (_writev) {
    socket._writev = function (...args: unknown[]) {
      writes++;
      return _writev.apply(this, args);
    };
  }
  try {
    await run();
  } finally {
    socket._write = _write;
    if (_writev) socket._writev = _writev;
  }
  return writes;
}

const twoStatements = async (tx: Sql) => {
  await tx.$queryRaw`SELECT ${1}::int AS x`;
  await tx.$queryRaw`SELECT ${2}::int AS x`;
};

describe('transaction', () => {
  it('sends BEGIN in one socket write with the first statement', async () => {
    await transaction(db.prisma, twoStatements); // statements prepared on the connection
    // BEGIN + first statement, second statement, COMMIT; with BEGIN alone one write more.
    expect(await socketWrites(() => transaction(db.prisma, twoStatements))).toBe(3);
    expect(await socketWrites(() => transaction(db.prisma, twoStatements, { beginAlone: true }))).toBe(4);
  });

  it('runs every statement of the work in one transaction', async () => {
    const ids = await transaction(db.prisma, async (tx) => {
      const [a] = await tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`;
      const [b] = await tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id, ${0}::int AS other`;
      return [a!.id, b!.id];
    });
    expect(ids[0]).toBe(ids[1]);
  });

  it('rolls back what the work wrote when a later statement fails, and the connection stays usable', async () => {
    await expect(
      transaction(db.prisma, async (tx) => {
        await tx.$executeRaw`INSERT INTO tx_probe (x) VALUES (${1})`;
        await tx.$executeRaw`INSERT INTO tx_probe (x) VALUES (${null}::int)`;
      }),
    ).rejects.toThrow(/null value/);
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tx_probe');
    expect(rows[0]!.n).toBe(0);
  });

  it('runs work whose first await is not a statement', async () => {
    await transaction(db.prisma, async (tx) => {
      await delay(5);
      await tx.$executeRaw`INSERT INTO tx_probe (x) VALUES (${7})`;
    });
    const { rows } = await db.pool.query<{ x: number }>('SELECT x FROM tx_probe');
    expect(rows).toEqual([{ x: 7 }]);
    await db.pool.query('DELETE FROM tx_probe');
  });

  it('hands the connection back with pipeline mode off, for the pool`s other users', async () => {
    await transaction(db.prisma, twoStatements);
    const client: pg.PoolClient = await db.pool.connect();
    try {
      expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
    } finally {
      client.release();
    }
    // Prisma on the same pool.
    expect(await db.prisma.$queryRaw<{ x: number }[]>`SELECT 1::int AS x`).toEqual([{ x: 1 }]);
  });
});

describe('inOrder', () => {
  it('sends statements that do not need each other in one socket write', async () => {
    const both = async (tx: Sql) => {
      await tx.$queryRaw`SELECT ${0}::int AS w`;
      return inOrder(tx, [() => tx.$queryRaw<{ x: number }[]>`SELECT ${1}::int AS x`, () => tx.$queryRaw<{ y: number }[]>`SELECT ${2}::int AS y`] as const);
    };
    await transaction(db.prisma, both);
    let results: unknown;
    // BEGIN with the first statement, the two together, COMMIT.
    expect(await socketWrites(async () => (results = await transaction(db.prisma, both)))).toBe(3);
    expect(results).toEqual([[{ x: 1 }], [{ y: 2 }]]);
  });

  it('runs a read placed after a lock once the lock is granted, seeing what committed meanwhile', async () => {
    // Another connection holds the lock and commits a row before letting go.
    const other = createDatabase(testDb.url, { max: 1 });
    try {
      const holder = await other.pool.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(4242)');
      const reading = transaction(db.prisma, (tx) =>
        inOrder(tx, [() => tx.$queryRaw`SELECT pg_advisory_xact_lock(${4242}::int)`, () => tx.$queryRaw<{ x: number }[]>`SELECT x FROM tx_probe`] as const),
      );
      await delay(100);
      await holder.query('INSERT INTO tx_probe (x) VALUES (5)');
      await holder.query('COMMIT');
      holder.release();
      const [, rows] = await reading;
      expect(rows).toEqual([{ x: 5 }]);
    } finally {
      await other.close();
      await db.pool.query('DELETE FROM tx_probe');
    }
  });

  it('throws the first statement`s error and rolls the transaction back', async () => {
    await expect(
      transaction(db.prisma, (tx) =>
        inOrder(tx, [() => tx.$executeRaw`INSERT INTO tx_probe (x) VALUES (${null}::int)`, () => tx.$executeRaw`INSERT INTO tx_probe (x) VALUES (${3})`] as const),
      ),
    ).rejects.toThrow(/null value/);
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tx_probe');
    expect(rows[0]!.n).toBe(0);
  });

  it('runs the statements one after the other outside such a transaction', async () => {
    const sql = sqlOf(db.prisma);
    const [a, b] = await inOrder(sql, [() => sql.$queryRaw<{ x: number }[]>`SELECT ${1}::int AS x`, () => sql.$queryRaw<{ y: number }[]>`SELECT ${2}::int AS y`] as const);
    expect([a, b]).toEqual([[{ x: 1 }], [{ y: 2 }]]);
  });
});
