import './context.ts';

export { createTestDatabase } from './databases.ts';
export type { TestDatabase } from './databases.ts';
export { cleanupRedisPrefix, testRedisUrl, uniqueQueuePrefix } from './redis.ts';
export { waitFor } from './wait.ts';
export type { WaitForOptions } from './wait.ts';
