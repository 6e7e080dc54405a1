import { applyCampaignAction, type CampaignStatus } from '@autocall/domain';
import type { Db, PrismaClient } from './client.ts';
import { recordTransition } from './campaign-events.ts';
import { giveBackClaims } from './batch-moves.ts';
import type { Executor } from './sql.ts';

export type LifecycleAction = 'pause' | 'resume' | 'cancel';

export type LifecycleResult =
  | { ok: true; from: CampaignStatus; status: CampaignStatus; wakeAtMs: number | null }
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'invalid_transition'; message: string; current: CampaignStatus };

export type LifecycleRequest = { tenantId: string; campaignId: string; actor: string; reason?: string | null; nowMs: number };

type Locked = { status: CampaignStatus; send_time: Date; duration_of_each_call: number; last_slot_index: number; started_at: Date | null };

// Every change below runs under the campaign's row lock, the same lock claimNextBatch takes, so a
// worker either claimed its batch before the change (and markBatchSending then refuses to send
// it) or sees the new status.
async function lockCampaign(tx: Db, tenantId: string, campaignId: string): Promise<Locked | undefined> {
  const [row] = await tx.$queryRaw<Locked[]>`
    SELECT status, send_time, duration_of_each_call, last_slot_index, started_at FROM campaigns
    WHERE id = ${campaignId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
  return row;
}

/**
 * Pause, resume or cancel. Pause stops new batches (numbers keep their place and retry times);
 * calls already with the provider finish and their outcomes are recorded. Resume continues from
 * the first slot after now, so no slot missed while paused is sent late. Cancel settles every
 * number not yet handed to the provider as `cancelled`.
 */
export async function changeCampaignStatus(prisma: PrismaClient, action: LifecycleAction, request: LifecycleRequest): Promise<LifecycleResult> {
  return prisma.$transaction(async (tx) => {
    const campaign = await lockCampaign(tx, request.tenantId, request.campaignId);
    if (!campaign) return { ok: false, code: 'not_found' };
    const move = applyCampaignAction(campaign.status, action, { startedAt: campaign.started_at });
    if (!move.ok) return { ok: false, code: move.code, message: move.message, current: move.current };
    const { campaignId, nowMs } = request;
    const now = new Date(nowMs);
    let wakeAtMs: number | null = null;
    if (action === 'pause') {
      await releaseUnsentBatches(tx, campaignId, 'paused', now);
      await tx.$executeRaw`
        UPDATE campaigns SET status = 'paused', pause_reason = NULL, pause_detail = NULL, next_wake_at = NULL
        WHERE id = ${campaignId}::uuid`;
    } else if (action === 'resume') {
      wakeAtMs = move.status === 'scheduled' ? Math.max(campaign.send_time.getTime(), nowMs) : nowMs;
      await tx.$executeRaw`
        UPDATE campaigns SET status = ${move.status}::campaign_status, pause_reason = NULL, pause_detail = NULL,
          last_slot_index = ${slotInProgress(campaign, nowMs)}, next_wake_at = ${new Date(wakeAtMs)}
        WHERE id = ${campaignId}::uuid`;
    } else {
      await cancelNumbers(tx, campaignId, now);
      await tx.$executeRaw`
        UPDATE campaigns SET status = 'cancelled', completed_at = ${now}, next_wake_at = NULL, pause_reason = NULL, pause_detail = NULL
        WHERE id = ${campaignId}::uuid`;
    }
    await recordTransition(tx, { campaignId, from: campaign.status, to: move.status, actor: request.actor, reason: request.reason ?? null, atMs: nowMs });
    return { ok: true, from: campaign.status, status: move.status, wakeAtMs };
  });
}

// The last slot that must not be sent any more: the one in progress at now. The grid itself never
// moves, so slots keep their times relative to sendTime.
function slotInProgress(campaign: Locked, nowMs: number): number {
  const stepMs = campaign.duration_of_each_call * 1000;
  const sinceStart = nowMs - campaign.send_time.getTime();
  if (stepMs === 0 || sinceStart < 0) return campaign.last_slot_index;
  return Math.max(campaign.last_slot_index, Math.floor(sinceStart / stepMs));
}

// A batch claimed but not yet sent (markBatchSending now refuses it) gives its numbers back: the
// attempt, its dial-log entry and the claim are taken back, as if it had never been claimed. On
// pause the numbers wait in the pool for the slots after the resume, never for the old slot.
// The caller holds the campaign row (lock order: campaign, batches, numbers).
export async function releaseUnsentBatches(tx: Executor, campaignId: string, why: 'paused' | 'cancelled', now: Date): Promise<void> {
  const released = await tx.$queryRaw<{ id: bigint }[]>`
    UPDATE batches SET status = 'rejected', last_error = ${why}
    WHERE campaign_id = ${campaignId}::uuid AND status = 'claimed'
    RETURNING id`;
  await giveBackClaims(tx, { batchIds: released.map((b) => b.id), to: why === 'cancelled' ? 'cancelled' : 'pool', now });
}

// Undialled numbers, including those in a batch claimed but not yet sent, become cancelled.
// Numbers in a batch that is being sent are left alone: the provider may have them, and their
// outcome is still recorded.
async function cancelNumbers(tx: Db, campaignId: string, now: Date): Promise<void> {
  await releaseUnsentBatches(tx, campaignId, 'cancelled', now);
  await tx.$executeRaw`
    UPDATE campaign_numbers SET status = 'cancelled', updated_at = ${now}
    WHERE campaign_id = ${campaignId}::uuid AND status IN ('pending', 'retry')`;
}

export type CampaignEdit = {
  name?: string;
  sendTimeMs?: number;
  scripts?: unknown[];
  numberCallOuts?: string[];
  numberCallPerTime?: number;
  durationOfEachCall?: number;
  maxRetryOfDetail?: number;
  retryAfterSeconds?: number;
  timeZone?: string;
  callWindows?: object | null;
  skipDates?: string[];
  dailyAttemptCap?: number | null;
};

/**
 * Changes a campaign that has not started. A new send time moves the numbers' first attempt and
 * the campaign's wake with it; the caller queues a wake at `wakeAtMs` (a wake left at the old time
 * is harmless: the worker finds the campaign not yet due and sleeps again).
 */
export async function editScheduledCampaign(
  prisma: PrismaClient,
  request: LifecycleRequest & { edit: CampaignEdit },
): Promise<LifecycleResult> {
  return prisma.$transaction(async (tx) => {
    const campaign = await lockCampaign(tx, request.tenantId, request.campaignId);
    if (!campaign) return { ok: false, code: 'not_found' };
    const move = applyCampaignAction(campaign.status, 'edit');
    if (!move.ok) return { ok: false, code: move.code, message: move.message, current: move.current };
    const { edit, campaignId } = request;
    const sendTime = edit.sendTimeMs === undefined ? undefined : new Date(edit.sendTimeMs);
    await tx.campaign.update({
      where: { id: campaignId },
      data: {
        name: edit.name,
        scripts: edit.scripts as object[] | undefined,
        numberCallOuts: edit.numberCallOuts,
        numberCallPerTime: edit.numberCallPerTime,
        durationOfEachCall: edit.durationOfEachCall,
        maxRetryOfDetail: edit.maxRetryOfDetail,
        retryAfterSeconds: edit.retryAfterSeconds,
        timeZone: edit.timeZone,
        skipDates: edit.skipDates,
        dailyAttemptCap: edit.dailyAttemptCap,
        ...(sendTime ? { sendTime, nextWakeAt: sendTime, lastSlotIndex: -1 } : {}),
      },
    });
    if (edit.callWindows !== undefined) {
      // Prisma writes SQL NULL into a Json column only through its DbNull marker; raw SQL is plainer.
      await tx.$executeRaw`
        UPDATE campaigns SET call_windows = ${edit.callWindows === null ? null : JSON.stringify(edit.callWindows)}::jsonb
        WHERE id = ${campaignId}::uuid`;
    }
    if (sendTime) {
      await tx.$executeRaw`
        UPDATE campaign_numbers SET next_attempt_at = ${sendTime}
        WHERE campaign_id = ${campaignId}::uuid AND status = 'pending'`;
    }
    const changed = Object.keys(edit).filter((key) => edit[key as keyof CampaignEdit] !== undefined);
    await recordTransition(tx, {
      campaignId,
      from: campaign.status,
      to: campaign.status,
      actor: request.actor,
      reason: request.reason ?? `edited: ${changed.join(', ')}`,
      atMs: request.nowMs,
    });
    return { ok: true, from: campaign.status, status: campaign.status, wakeAtMs: sendTime ? sendTime.getTime() : null };
  });
}

export type CampaignEventView = { id: bigint; from: CampaignStatus | null; to: CampaignStatus; actor: string; reason: string | null; at: Date };

// The audit trail, oldest first, keyset-paginated by event id.
export async function listCampaignEvents(
  db: Db,
  input: { campaignId: string; limit: number; afterId?: bigint },
): Promise<{ items: CampaignEventView[]; nextAfterId: bigint | null }> {
  const rows = await db.campaignEvent.findMany({
    where: { campaignId: input.campaignId, ...(input.afterId !== undefined ? { id: { gt: input.afterId } } : {}) },
    orderBy: { id: 'asc' },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    from: r.fromStatus,
    to: r.toStatus,
    actor: r.actor,
    reason: r.reason,
    at: r.createdAt,
  }));
  return { items, nextAfterId: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
