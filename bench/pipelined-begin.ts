// Why `transaction()` sends BEGIN with the first statement (packages/db/src/sql.ts): the same
// two-statement transaction through `transaction()` with BEGIN in a round trip of its own (the
// baseline) and sent with the first statement, 20 at a time, alternating. Client CPU from
// process.cpuUsage, Postgres CPU from /proc of the pool's backends.
//   node bench/pipelined-begin.ts        (DATABASE_URL, default the local test database)
import { readFileSync } from 'node:fs';
import { createDatabase } from '@autocall/db';
import { transaction, type Sql } from '../packages/db/src/sql.ts';

const db = createDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test', { max: 20 });
const TRANSACTIONS = 20_000;
const AT_ONCE = 20;
const work = async (tx: Sql) => {
  await tx.$queryRaw`SELECT ${1}::int + 1 AS x`;
  await tx.$queryRaw`SELECT ${1}::int + 2 AS x`;
};
const ways = {
  'BEGIN alone (raw)': () => transaction(db.prisma, work, { beginAlone: true }),
  'BEGIN with the first statement': () => transaction(db.prisma, work),
};

// Every backend of this database but ours: the pool's connections, once all are open.
async function backendCpuMs(): Promise<number> {
  const { rows } = await db.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const tick = 10; // ms per clock tick (USER_HZ 100)
  return rows.reduce((sum, { pid }) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      return sum; // not on this machine's /proc (a remote server): reported as 0
    }
  }, 0);
}

async function run(fn: () => Promise<void>, count: number): Promise<void> {
  let left = count;
  await Promise.all(Array.from({ length: AT_ONCE }, async () => { while (left-- > 0) await fn(); }));
}

for (const fn of Object.values(ways)) await run(fn, AT_ONCE * 5); // every connection open, statements prepared
for (const round of [1, 2, 3, 4]) {
  for (const [name, fn] of Object.entries(ways)) {
    const pgBefore = await backendCpuMs();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(fn, TRANSACTIONS);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const pgUsed = (await backendCpuMs()) - pgBefore;
    const us = (ms: number) => ((ms * 1000) / TRANSACTIONS).toFixed(0).padStart(4);
    console.log(`round ${round} ${name.padEnd(30)} ${Math.round((TRANSACTIONS / elapsed) * 1000)} tx/s  client ${us((used.user + used.system) / 1000)} us/tx  postgres ${us(pgUsed)} us/tx`);
  }
}
await db.close();
