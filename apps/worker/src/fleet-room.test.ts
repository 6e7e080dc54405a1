import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, type RedisConnection } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { cleanupRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@autocall/testing';
import { capacityMeter, othersWithRoom, roomKey, startFleetRoom, type FleetRoom } from './fleet-room.ts';

const logger = createLogger({ level: 'silent' });
const prefix = uniqueQueuePrefix();
let redis: RedisConnection;
beforeAll(() => {
  redis = createRedisConnection(testRedisUrl());
});
afterAll(async () => {
  await cleanupRedisPrefix(testRedisUrl(), prefix);
  await redis.quit();
});

// A worker's report with a room flag it can change; refreshed by hand (the interval is an hour).
function member(workerId: string, now: () => number, room = true) {
  const state = { room };
  const fleet: FleetRoom = startFleetRoom({ connection: redis, prefix, workerId, hasRoom: () => state.room, now, logger, intervalMs: 3_600_000 });
  return { state, fleet };
}

describe('fleet room', () => {
  it('tells a worker whether another one has room, from their latest reports', async () => {
    const now = () => Date.now();
    const a = member('a', now);
    const b = member('b', now, false);
    await Promise.all([a.fleet.refresh(), b.fleet.refresh()]);
    expect(b.fleet.othersHaveRoom()).toBe(true); // a has room
    expect(a.fleet.othersHaveRoom()).toBe(false); // b is full

    a.state.room = false;
    await a.fleet.refresh();
    await b.fleet.refresh();
    expect(b.fleet.othersHaveRoom()).toBe(false);

    // A worker that stops takes its report away.
    b.state.room = true;
    await b.fleet.refresh();
    await a.fleet.refresh();
    expect(a.fleet.othersHaveRoom()).toBe(true);
    await b.fleet.stop();
    await a.fleet.refresh();
    expect(a.fleet.othersHaveRoom()).toBe(false);
    expect(await redis.hkeys(roomKey(prefix))).toEqual(['a']);
    await a.fleet.stop();
  });

  it('says no other worker has room when it is alone', async () => {
    const alone = member('alone', () => Date.now());
    await alone.fleet.refresh();
    expect(alone.fleet.othersHaveRoom()).toBe(false);
    await alone.fleet.stop();
  });

  it('believes no report older than three intervals, and forgets one a minute old', async () => {
    const nowMs = Date.now();
    await redis.hset(roomKey(prefix), 'quiet', `1:${nowMs - 3_001}`, 'dead', `1:${nowMs - 60_001}`);
    const c = member('c', () => nowMs);
    await c.fleet.refresh();
    expect(c.fleet.othersHaveRoom()).toBe(false);
    expect((await redis.hkeys(roomKey(prefix))).sort()).toEqual(['c', 'quiet']);
    await c.fleet.stop();
    await redis.del(roomKey(prefix));
  });

  it('takes others to have room again once its last read is older than three intervals', async () => {
    let nowMs = Date.now();
    const a = member('a2', () => nowMs, false);
    const b = member('b2', () => nowMs, false);
    await a.fleet.refresh();
    await b.fleet.refresh();
    expect(b.fleet.othersHaveRoom()).toBe(false);
    nowMs += 3_001; // no read since (a Redis that stopped answering)
    expect(b.fleet.othersHaveRoom()).toBe(true);
    await Promise.all([a.fleet.stop(), b.fleet.stop()]);
  });

  it('takes others to have room when Redis cannot be read (the behaviour without reports)', async () => {
    // Nothing listens on port 1: every command fails after the connection's few retries.
    const broken = createRedisConnection('redis://127.0.0.1:1');
    broken.on('error', () => undefined);
    const fleet = startFleetRoom({ connection: broken, prefix, workerId: 'x', hasRoom: () => false, now: () => Date.now(), logger, intervalMs: 3_600_000 });
    await fleet.refresh();
    expect(fleet.othersHaveRoom()).toBe(true);
    await fleet.stop();
    broken.disconnect();
  });
});

describe('othersWithRoom', () => {
  const nowMs = 1_000_000;
  it('counts only other workers that reported room recently', () => {
    expect(othersWithRoom({ me: `1:${nowMs}` }, 'me', nowMs)).toBe(false);
    expect(othersWithRoom({ me: `0:${nowMs}`, b: `0:${nowMs}` }, 'me', nowMs)).toBe(false);
    expect(othersWithRoom({ me: `0:${nowMs}`, b: `1:${nowMs - 3_000}` }, 'me', nowMs)).toBe(true);
    expect(othersWithRoom({ me: `0:${nowMs}`, b: `1:${nowMs - 3_001}` }, 'me', nowMs)).toBe(false);
  });
});

describe('capacityMeter', () => {
  it('has room when it spent less than half of the period at its concurrency', () => {
    let nowMs = 0;
    const runs = capacityMeter(2, () => nowMs);
    runs.started();
    runs.started(); // full from 0
    nowMs = 400;
    runs.ended(); // 400 ms full
    nowMs = 1_000;
    expect(runs.hadRoom()).toBe(true);

    runs.started(); // full again from 1,000, and past it
    runs.started();
    expect(runs.inFlight).toBe(3);
    nowMs = 1_600;
    runs.ended(); // still full
    nowMs = 2_000;
    expect(runs.hadRoom()).toBe(false); // full all 1,000 ms, and still

    nowMs = 2_400;
    runs.ended(); // 400 ms full in this period
    runs.ended();
    nowMs = 3_000;
    expect(runs.hadRoom()).toBe(true);
    expect(runs.inFlight).toBe(0);
  });
});
