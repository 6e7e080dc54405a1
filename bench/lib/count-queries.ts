// Preloaded into a service child (`node --import ./bench/lib/count-queries.ts ...`): counts every
// SQL statement the process sends to Postgres (Prisma's adapter and raw pool queries both end in
// pg.Client#query), by leading keyword, and writes the totals to BENCH_QUERY_COUNT_FILE a few times
// a second. pg_stat_statements would be the server-side way, but it needs a Postgres restart with
// shared_preload_libraries, which a shared server cannot have.
import { renameSync, writeFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  const counts: Record<string, number> = { total: 0 };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function countedQuery(this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const keyword = (/^\s*(\w+)/.exec(text)?.[1] ?? 'other').toUpperCase();
    counts.total = (counts.total ?? 0) + 1;
    counts[keyword] = (counts[keyword] ?? 0) + 1;
    const result = original.apply(this, args);
    if (process.env.BENCH_QUERY_TIMING === '1' && result instanceof Promise) {
      const started = performance.now();
      const key = `ms ${text.replace(/\s+/g, ' ').trim().slice(0, 60)}`;
      void result.then(
        () => (counts[key] = (counts[key] ?? 0) + (performance.now() - started)),
        () => undefined,
      );
    }
    return result;
  };
  let written = -1;
  const flush = () => {
    if (counts.total === written) return;
    written = counts.total ?? 0;
    // Written aside and renamed: the runner never reads a half-written file.
    writeFileSync(`${file}.tmp`, JSON.stringify(counts));
    renameSync(`${file}.tmp`, file);
  };
  setInterval(flush, 250).unref();
  process.on('exit', flush);
}
