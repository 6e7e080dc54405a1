// Import benchmark (issue 5, scenario 1): a CSV of N distinct numbers, generated while it is sent,
// uploaded to the real API running in its own process, against the raw floor measured in the same
// run: COPY of the same rows into a table shaped like campaign_numbers.
//
//   node bench/import.ts [--count 1000000] [--rounds 1] [--json out.json]
//
// Needs DATABASE_URL (any database on the server; a private one is created and dropped) and
// REDIS_URL. Prints a table and one JSON line; never asserts.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyMigrations } from '@autocall/db/migrate';
import { freePort, spawnNode, waitForHttp } from './lib/processes.ts';

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '1' }, json: { type: 'string' } },
});
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const KEY = 'bench-import-admin-key-0123456789';
const BOUNDARY = 'bench-import-boundary';
const SETTINGS = { name: 'bench import', scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }], sendTime: Date.now() + 86_400_000 };

// N distinct valid VN mobile numbers in shuffled order (7919 is prime to 10^7), as the index
// maintenance of a real list is random, not sequential.
const phoneAt = (i: number) => `091${String((i * 7919) % 10_000_000).padStart(7, '0')}`;
const LINES_PER_CHUNK = 6000;

function csvUpload(count: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = -1;
  return new ReadableStream({
    pull(controller) {
      if (sent === -1) {
        controller.enqueue(
          encoder.encode(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="campaign"\r\n\r\n${JSON.stringify(SETTINGS)}\r\n` +
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="numbers.csv"\r\nContent-Type: text/csv\r\n\r\nphone\n`,
          ),
        );
        sent = 0;
      } else if (sent < count) {
        let text = '';
        for (const end = Math.min(count, sent + LINES_PER_CHUNK); sent < end; sent++) text += phoneAt(sent) + '\n';
        controller.enqueue(encoder.encode(text));
      } else {
        controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
        controller.close();
      }
    },
  });
}

// The floor: the same rows, already normalised, COPYed by a client into a table of the same shape.
async function rawCopy(pool: pg.Pool, table: string, campaignId: string, count: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('CHECKPOINT');
    const started = performance.now();
    const stream = client.query(copyFrom(`COPY ${table} (campaign_id, position, phone, status, next_attempt_at) FROM STDIN`));
    const at = new Date(SETTINGS.sendTime).toISOString();
    for (let i = 0; i < count; ) {
      let text = '';
      for (const end = Math.min(count, i + LINES_PER_CHUNK); i < end; i++) text += `${campaignId}\t${i}\t${phoneAt(i)}\tpending\t${at}\n`;
      if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
    }
    stream.end();
    await finished(stream);
    return performance.now() - started;
  } finally {
    client.release();
  }
}

