import type { PrismaClient } from './client.ts';
import { sqlOf } from './sql.ts';

// Wakes that are in someone's hands right now and must not be queued again: due between
// `fromMs` and `toMs` (a worker may hold them in memory, or be running them), or of a campaign
// whose lease is live (its worker is sending and records the next wake itself).
export type InFlight = { fromMs: number; toMs: number };

// Campaigns that need a Redis wake job, read from Postgres (the source of truth). With no horizon,
// every live campaign: used to rebuild Redis after it lost its data. It reads every scheduled and
// running campaign (the status index) and filters on next_wake_at, which is deliberately not
// indexed so that the per-slot updates stay HOT (migration 20261207163509).
export async function findCampaignWakes(
  prisma: PrismaClient,
  options: { nowMs: number; horizonMs: number | null; inFlight?: InFlight; limit?: number },
): Promise<{ campaignId: string; atMs: number }[]> {
  const now = new Date(options.nowMs);
  const before = options.horizonMs === null ? null : new Date(options.nowMs + options.horizonMs);
  const from = options.inFlight ? new Date(options.inFlight.fromMs) : null;
  const to = options.inFlight ? new Date(options.inFlight.toMs) : null;
  const rows = await sqlOf(prisma).$queryRaw<{ id: string; at: Date }[]>`
    SELECT id, COALESCE(next_wake_at, ${now}) AS at FROM campaigns
    WHERE status IN ('scheduled', 'running')
      AND (${before}::timestamptz IS NULL OR next_wake_at IS NULL OR next_wake_at <= ${before}::timestamptz)
      AND (${from}::timestamptz IS NULL OR (
        (lease_until IS NULL OR lease_until < ${now})
        AND (next_wake_at IS NULL OR next_wake_at < ${from}::timestamptz OR next_wake_at > ${to}::timestamptz)))
    ORDER BY next_wake_at NULLS FIRST
    LIMIT ${options.limit ?? 100_000}`;
  return rows.map((r) => ({ campaignId: r.id, atMs: r.at.getTime() }));
}

// Hands the campaign back (lease released) with its next wake recorded, e.g. when a worker stops
// after its time budget or shuts down between batches.
export async function setNextWake(prisma: PrismaClient, campaignId: string, atMs: number, workerId: string): Promise<void> {
  await sqlOf(prisma).$executeRaw`
    UPDATE campaigns SET next_wake_at = ${new Date(atMs)}, lease_owner = NULL, lease_until = NULL
    WHERE id = ${campaignId}::uuid AND (lease_owner IS NULL OR lease_owner = ${workerId})`;
}
