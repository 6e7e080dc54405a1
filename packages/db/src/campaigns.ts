import type { PrismaClient } from './client.ts';
import { recordTransition } from './campaign-events.ts';

export type NewCampaign = {
  tenantId: string;
  name: string;
  sendTimeMs: number;
  numberCallPerTime: number;
  durationOfEachCall: number;
  maxRetryOfDetail: number;
  retryAfterSeconds: number;
  scripts: unknown[];
  numberCallOuts: string[];
  source: 'native' | 'omicall';
  // Call windows and frequency cap; left out, the column defaults apply (any time, no cap).
  timeZone?: string;
  callWindows?: object | null;
  skipDates?: string[];
  dailyAttemptCap?: number | null;
  // Valid numbers in national form, already de-duplicated, with their place in the submitted list.
  accepted: { phone: string; position: number }[];
  invalid: { input: string; reason: string; position: number }[];
  duplicateCount: number;
  actor: string;
  nowMs: number;
};

// Stores the campaign and all its numbers in one transaction: either the whole campaign exists
// (and the sweep will schedule it even if the enqueue after commit never happens) or nothing does.
// Numbers on the tenant's do-not-call list are stored as `suppressed` (and not counted as accepted).
export async function createCampaign(prisma: PrismaClient, input: NewCampaign): Promise<{ id: string; suppressed: number }> {
  return prisma.$transaction(
    async (tx) => {
      const campaign = await tx.campaign.create({
        data: { ...campaignRow(input), acceptedCount: input.accepted.length, duplicateCount: input.duplicateCount, invalidCount: input.invalid.length },
        select: { id: true },
      });
      const sendTime = new Date(input.sendTimeMs);
      // Set-based: one statement whatever the list size.
      await tx.$executeRaw`
        INSERT INTO campaign_numbers (campaign_id, position, phone, status, next_attempt_at)
        SELECT ${campaign.id}::uuid, t.position, t.phone,
          CASE WHEN s.phone IS NULL THEN 'pending'::call_status ELSE 'suppressed'::call_status END, ${sendTime}
        FROM unnest(${input.accepted.map((a) => a.phone)}::text[], ${input.accepted.map((a) => a.position)}::int[]) AS t(phone, position)
        LEFT JOIN suppressed_numbers s ON s.tenant_id = ${input.tenantId}::uuid AND s.phone = t.phone`;
      const [{ suppressed }] = (await tx.$queryRaw<{ suppressed: number }[]>`
        SELECT count(*)::int AS suppressed FROM campaign_numbers WHERE campaign_id = ${campaign.id}::uuid AND status = 'suppressed'`) as [{ suppressed: number }];
      if (suppressed > 0) {
        await tx.campaign.update({ where: { id: campaign.id }, data: { acceptedCount: input.accepted.length - suppressed } });
      }
      if (input.invalid.length > 0) {
        await tx.$executeRaw`
          INSERT INTO campaign_numbers (campaign_id, position, phone, status, invalid_reason)
          SELECT ${campaign.id}::uuid, t.position, t.phone, 'invalid'::call_status, t.reason
          FROM unnest(${input.invalid.map((i) => i.input)}::text[], ${input.invalid.map((i) => i.position)}::int[],
                      ${input.invalid.map((i) => i.reason)}::text[]) AS t(phone, position, reason)
          ON CONFLICT (campaign_id, phone) DO NOTHING`;
      }
      await recordTransition(tx, { campaignId: campaign.id, from: null, to: 'scheduled', actor: input.actor, atMs: input.nowMs });
      return { id: campaign.id, suppressed };
    },
    { timeout: 120_000 },
  );
}

export type CampaignSettingsRow = Omit<NewCampaign, 'accepted' | 'invalid' | 'duplicateCount' | 'actor'>;

// The campaign row as a new campaign starts: scheduled, woken at its send time. Left out, the call
// window columns keep their defaults (any time, no cap).
export function campaignRow(input: CampaignSettingsRow) {
  return {
    tenantId: input.tenantId,
    name: input.name,
    status: 'scheduled' as const,
    sendTime: new Date(input.sendTimeMs),
    numberCallPerTime: input.numberCallPerTime,
    durationOfEachCall: input.durationOfEachCall,
    maxRetryOfDetail: input.maxRetryOfDetail,
    retryAfterSeconds: input.retryAfterSeconds,
    scripts: input.scripts as object[],
    numberCallOuts: input.numberCallOuts,
    source: input.source,
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    ...(input.callWindows ? { callWindows: input.callWindows } : {}),
    ...(input.skipDates !== undefined ? { skipDates: input.skipDates } : {}),
    ...(input.dailyAttemptCap !== undefined ? { dailyAttemptCap: input.dailyAttemptCap } : {}),
    nextWakeAt: new Date(input.sendTimeMs),
    createdAt: new Date(input.nowMs),
  };
}
