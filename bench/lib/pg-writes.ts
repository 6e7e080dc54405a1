// Row writes to the project's tables, from Postgres's own counters (pg_stat_user_tables: n_tup_ins,
// n_tup_upd, n_tup_del, which count every row version written, HOT updates included). A backend
// sends its counts to the shared statistics at the end of a transaction at most once a second,
// and an idle one after 10 s (PGSTAT_IDLE_INTERVAL, Postgres 15+), so a reading is taken only once
// two readings a few seconds apart agree, after the services have been idle for longer than that.
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';

export type TableWrites = Record<string, { ins: number; upd: number; del: number }>;

const IDLE_FLUSH_MS = 11_000;

export async function readTableWrites(pool: pg.Pool): Promise<TableWrites> {
  const client = await pool.connect();
  try {
    // Our own backend's pending counts (it writes nothing here, but nothing is left behind), and a
    // fresh snapshot rather than the one cached for this transaction.
    await client.query('SELECT pg_stat_force_next_flush()');
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ relname: string; ins: string; upd: string; del: string }>(
      `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del FROM pg_stat_user_tables
       WHERE schemaname = 'public' AND relname <> '_prisma_migrations'`,
    );
    return Object.fromEntries(rows.map((r) => [r.relname, { ins: Number(r.ins), upd: Number(r.upd), del: Number(r.del) }]));
  } finally {
    client.release();
  }
}

const total = (w: TableWrites) => Object.values(w).reduce((n, t) => n + t.ins + t.upd + t.del, 0);

// Waits out the idle flush, then reads until two readings `gapMs` apart agree (background work,
// e.g. the workers' sweep, may still be writing; up to `tries` rounds).
export async function settledTableWrites(pool: pg.Pool, options: { gapMs?: number; tries?: number } = {}): Promise<{ writes: TableWrites; settled: boolean }> {
  await delay(IDLE_FLUSH_MS);
  let last = await readTableWrites(pool);
  for (let i = 0; i < (options.tries ?? 4); i++) {
    await delay(options.gapMs ?? 3_000);
    const next = await readTableWrites(pool);
    if (total(next) === total(last)) return { writes: next, settled: true };
    last = next;
  }
  return { writes: last, settled: false };
}

// WAL written since the server started, in bytes: every row version and every index entry a write
// adds shows here, so it tells apart two designs that write the same rows with different indexes.
export async function walBytes(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ at: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS at`);
  return BigInt(rows[0]!.at.split('.')[0]!);
}

export function writesBetween(before: TableWrites, after: TableWrites): TableWrites {
  const delta: TableWrites = {};
  for (const [table, a] of Object.entries(after)) {
    const b = before[table] ?? { ins: 0, upd: 0, del: 0 };
    const d = { ins: a.ins - b.ins, upd: a.upd - b.upd, del: a.del - b.del };
    if (d.ins + d.upd + d.del !== 0) delta[table] = d;
  }
  return delta;
}

export function totalWrites(w: TableWrites): number {
  return total(w);
}

// "campaign_numbers 3.00 (ins 1.00, upd 2.00), ..." per number, largest first.
export function formatWritesPer(w: TableWrites, per: number): string {
  const fmt = (n: number) => (n / per).toFixed(n / per >= 0.1 ? 2 : 4);
  return Object.entries(w)
    .toSorted(([, x], [, y]) => y.ins + y.upd + y.del - (x.ins + x.upd + x.del))
    .map(([table, t]) => {
      const parts = (['ins', 'upd', 'del'] as const).filter((k) => t[k] !== 0).map((k) => `${k} ${fmt(t[k])}`);
      return `${table} ${fmt(t.ins + t.upd + t.del)} (${parts.join(', ')})`;
    })
    .join(', ');
}
