// A large upload through a real socket: the body is generated while it is sent, so neither side
// ever has the whole file, and the API's memory must not grow with the list.
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BOUNDARY, auth, settings, startImportApp, type ImportFixture } from './fixture.ts';

const COUNT = 200_000;
let f: ImportFixture;
let url: string;
beforeAll(async () => {
  f = await startImportApp();
  url = await f.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await f?.close();
});

// Distinct valid mobile numbers (091 + 7 digits, shuffled), ~66 KB of lines at a time.
function uploadStream(count: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  let stage = 0;
  return new ReadableStream({
    pull(controller) {
      if (stage === 0) {
        const head =
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="campaign"\r\n\r\n${JSON.stringify(settings())}\r\n` +
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nphone\n`;
        controller.enqueue(encoder.encode(head));
        stage = 1;
        return;
      }
      if (sent < count) {
        let text = '';
        const end = Math.min(count, sent + 6000);
        for (; sent < end; sent++) text += `091${String((sent * 7919) % 10_000_000).padStart(7, '0')}\n`;
        controller.enqueue(encoder.encode(text));
        return;
      }
      controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
      controller.close();
    },
  });
}

// A full collection on demand: what the heap holds alive, not the garbage a sample happens to
// catch between collections (which alone moved a plain peak of heapUsed by 20 MB from run to run).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

test(`imports ${COUNT} numbers streamed over HTTP without memory growing with the list`, { timeout: 180_000 }, async () => {
  collect();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let peakLive = before.heapUsed;
  let samples = 0;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    // Every 10th sample (200 ms), after a full collection: the memory the upload keeps alive.
    if (++samples % 10 === 0) {
      collect();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
  }, 20);
  const started = performance.now();
  const response = await fetch(`${url}/v1/campaigns/upload`, {
    method: 'POST',
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: uploadStream(COUNT),
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { id: string; phones: Record<string, unknown> };
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  expect(response.status, JSON.stringify(body)).toBe(201);
  expect(body.phones).toMatchObject({ accepted: COUNT, duplicated: 0, invalid: 0 });
  const { rows } = await f.db.pool.query('SELECT count(*)::int AS n FROM campaign_numbers WHERE campaign_id = $1', [body.id]);
  expect(rows[0].n).toBe(COUNT);

  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const fileBytes = COUNT * 11;
  // The measurement, for the record (the test process also runs the client and vitest).
  console.info(
    `upload of ${COUNT} numbers (${mb(fileBytes)} MB file) in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)}/s): ` +
      `rss +${mb(peakRss - before.rss)} MB, heap +${mb(peakHeap - before.heapUsed)} MB at peak, ` +
      `+${mb(peakLive - before.heapUsed)} MB alive after a collection (${Math.floor(samples / 10)} checks)`,
  );
  // Generous: the staging rows of one chunk and ~4 MB of seen-number set, never the list as objects
  // (200k rows as JS objects alone would be ~40 MB of heap).
  expect(samples).toBeGreaterThanOrEqual(10);
  expect(peakLive - before.heapUsed).toBeLessThan(40e6);
});
