import type { PrismaClient } from './client.ts';

// Campaigns that need a Redis wake job, read from Postgres (the source of truth). With no horizon,
// every live campaign: used to rebuild Redis after it lost its data.
export async function findCampaignWakes(
  prisma: PrismaClient,
  options: { nowMs: number; horizonMs: number | null; limit?: number },
): Promise<{ campaignId: string; atMs: number }[]> {
  const before = options.horizonMs === null ? null : new Date(options.nowMs + options.horizonMs);
  const rows = await prisma.$queryRaw<{ id: string; at: Date }[]>`
    SELECT id, COALESCE(next_wake_at, ${new Date(options.nowMs)}) AS at FROM campaigns
    WHERE status IN ('scheduled', 'running')
      AND (${before}::timestamptz IS NULL OR next_wake_at IS NULL OR next_wake_at <= ${before}::timestamptz)
    ORDER BY next_wake_at NULLS FIRST
    LIMIT ${options.limit ?? 100_000}`;
  return rows.map((r) => ({ campaignId: r.id, atMs: r.at.getTime() }));
}

// Hands the campaign back (lease released) with its next wake recorded, e.g. when a worker stops
// after its time budget or shuts down between batches.
export async function setNextWake(prisma: PrismaClient, campaignId: string, atMs: number, workerId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE campaigns SET next_wake_at = ${new Date(atMs)}, lease_owner = NULL, lease_until = NULL
    WHERE id = ${campaignId}::uuid AND (lease_owner IS NULL OR lease_owner = ${workerId})`;
}