async function upload(apiUrl: string, count: number, pool: pg.Pool): Promise<{ ms: number; id: string; phones: unknown }> {
  await pool.query('CHECKPOINT');
  const started = performance.now();
  const response = await fetch(`${apiUrl}/v1/campaigns/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: csvUpload(count),
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { id: string; phones: unknown };
  const ms = performance.now() - started;
  if (response.status !== 201) throw new Error(`upload failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  return { ms, id: body.id, phones: body.phones };
}

// Peak and current resident memory of a process, from the kernel (MB).
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

// The wake jobs the API queued for the imported campaigns.
async function dropRedisPrefix(url: string, prefix: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const name = `autocall_bench_import_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', (error) => console.error('baseline pool:', error.message));
  const queuePrefix = `benchimp${randomBytes(3).toString('hex')}`;
  let api: ReturnType<typeof spawnNode> | undefined;
  try {
    // Before the API starts: it writes its bootstrap key at start-up.
    await applyMigrations(databaseUrl, { createDatabase: false });
    const port = await freePort();
    api = spawnNode('api', 'apps/api/src/server.ts', {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      QUEUE_PREFIX: queuePrefix,
      BOOTSTRAP_API_KEY: KEY,
      // info: the API logs each import's stage and commit times, read back below.
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(api, `${apiUrl}/healthz`);
    const idle = memoryOf(api.pid);
    // A campaign for the baseline rows to reference (the FK variant needs one that exists).
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO campaigns (id, tenant_id, name, send_time, number_call_per_time, duration_of_each_call, max_retry_of_detail,
                              retry_after_seconds, scripts, updated_at)
       SELECT gen_random_uuid(), id, 'baseline', now(), 1, 1, 0, 0, '[]', now() FROM tenants LIMIT 1 RETURNING id`,
    );
    const baselineCampaign = rows[0]!.id;

    const results: { raw: number[]; rawFk: number[]; upload: number[]; phones: unknown } = { raw: [], rawFk: [], upload: [], phones: null };
    for (let round = 0; round < ROUNDS; round++) {
      await pool.query(`DROP TABLE IF EXISTS raw_numbers, raw_numbers_fk`);
      await pool.query(`CREATE TABLE raw_numbers (LIKE campaign_numbers INCLUDING ALL)`);
      await pool.query(`CREATE TABLE raw_numbers_fk (LIKE campaign_numbers INCLUDING ALL)`);
      await pool.query(`ALTER TABLE raw_numbers_fk ADD FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE CASCADE`);
      results.raw.push(await rawCopy(pool, 'raw_numbers', baselineCampaign, COUNT));
      const uploaded = await upload(apiUrl, COUNT, pool);
      results.upload.push(uploaded.ms);
      results.phones = uploaded.phones;
      results.rawFk.push(await rawCopy(pool, 'raw_numbers_fk', baselineCampaign, COUNT));
      await pool.query('DELETE FROM campaigns WHERE id = $1', [uploaded.id]);
    }
    const after = memoryOf(api.pid);
    // The API's own split: reading + staging the file (overlaps the upload), then the final INSERT.
    const phases = api
      .output()
      .split('\n')
      .filter((line) => line.includes('"numbers imported"'))
      .map((line) => JSON.parse(line) as { stageMs: number; commitMs: number })
      .map(({ stageMs, commitMs }) => ({ stageMs, commitMs }));
    // Ratios are taken within a round (the baseline ran next to the upload) and the median kept:
    // on a shared machine the load changes between rounds more than between neighbours.
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const rate = (ms: number) => Math.round(COUNT / (ms / 1000));
    const ratios = results.upload.map((ms, i) => (results.raw[i] as number) / ms);
    const ratiosFk = results.upload.map((ms, i) => (results.rawFk[i] as number) / ms);
    const report = {
      scenario: 'import',
      count: COUNT,
      rounds: ROUNDS,
      uploadRowsPerSec: rate(median(results.upload)),
      rawCopyRowsPerSec: rate(median(results.raw)),
      rawCopyWithFkRowsPerSec: rate(median(results.rawFk)),
      ratioVsRawCopy: Number(median(ratios).toFixed(2)),
      ratioVsRawCopyWithFk: Number(median(ratiosFk).toFixed(2)),
      ratiosPerRound: ratios.map((r) => Number(r.toFixed(2))),
      apiPhasesMs: phases,
      apiIdleRssMb: idle.rssMb,
      apiPeakRssMb: after.peakMb,
      timingsMs: { upload: results.upload.map(Math.round), raw: results.raw.map(Math.round), rawFk: results.rawFk.map(Math.round) },
      phones: results.phones,
      targets: { ratioVsRawCopy: 0.7, apiPeakRssMb: 300 },
    };
    console.log(
      [
        `import of ${COUNT} numbers (median of ${ROUNDS} rounds; ratio = raw time / upload time within a round)`,
        `  upload (CSV -> API -> Postgres)  ${report.uploadRowsPerSec.toLocaleString('en')} rows/s`,
        `  raw COPY, same table shape       ${report.rawCopyRowsPerSec.toLocaleString('en')} rows/s   ratio ${report.ratioVsRawCopy} (target >= 0.7)`,
        `  raw COPY, same shape + FK        ${report.rawCopyWithFkRowsPerSec.toLocaleString('en')} rows/s   ratio ${report.ratioVsRawCopyWithFk}`,
        `  API RSS idle ${idle.rssMb} MB, peak ${after.peakMb} MB (target < 300 MB)`,
        `  API phases (stage = read + COPY to staging, commit = INSERT into campaign_numbers): ${JSON.stringify(phases)}`,
      ].join('\n'),
    );
    console.log(JSON.stringify(report));
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
  } finally {
    await api?.stop();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await dropRedisPrefix(redisUrl, queuePrefix);
  }
}

await main();
