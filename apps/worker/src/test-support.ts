import { afterAll, beforeAll } from 'vitest';
import type { Database } from '@autocall/db';
import { useTestDb } from '@autocall/db/test-fixtures';
import { createQueues, type Queues } from '@autocall/jobs';
import { cleanupRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@autocall/testing';

// A private migrated database and a private Redis queue prefix for one worker test file, opened
// before its tests and removed after.
export function useDbAndQueues(): { readonly db: Database; readonly queues: Queues } {
  const shared = useTestDb();
  const prefix = uniqueQueuePrefix();
  let queues: Queues | undefined;
  beforeAll(() => {
    queues = createQueues({ redisUrl: testRedisUrl(), prefix });
  });
  afterAll(async () => {
    await queues?.close();
    await cleanupRedisPrefix(testRedisUrl(), prefix);
  });
  return {
    get db() {
      return shared.db;
    },
    get queues() {
      if (!queues) throw new Error('useDbAndQueues() is only ready inside tests');
      return queues;
    },
  };
}
