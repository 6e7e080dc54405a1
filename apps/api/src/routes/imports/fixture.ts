// Test fixture for the import routes: the real app (with the pool and a chosen upload limit) on a
// private database, plus helpers to build multipart bodies.
import type { FastifyInstance } from 'fastify';
import { createDatabase, ensureBootstrapKey, type Database } from '@autocall/db';
import { createQueues, type Queues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix } from '@autocall/testing';
import { buildApp } from '../../app.ts';

export const KEY = 'imports-test-admin-key-0123456789';
export const auth = { authorization: `Bearer ${KEY}` };
export const BOUNDARY = 'x-import-test-boundary';

export type ImportFixture = { app: FastifyInstance; db: Database; queues: Queues; tenantId: string; close(): Promise<void> };

export async function startImportApp(options: { uploadLimitBytes?: number } = {}): Promise<ImportFixture> {
  const testDb = await createTestDatabase();
  const db = createDatabase(testDb.url);
  const prefix = uniqueQueuePrefix();
  const queues = createQueues({ redisUrl: testRedisUrl(), prefix });
  const { tenantId } = await ensureBootstrapKey(db.prisma, KEY);
  const app = await buildApp({
    prisma: db.prisma,
    pool: db.pool,
    queues,
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    maxCallsPerBatch: 50,
    defaultCountry: 'VN',
    webhookSecret: 'imports-test-webhook-secret',
    uploadLimitBytes: options.uploadLimitBytes,
  });
  await app.ready();
  return {
    app,
    db,
    queues,
    tenantId,
    async close() {
      await app.close();
      await queues.close();
      await db.close();
      await cleanupRedisPrefix(testRedisUrl(), prefix);
      await testDb.drop();
    },
  };
}

export const settings = (overrides: Record<string, unknown> = {}) => ({
  name: 'upload',
  scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
  numberCallPerTime: 5,
  durationOfEachCall: 30,
  ...overrides,
});

type Part = { name: string; value: string; filename?: string };

export function multipartBody(parts: Part[]): { payload: string; headers: Record<string, string> } {
  let payload = '';
  for (const part of parts) {
    payload += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    payload += part.filename ? `; filename="${part.filename}"\r\nContent-Type: text/csv\r\n\r\n` : '\r\n\r\n';
    payload += `${part.value}\r\n`;
  }
  payload += `--${BOUNDARY}--\r\n`;
  return { payload, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

export const upload = (campaign: unknown, file: string) =>
  multipartBody([
    { name: 'campaign', value: typeof campaign === 'string' ? campaign : JSON.stringify(campaign) },
    { name: 'file', value: file, filename: 'numbers.csv' },
  ]);
