import { setTimeout as delay } from 'node:timers/promises';
import type { RedisConnection } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';

// Whether any other worker of the fleet has room for more campaign runs right now.
//
// A worker at its concurrency hands a campaign's next wake to Redis (instead of keeping it on a
// timer) so that a worker with room takes it. When no other worker has room either, the hand-over
// only adds work: an add, a promotion, a fetch and a completion in Redis, and the job's handling
// in whichever saturated worker takes it, for a wake that runs no sooner. Bench timing scenario,
// 1,000 campaigns, 2 workers x 50, both event loops 0.9-0.99 busy while the slots ran: 7,917
// next wakes went through Redis and 4,656 stayed on timers; with the reports below, 629 and
// 13,644 (README, "Issue 12, eleventh step", for the lag it made). So each worker says, once a second,
// whether it has room; a worker at its concurrency keeps its next wakes when no other worker has
// said so within the last few seconds. A worker alone keeps them too: the queue would hand them
// back to itself.
//
// One Redis hash, a field per worker: "<1|0>:<ms>". Fields not refreshed for a minute (a worker
// that died) are removed by whoever reads them. Unknown (Redis unreachable, or before the first
// read): others are taken to have room, which is the behaviour without this.

export const ROOM_INTERVAL_MS = 1_000;
// A report older than this is no longer believed (three missed reports).
const FRESH_MS = 3 * ROOM_INTERVAL_MS;
const FORGET_MS = 60_000;

export type FleetRoom = {
  othersHaveRoom(): boolean;
  // Reports and reads once now (the timer does it every intervalMs); resolves when done.
  refresh(): Promise<void>;
  stop(): Promise<void>;
};

export function roomKey(prefix: string): string {
  return `${prefix}:autocall:worker-room`;
}

export function startFleetRoom(deps: {
  connection: RedisConnection;
  prefix: string;
  workerId: string;
  hasRoom: () => boolean;
  now: () => number;
  logger: Logger;
  intervalMs?: number;
}): FleetRoom {
  const key = roomKey(deps.prefix);
  let others = true;
  // When the hash was last read: what it said goes stale like the reports in it (a read that hangs
  // on a silent network must not leave the last answer standing).
  let readAtMs = -Infinity;
  let warned = false;
  const refresh = async () => {
    const nowMs = deps.now();
    try {
      const [[setError], [readError, fields]] = (await deps.connection
        .multi()
        .hset(key, deps.workerId, `${deps.hasRoom() ? 1 : 0}:${nowMs}`)
        .hgetall(key)
        .exec()) as [[Error | null], [Error | null, Record<string, string>]];
      if (setError || readError) throw setError ?? readError;
      others = othersWithRoom(fields, deps.workerId, nowMs);
      readAtMs = nowMs;
      const forgotten = Object.entries(fields).filter(([, value]) => nowMs - reportedAt(value) > FORGET_MS).map(([field]) => field);
      if (forgotten.length > 0) await deps.connection.hdel(key, ...forgotten);
      warned = false;
    } catch (error) {
      others = true;
      if (!warned) deps.logger.warn({ err: error }, 'fleet room not read; next wakes of a full worker go to Redis');
      warned = true;
    }
  };
  let running = refresh();
  const timer = setInterval(() => {
    running = running.then(refresh);
  }, deps.intervalMs ?? ROOM_INTERVAL_MS);
  timer.unref();
  return {
    othersHaveRoom: () => others || deps.now() - readAtMs > FRESH_MS,
    refresh: () => (running = running.then(refresh)),
    async stop() {
      clearInterval(timer);
      // A read stuck on an unanswering Redis must not hold up the worker's shutdown.
      await Promise.race([running, delay(FRESH_MS).then(() => undefined)]);
      await Promise.race([deps.connection.hdel(key, deps.workerId).catch(() => undefined), delay(FRESH_MS)]);
    },
  };
}

/**
 * How much of the time since the last report a worker spent with as many runs in flight as its
 * concurrency: it has room when that was less than half (a sample of the moment would read "room"
 * from a worker that keeps touching its limit, and send the others' wakes through Redis to it).
 * `started`/`ended` around every run; `hadRoom` reads and starts a new period.
 */
export function capacityMeter(concurrency: number, now: () => number) {
  let inFlight = 0;
  let periodStartMs = now();
  let fullSinceMs: number | null = null;
  let fullMs = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    started() {
      inFlight++;
      if (inFlight === concurrency) fullSinceMs = now();
    },
    ended() {
      if (inFlight === concurrency && fullSinceMs !== null) {
        fullMs += now() - fullSinceMs;
        fullSinceMs = null;
      }
      inFlight--;
    },
    hadRoom(): boolean {
      const nowMs = now();
      const full = fullMs + (fullSinceMs === null ? 0 : nowMs - fullSinceMs);
      const room = full * 2 < nowMs - periodStartMs;
      periodStartMs = nowMs;
      fullMs = 0;
      if (fullSinceMs !== null) fullSinceMs = nowMs;
      return room;
    },
  };
}

const reportedAt = (value: string): number => Number(value.split(':')[1] ?? 0);

// True when another worker reported room recently.
export function othersWithRoom(fields: Record<string, string>, workerId: string, nowMs: number): boolean {
  return Object.entries(fields).some(([field, value]) => field !== workerId && value.startsWith('1:') && nowMs - reportedAt(value) <= FRESH_MS);
}
