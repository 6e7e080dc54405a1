// Builds the real API for tests: a private, migrated Postgres database, a private Redis key
// prefix, and `app.inject` for requests. No mocks: what a test sees is what a client would see.
// Every reply is checked against the OpenAPI document the app serves; a reply that does not
// match it fails the test file (at close()).
import { Writable } from 'node:stream';
import type { FastifyInstance, onSendHookHandler } from 'fastify';
import { createApiKey, createDatabase, createTenant, ensureBootstrapKey, type Database, type KeyRole } from '@autocall/db';
import { createQueues, type Queues } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { cleanupRedisPrefix, createTestDatabase, testRedisUrl, uniqueQueuePrefix } from '@autocall/testing';
import { buildApp } from './app.ts';
import { createContractChecker, type ContractChecker, type OpenApiDocument } from './contract.ts';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export type TestAppOptions = {
  now?: () => number;
  maxCallsPerBatch?: number;
  bodyLimitBytes?: number;
  // Queues point here instead of the test Redis (e.g. a closed port, to test /readyz).
  redisUrl?: string;
  // Every log line the app writes, as raw JSON text.
  captureLogs?: boolean;
  // The console build to serve at `/` (apps/web/dist by default).
  consoleDir?: string;
  // The database pool: its size and how long a request waits for a connection (see server.ts).
  pool?: { max?: number; acquireTimeoutMs?: number };
};

export type TestApp = {
  app: FastifyInstance;
  db: Database;
  queues: Queues;
  tenantId: string;
  adminKey: string;
  logs: string[];
  // Replies checked against the OpenAPI document, and what did not match it.
  contract: { checked: number; violations: string[] };
  // A key for a tenant (a new one unless given); returns its secret.
  createKey(options?: { role?: KeyRole; tenantId?: string }): Promise<{ secret: string; id: string; tenantId: string }>;
  // Row counts that must not move when a request is refused.
  countRows(): Promise<{ campaigns: number; numbers: number; providerEvents: number }>;
  // Throws when a reply did not match the document.
  close(): Promise<void>;
};

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const db = createDatabase(testDb.url, options.pool);
  const prefix = uniqueQueuePrefix();
  const queues = createQueues({ redisUrl: options.redisUrl ?? testRedisUrl(), prefix });
  // A closed port makes ioredis retry forever; the error events are expected there, not noise.
  if (options.redisUrl) {
    queues.connection.on('error', () => undefined);
    queues.campaignWake.on('error', () => undefined);
  }
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = options.captureLogs
    ? createLogger({ level: 'trace' }, sink)
    : createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const { tenantId } = await ensureBootstrapKey(db.prisma, TEST_ADMIN_KEY);
  const contract = { checked: 0, violations: [] as string[] };
  let checker: ContractChecker | undefined;
  const inspectReply: onSendHookHandler = async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (!route) return payload;
    checker ??= createContractChecker(app.swagger() as unknown as OpenApiDocument);
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : undefined;
    const contentType = reply.getHeader('content-type');
    contract.checked += 1;
    contract.violations.push(
      ...checker.check({ method: request.method, route, statusCode: reply.statusCode, contentType: contentType === undefined ? undefined : String(contentType), body }),
    );
    return payload;
  };
  const app = await buildApp({
    prisma: db.prisma,
    pool: db.pool,
    queues,
    logger,
    now: options.now,
    maxCallsPerBatch: options.maxCallsPerBatch ?? 50,
    defaultCountry: 'VN',
    webhookSecret: TEST_WEBHOOK_SECRET,
    bodyLimitBytes: options.bodyLimitBytes,
    consoleDir: options.consoleDir,
    inspectReply,
  });
  await app.ready();

  return {
    app,
    db,
    queues,
    tenantId,
    adminKey: TEST_ADMIN_KEY,
    logs,
    contract,
    async createKey(key = {}) {
      const owner = key.tenantId ?? (await createTenant(db.prisma, 'other')).id;
      const created = await createApiKey(db.prisma, { tenantId: owner, name: 'test', role: key.role ?? 'member' });
      return { ...created, tenantId: owner };
    },
    async countRows() {
      const [campaigns, numbers, providerEvents] = await Promise.all([
        db.prisma.campaign.count(),
        db.prisma.campaignNumber.count(),
        db.prisma.providerEvent.count(),
      ]);
      return { campaigns, numbers, providerEvents };
    },
    async close() {
      await app.close();
      await queues.close();
      await db.close();
      if (!options.redisUrl) await cleanupRedisPrefix(testRedisUrl(), prefix);
      await testDb.drop();
      if (contract.violations.length > 0) {
        throw new Error(`${contract.violations.length} replies did not match the OpenAPI document:\n${contract.violations.slice(0, 20).join('\n')}`);
      }
    },
  };
}

// A valid create payload; tests override what they are about.
export function campaignBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test campaign',
    scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
    numberCallPerTime: 2,
    durationOfEachCall: 30,
    maxRetryOfDetail: 1,
    retryAfterSeconds: 60,
    phoneNumbers: ['0395187319', '0912345678', '0987654321'],
    ...overrides,
  };
}
