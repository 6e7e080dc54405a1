import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP webhook receiver for tests (test support only, not used by the simulator itself).

export type Receiver = {
  url: string;
  events: Array<Record<string, unknown>>;
  /** Number of POSTs seen, including the ones answered with an error. */
  hits: () => number;
  waitFor(count: number, timeoutMs?: number): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
};

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** `failFirst` POSTs are answered 500 (and not recorded), to exercise the sender's retries. */
export async function startReceiver(opts: { failFirst?: number } = {}): Promise<Receiver> {
  const events: Array<Record<string, unknown>> = [];
  let hits = 0;
  const server = createServer((req, res) => {
    readBody(req).then((text) => {
      hits++;
      if (hits <= (opts.failFirst ?? 0)) {
        res.writeHead(500).end();
        return;
      }
      events.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }, () => res.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/omicall`,
    events,
    hits: () => hits,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhook events, got ${events.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return events;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
