import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import './context.ts';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

// A BullMQ prefix no other test or running instance uses, so tests never see foreign keys.
export function uniqueQueuePrefix(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

// Deletes every key under `<prefix>:` and nothing else.
export async function cleanupRedisPrefix(url: string, prefix: string): Promise<void> {
  if (!prefix) throw new Error('cleanupRedisPrefix needs a non-empty prefix');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
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
