import type { Db } from './client.ts';

// Campaigns that are not finished. Finished ones only ever accumulate: counting them would make
// every scrape slower as the history grows.
export const LIVE_CAMPAIGN_STATUSES = ['scheduled', 'running', 'paused'] as const;

// What an operator watches that lives in Postgres, read for a Prometheus scrape. Every query reads
// a range of an index on status ((status) / (status, next_attempt_at)) that holds only
// live work (live campaigns, pending deliveries), so a scrape stays cheap however long the history.
export type OpsStats = {
  campaignsByStatus: { status: (typeof LIVE_CAMPAIGN_STATUSES)[number]; campaigns: number }[];
  // Paused campaigns that carry a pause reason: only the provider sets one (a user pause clears it).
  pausedByProvider: { reason: string; campaigns: number }[];
  outboxPending: number;
  // next_attempt_at of the oldest pending delivery that is due (a claimed one is pushed ahead by
  // its lease, so this is work nobody has picked up); null when none is due.
  outboxOldestDueAtMs: number | null;
};

export async function readOpsStats(db: Db, nowMs: number): Promise<OpsStats> {
  const [byStatus, paused, outbox] = await Promise.all([
    db.$queryRaw<{ status: (typeof LIVE_CAMPAIGN_STATUSES)[number]; n: number }[]>`
      SELECT status::text AS status, count(*)::int AS n FROM campaigns
      WHERE status IN ('scheduled', 'running', 'paused') GROUP BY status`,
    db.$queryRaw<{ reason: string; n: number }[]>`
      SELECT pause_reason AS reason, count(*)::int AS n FROM campaigns
      WHERE status = 'paused' AND pause_reason IS NOT NULL GROUP BY pause_reason`,
    db.$queryRaw<{ pending: number; oldest_due: Date | null }[]>`
      SELECT count(*)::int AS pending,
             min(next_attempt_at) FILTER (WHERE next_attempt_at <= ${new Date(nowMs)}) AS oldest_due
      FROM webhook_deliveries WHERE status = 'pending'`,
  ]);
  return {
    campaignsByStatus: byStatus.map((r) => ({ status: r.status, campaigns: r.n })),
    pausedByProvider: paused.map((r) => ({ reason: r.reason, campaigns: r.n })),
    outboxPending: outbox[0]?.pending ?? 0,
    outboxOldestDueAtMs: outbox[0]?.oldest_due?.getTime() ?? null,
  };
}
