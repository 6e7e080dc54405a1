// Why the hot paths use plain pg transactions: the same 22-statement transaction through a Prisma
// interactive transaction and through `transaction()` from @autocall/db (pg on the same pool).
//   node bench/tx-overhead.ts            (DATABASE_URL, default the local test database)
import { createDatabase } from '@autocall/db';
import { transaction } from '../packages/db/src/sql.ts';

const db = createDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
const ROUNDS = 300;
const STATEMENTS = 20;

const ways = {
  prisma: () => db.prisma.$transaction(async (tx) => { for (let i = 0; i < STATEMENTS; i++) await tx.$queryRaw`SELECT ${i}::int AS x`; }),
  pg: () => transaction(db.prisma, async (tx) => { for (let i = 0; i < STATEMENTS; i++) await tx.$queryRaw`SELECT ${i}::int AS x`; }),
};
for (const round of [1, 2]) {
  for (const [name, run] of Object.entries(ways)) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) await run();
    const used = process.cpuUsage(cpu);
    const perTx = (performance.now() - started) / ROUNDS;
    console.log(`round ${round} ${name.padEnd(6)} ${perTx.toFixed(2)} ms/tx  ${((used.user + used.system) / 1000 / ROUNDS).toFixed(2)} client CPU-ms/tx`);
  }
}
await db.close();
