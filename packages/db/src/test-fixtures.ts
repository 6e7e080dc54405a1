import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autocall/testing';
import { createDatabase, type Database } from './client.ts';
import { claimNextBatch, type ClaimOptions } from './dispatch.ts';
import type { PrismaClient } from './client.ts';
import { createCampaign, type NewCampaign } from './campaigns.ts';
import { createTenant } from './api-keys.ts';

// A campaign with `count` distinct valid VN mobile numbers, for tests of the data layer.
export async function seedCampaign(
  prisma: PrismaClient,
  overrides: Partial<NewCampaign> & { count?: number } = {},
): Promise<{ id: string; tenantId: string; phones: string[] }> {
  const tenantId = overrides.tenantId ?? (await createTenant(prisma, 'test')).id;
  const phones = Array.from({ length: overrides.count ?? 10 }, (_, i) => `09${String(10_000_000 + i).padStart(8, '0')}`);
  const nowMs = overrides.nowMs ?? Date.UTC(2026, 0, 1);
  const campaign = await createCampaign(prisma, {
    tenantId,
    name: 'fixture',
    sendTimeMs: nowMs,
    numberCallPerTime: 4,
    durationOfEachCall: 10,
    maxRetryOfDetail: 1,
    retryAfterSeconds: 60,
    scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
    numberCallOuts: [],
    source: 'native',
    accepted: phones.map((phone, position) => ({ phone, position })),
    invalid: [],
    duplicateCount: 0,
    actor: 'test',
    nowMs,
    ...overrides,
  });
  return { id: campaign.id, tenantId, phones };
}

// A private migrated database for one test file, opened before its tests and dropped after.
export function useTestDb(): { readonly db: Database } {
  const handle = {} as { db: Database; testDb: TestDatabase };
  beforeAll(async () => {
    handle.testDb = await createTestDatabase();
    handle.db = createDatabase(handle.testDb.url);
  });
  afterAll(async () => {
    await handle.db?.close();
    await handle.testDb?.drop();
  });
  return handle;
}

// How many dials the tenant's frequency-cap log holds (a row per batch, its numbers in `phones`).
export async function dialsLogged(prisma: PrismaClient, tenantId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT COALESCE(sum(cardinality(phones)), 0)::int AS n FROM dial_log WHERE tenant_id = ${tenantId}::uuid`;
  return row?.n ?? 0;
}

// The batches whose dials of `phone` the tenant's log holds, one entry per dial.
export async function dialsOf(prisma: PrismaClient, tenantId: string, phone: string): Promise<{ batchId: bigint | null }[]> {
  return prisma.$queryRaw<{ batchId: bigint | null }[]>`
    SELECT batch_id AS "batchId" FROM dial_log WHERE tenant_id = ${tenantId}::uuid AND phones @> ARRAY[${phone}] ORDER BY id`;
}

// claimNextBatch as one worker with the defaults the db tests share.
// Backends of this database waiting for a lock (a row lock or an advisory lock).
export async function lockWaiters(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row?.n ?? 0;
}

export function claimAs(prisma: PrismaClient, campaignId: string, nowMs: number, extra: Partial<ClaimOptions> = {}) {
  return claimNextBatch(prisma, { campaignId, nowMs, workerId: 'w1', leaseMs: 30_000, outcomeTimeoutMs: 600_000, ...extra });
}

export type FixtureDial = { position: number; attempt?: number; outcome: string; status: string };

// Dials numbers (by list position) in a batch of slot `slot` at `atMs`, written straight into the
// tables as the worker leaves them: the batch sent 150 ms later, one attempt per number with its
// outcome (a call with outcome 'pending' has no attempt row but counts in its batch's open calls;
// the call that makes its number final is on the number's row, schema.prisma), the number's status (a number left in `retry` falls due a minute and its position in seconds
// later). For tests of what reads them, independent of how dispatch writes them.
export async function writeDials(prisma: PrismaClient, campaignId: string, slot: number, atMs: number, calls: FixtureDial[]): Promise<void> {
  const open = calls.filter((c) => c.outcome === 'pending').length;
  const [batch] = await prisma.$queryRaw<{ id: bigint }[]>`
    INSERT INTO batches (campaign_id, slot_index, slot_time, status, size, sent_at, dialed_at, open_calls)
    VALUES (${campaignId}::uuid, ${slot}, ${new Date(atMs)}, 'sent', ${calls.length}, ${new Date(atMs + 150)}, ${new Date(atMs)}, ${open}) RETURNING id`;
  for (const call of calls) {
    if (call.outcome !== 'pending' && !['answered', 'failed', 'no_result', 'unknown'].includes(call.status)) {
      await prisma.$executeRaw`
        INSERT INTO call_attempts (number_id, campaign_id, batch_id, attempt_no, dialed_at, outcome)
        SELECT id, campaign_id, ${batch!.id}, ${call.attempt ?? 1}, ${new Date(atMs)}, ${call.outcome}::attempt_outcome
        FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid AND position = ${call.position}`;
    }
    await prisma.$executeRaw`
      UPDATE campaign_numbers SET status = ${call.status}::call_status, attempts = ${call.attempt ?? 1}, last_batch_id = ${batch!.id},
        next_attempt_at = CASE WHEN ${call.status} = 'retry' THEN ${new Date(atMs + 60_000 + call.position * 1_000)}::timestamptz ELSE next_attempt_at END
      WHERE campaign_id = ${campaignId}::uuid AND position = ${call.position}`;
  }
  await prisma.$executeRaw`UPDATE campaigns SET last_slot_index = GREATEST(last_slot_index, ${slot}) WHERE id = ${campaignId}::uuid`;
}
