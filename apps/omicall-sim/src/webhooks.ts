import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import type { FastifyBaseLogger } from 'fastify';
import { createHeap } from './heap.ts';
import type { SimFaults } from './options.ts';
import { createRng, decideOutcome, type CallOutcome, type OutcomeSettings } from './prng.ts';

// Webhook delivery. Accepted sessions wait as cursors; their calls are materialised in chunks only
// while the queue is below a high-water mark, events sit in one time-ordered heap drained by one
// timer, and at most `concurrency` POSTs are in flight on a keep-alive pool.

export type DialBatch = {
  autocallId: string;
  phones: readonly string[];
  attempts: Uint32Array;
  startAt: number;
  hotlines: readonly string[];
  settings: OutcomeSettings;
};

type Call = {
  phone: string;
  autocallId: string;
  hotline: string;
  outcome: CallOutcome;
  callUuid: string;
  transactionId: string;
  autocallUuid: string;
  startAt: number;
};
type CallState = 'ringing' | 'answered' | 'hangup' | 'cdr';
type Pending = { due: number; order: number; call: Call; state: CallState; tries: number };
type Cursor = { batch: DialBatch; next: number };

const CHUNK = 1000;
const HIGH_WATER = 100_000;
const MAX_TRIES = 4;
const SHUFFLE_WINDOW_MS = 500;
const MAX_TIMER_MS = 2 ** 31 - 1;

export type WebhookStats = {
  sent: number;
  failed: number;
  retried: number;
  dropped: number;
  duplicates: number;
  unknown: number;
  pending: number;
  inFlight: number;
};

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

