// 'dialing' is shown, not stored. The claim stores its numbers as 'calling' and the provider's
// acceptance writes only the batch (one row instead of one per number); until then, a number whose
// batch is still `claimed` or `sending` is shown as 'dialing'. A campaign has at most one such batch
// at a time (the claim sends its unsent batch before claiming another), so every read below looks
// at a handful of batch rows and at most one batch's numbers. Stored 'dialing' (fixtures, rows from
// before the change) still reads as 'dialing'.
import type { Db } from './client.ts';
import { Prisma } from './generated/client.ts';
import { statementsOn } from './sql.ts';
import type { CallStatus } from './generated/enums.ts';

const UNSENT = ['claimed', 'sending'] as const;

/** The campaign's batches the provider has not accepted yet (usually none, at most one or two). */
export async function unsentBatchIds(db: Db, campaignId: string): Promise<bigint[]> {
  const rows = await db.batch.findMany({ where: { campaignId, status: { in: [...UNSENT] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** What a number's status is to its readers (API, console, export). */
export function shownStatus(number: { status: string; lastBatchId: bigint | null }, unsent: readonly bigint[]): string {
  return number.status === 'calling' && number.lastBatchId !== null && unsent.includes(number.lastBatchId) ? 'dialing' : number.status;
}

/**
 * Per campaign, how many of its numbers stored 'calling' are shown 'dialing': the open calls of
 * its unsent batches (found by the (campaign_id, status) index on batches, then their calling
 * numbers). Campaigns without any are absent.
 */
export async function dialingCounts(db: Db, campaignIds: readonly string[]): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await statementsOn(db).$queryRaw<{ campaign_id: string; n: number }[]>`
    SELECT b.campaign_id::text, count(*)::int AS n ${DIALING_FROM}
    WHERE b.campaign_id = ANY(${[...campaignIds]}::uuid[]) ${DIALING_WHERE}
    GROUP BY b.campaign_id`;
  return new Map(rows.map((r) => [r.campaign_id, r.n]));
}

/** The same count for one campaign, as a scalar subquery of a bigger statement (the detail's). */
export function dialingCountSql(campaignId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int ${DIALING_FROM} WHERE b.campaign_id = ${campaignId} ${DIALING_WHERE}`;
}

// A number is dialling while the batch that holds its open call is claimed or sending (the calling
// numbers of a batch: the campaign_numbers_open_calls_idx index).
const DIALING_FROM = Prisma.sql`
    FROM batches b
    JOIN campaign_numbers n ON n.campaign_id = b.campaign_id AND n.last_batch_id = b.id`;
const DIALING_WHERE = Prisma.sql`AND b.status IN ('claimed', 'sending') AND n.status = 'calling' AND n.last_batch_id = b.id`;

/** Moves `dialing` numbers out of the stored 'calling' count (counts by status, as the triggers keep them). */
export function withDialing(numbers: Record<string, number>, dialing: number): Record<string, number> {
  if (dialing === 0) return numbers;
  const calling = (numbers.calling ?? 0) - dialing;
  const { calling: _stored, ...rest } = numbers;
  return { ...rest, dialing: (numbers.dialing ?? 0) + dialing, ...(calling > 0 ? { calling } : {}) };
}

// Which stored 'calling' numbers a filter on shown statuses keeps.
export type CallingPart = { kind: 'none' } | { kind: 'all' } | { kind: 'in' | 'notIn'; batchIds: bigint[] };

/**
 * A filter on shown statuses as conditions on the stored ones: 'dialing' also means stored
 * 'calling' in an unsent batch; 'calling' means stored 'calling' in any other batch.
 */
export function storedStatusFilter(statuses: readonly string[], unsent: readonly bigint[]): { stored: CallStatus[]; calling: CallingPart } {
  const wantsDialing = statuses.includes('dialing');
  const wantsCalling = statuses.includes('calling');
  const stored = statuses.filter((s) => s !== 'calling') as CallStatus[];
  let calling: CallingPart = { kind: 'none' };
  if (wantsCalling && (wantsDialing || unsent.length === 0)) calling = { kind: 'all' };
  else if (wantsCalling) calling = { kind: 'notIn', batchIds: [...unsent] };
  else if (wantsDialing && unsent.length > 0) calling = { kind: 'in', batchIds: [...unsent] };
  return { stored, calling };
}
