// "Call again": a new campaign for the numbers of an earlier one that ended in some statuses.
import type { PrismaClient } from './client.ts';
import { recordTransition } from './campaign-events.ts';
import { campaignRow, type CampaignSettingsRow } from './campaigns.ts';

export type CallAgainCampaign = CampaignSettingsRow & { sourceCampaignId: string; statuses: readonly string[]; actor: string };

export type CallAgainOutcome =
  | { kind: 'created'; id: string; accepted: number; suppressed: number }
  // The source has no number in those statuses (`matched` 0), or all of them are on the do-not-call list.
  | { kind: 'no_numbers'; matched: number; suppressed: number };

class NothingToCall extends Error {
  readonly matched: number;
  readonly suppressed: number;
  constructor(matched: number, suppressed: number) {
    super('nothing to call');
    this.matched = matched;
    this.suppressed = suppressed;
  }
}

/**
 * Stores the new campaign with exactly the source campaign's numbers in `statuses`, in their list
 * order (positions 0..n-1), in one transaction: the campaign row, one INSERT ... SELECT for the
 * numbers whatever their count (do-not-call list checked again: such numbers are stored as
 * `suppressed`), its first audit event. Nothing is stored when no number would be called.
 */
export async function createCallAgainCampaign(prisma: PrismaClient, input: CallAgainCampaign): Promise<CallAgainOutcome> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        const campaign = await tx.campaign.create({ data: campaignRow(input), select: { id: true } });
        const matched = await tx.$executeRaw`
          INSERT INTO campaign_numbers (campaign_id, position, phone, status, next_attempt_at)
          SELECT ${campaign.id}::uuid, (row_number() OVER (ORDER BY n.position, n.id) - 1)::int, n.phone,
                 CASE WHEN s.phone IS NULL THEN 'pending'::call_status ELSE 'suppressed'::call_status END, ${new Date(input.sendTimeMs)}
          FROM campaign_numbers n
          JOIN campaigns source ON source.id = n.campaign_id AND source.tenant_id = ${input.tenantId}::uuid
          LEFT JOIN suppressed_numbers s ON s.tenant_id = ${input.tenantId}::uuid AND s.phone = n.phone
          WHERE n.campaign_id = ${input.sourceCampaignId}::uuid AND n.status = ANY(${[...input.statuses]}::call_status[])
          ORDER BY n.position, n.id`;
        const [row] = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM campaign_numbers WHERE campaign_id = ${campaign.id}::uuid AND status = 'suppressed'`;
        const suppressed = row?.n ?? 0;
        const accepted = matched - suppressed;
        // Thrown to roll the campaign row back.
        if (accepted === 0) throw new NothingToCall(matched, suppressed);
        await tx.campaign.update({ where: { id: campaign.id }, data: { acceptedCount: accepted } });
        const reason = `call again: numbers of campaign ${input.sourceCampaignId} that ended ${input.statuses.join(', ')}`;
        await recordTransition(tx, { campaignId: campaign.id, from: null, to: 'scheduled', actor: input.actor, reason, atMs: input.nowMs });
        return { kind: 'created' as const, id: campaign.id, accepted, suppressed };
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof NothingToCall) return { kind: 'no_numbers', matched: error.matched, suppressed: error.suppressed };
    throw error;
  }
}