export function createWebhookDispatcher(deps: {
  now: () => number;
  seed: number;
  settings: () => SimFaults;
  logger: FastifyBaseLogger;
  concurrency?: number;
}) {
  const concurrency = deps.concurrency ?? 64;
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const heap = createHeap<Pending>();
  let cursors: Cursor[] = [];
  let rng = createRng(deps.seed ^ 0x5eed);
  let order = 0;
  let inFlight = 0;
  let unmaterialised = 0;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;
  let closed = false;
  let idleWaiters: Array<() => void> = [];
  const stats = { sent: 0, failed: 0, retried: 0, dropped: 0, duplicates: 0, unknown: 0 };

  const pendingCount = () => heap.size + unmaterialised + inFlight;

  function push(call: Call, state: CallState, due: number) {
    heap.push({ due, order: ++order, call, state, tries: 0 });
  }

  function scheduleCall(call: Call, f: SimFaults) {
    const jitter = f.webhookShuffle ? Math.floor(rng() * SHUFFLE_WINDOW_MS) : 0;
    const t0 = call.startAt + f.webhookDelayMs + jitter;
    const end = t0 + call.outcome.ringMs;
    if (f.liveEvents) {
      push(call, 'ringing', t0);
      if (call.outcome.answered) push(call, 'answered', end);
      push(call, 'hangup', end);
    }
    push(call, 'cdr', end);
    if (rng() < f.webhookDuplicateRate) {
      stats.duplicates++;
      push(call, 'cdr', end + Math.floor(rng() * 200));
    }
  }

  function unknownCall(startAt: number, hotline: string): Call {
    const phone = `09${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
    const outcome = decideOutcome(deps.seed, phone, 0, { answerRate: 0.5, ringMinMs: 0, ringMaxMs: 0 });
    return { phone, autocallId: randomUUID(), hotline, outcome, callUuid: randomUUID(), transactionId: randomUUID(), autocallUuid: randomUUID(), startAt };
  }

  function materialise(cursor: Cursor) {
    const { batch } = cursor;
    const f = deps.settings();
    const end = Math.min(batch.phones.length, cursor.next + CHUNK);
    for (let i = cursor.next; i < end; i++) {
      const phone = batch.phones[i] as string;
      const hotline = batch.hotlines[i % batch.hotlines.length] as string;
      const outcome = decideOutcome(deps.seed, phone, batch.attempts[i] ?? 0, batch.settings);
      const ids = { callUuid: randomUUID(), transactionId: randomUUID(), autocallUuid: randomUUID() };
      scheduleCall({ phone, autocallId: batch.autocallId, hotline, outcome, startAt: batch.startAt, ...ids }, f);
      if (rng() < f.webhookUnknownRate) {
        stats.unknown++;
        scheduleCall(unknownCall(batch.startAt, hotline), f);
      }
    }
    unmaterialised -= end - cursor.next;
    cursor.next = end;
  }

  function payloadOf(p: Pending, url: string | null): Record<string, unknown> {
    const { call } = p;
    const base = {
      call_uuid: call.callUuid,
      state: p.state,
      direction: 'outbound',
      from_number: call.hotline,
      to_number: call.phone,
      hotline: call.hotline,
      created_time: Math.floor(call.startAt / 1000),
      date_time: p.due,
    };
    if (p.state !== 'cdr') return base;
    const o = call.outcome;
    const ringSec = Math.round(o.ringMs / 1000);
    return {
      ...base,
      transaction_id: call.transactionId,
      is_auto_call: true,
      autocall_id: call.autocallId,
      autocall_uuid: call.autocallUuid,
      disposition: o.answered ? 'answered' : 'cancelled',
      answer_sec: o.talkSec,
      bill_sec: o.talkSec,
      duration: ringSec + o.talkSec,
      hangup_cause: o.hangupCause,
      recording_file_url: o.answered && url ? `${new URL(url).origin}/recordings/${call.callUuid}.mp3` : null,
    };
  }

  function send(p: Pending) {
    const url = deps.settings().webhookUrl;
    if (url === null) {
      stats.dropped++;
      return;
    }
    inFlight++;
    request(url, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payloadOf(p, url)),
    })
      .then(async (res) => {
        await res.body.dump();
        if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`receiver replied HTTP ${res.statusCode}`);
        stats.sent++;
      })
      .catch((err: unknown) => {
        if (closed) return;
        if (p.tries + 1 < MAX_TRIES) {
          stats.retried++;
          heap.push({ ...p, tries: p.tries + 1, due: deps.now() + 250 * 2 ** p.tries, order: ++order });
          return;
        }
        stats.failed++;
        deps.logger.warn({ err: err instanceof Error ? err.message : String(err), state: p.state }, 'webhook delivery gave up');
      })
      .finally(() => {
        inFlight--;
        if (!closed) arm(deps.now());
      });
  }

  function pump() {
    timer = null;
    timerAt = Infinity;
    if (closed) return;
    const t = deps.now();
    while (heap.size < HIGH_WATER && cursors[0] !== undefined && cursors[0].batch.startAt <= t) {
      const cursor = cursors[0];
      materialise(cursor);
      if (cursor.next >= cursor.batch.phones.length) cursors.shift();
    }
    for (let top = heap.peek(); inFlight < concurrency && top !== undefined && top.due <= t; top = heap.peek()) {
      send(heap.pop() as Pending);
    }
    const nextEvent = heap.peek()?.due ?? Infinity;
    const nextBatch = heap.size < HIGH_WATER ? (cursors[0]?.batch.startAt ?? Infinity) : Infinity;
    if (inFlight < concurrency) arm(Math.min(nextEvent, nextBatch));
    if (pendingCount() === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function arm(at: number) {
    if (closed || at === Infinity || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(pump, Math.min(MAX_TIMER_MS, Math.max(0, at - deps.now())));
  }

  return {
    enqueue(batch: DialBatch) {
      const cursor = { batch, next: 0 };
      unmaterialised += batch.phones.length;
      const at = cursors.findIndex((c) => c.batch.startAt > batch.startAt);
      if (at === -1) cursors.push(cursor);
      else cursors.splice(at, 0, cursor);
      arm(batch.startAt);
    },
    stats(): WebhookStats {
      return { ...stats, pending: pendingCount(), inFlight };
    },
    /** Resolves once nothing is queued or in flight. */
    whenIdle(): Promise<void> {
      if (pendingCount() === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    reset() {
      heap.clear();
      cursors = [];
      unmaterialised = 0;
      rng = createRng(deps.seed ^ 0x5eed);
      for (const k of Object.keys(stats) as Array<keyof typeof stats>) stats[k] = 0;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      heap.clear();
      cursors = [];
      await agent.destroy();
    },
  };
}
