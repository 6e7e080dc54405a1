import type { Db } from './client.ts';
import type { Prisma } from './generated/client.ts';
import type { CallStatus } from './generated/enums.ts';
import { dialingCounts, shownStatus, unsentBatchIds, withDialing } from './in-flight.ts';
import { numberWhere, type PhoneMatch } from './number-filter.ts';

type CampaignStatus = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

export async function findCampaign(db: Db, tenantId: string, id: string) {
  return db.campaign.findFirst({ where: { id, tenantId } });
}

// Reads the counters the triggers keep (campaign_counts), four index probes for the due range and
// the numbers of a batch not yet accepted (shown 'dialing', in-flight.ts): the same cost for a
// campaign of 10 numbers and one of 10 million.
export async function campaignCounts(db: Db, campaignId: string) {
  const [counters, dueRows, dialing] = await Promise.all([
    db.$queryRaw<{ name: string; n: bigint }[]>`
      SELECT name, n FROM campaign_counts WHERE campaign_id = ${campaignId}::uuid AND n <> 0`,
    db.$queryRaw<{ status: 'pending' | 'retry'; first: Date | null; last: Date | null }[]>`
      SELECT s.status,
        (SELECT min(next_attempt_at) FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid AND status = s.status::call_status) AS first,
        (SELECT max(next_attempt_at) FROM campaign_numbers WHERE campaign_id = ${campaignId}::uuid AND status = s.status::call_status) AS last
      FROM unnest(ARRAY['pending', 'retry']) AS s(status)`,
    dialingCounts(db, [campaignId]),
  ]);
  let numbers: Record<string, number> = {};
  const batches: Record<string, number> = {};
  let attempts = 0;
  for (const { name, n } of counters) {
    const [kind, status] = name.split(':') as [string, string | undefined];
    if (kind === 'number' && status) numbers[status] = Number(n);
    else if (kind === 'batch' && status) batches[status] = Number(n);
    else if (kind === 'attempts') attempts = Number(n);
  }
  numbers = withDialing(numbers, dialing.get(campaignId) ?? 0);
  const due: Partial<Record<'pending' | 'retry', { firstMs: number; lastMs: number }>> = {};
  for (const row of dueRows) {
    if (numbers[row.status] && row.first && row.last) due[row.status] = { firstMs: row.first.getTime(), lastMs: row.last.getTime() };
  }
  return { numbers, batches, attempts, due };
}

export type Page<T> = { items: T[]; nextCursor: string | null };

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

// Newest first, keyset-paginated so page 1,000 costs what page 1 costs.
export async function listCampaigns(
  db: Db,
  input: { tenantId: string; status?: CampaignStatus; limit: number; cursor?: string },
) {
  const after = decodeCursor(input.cursor);
  const where: Prisma.CampaignWhereInput = { tenantId: input.tenantId, ...(input.status ? { status: input.status } : {}) };
  if (after && typeof after[0] === 'string' && typeof after[1] === 'string') {
    const createdAt = new Date(after[0]);
    where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after[1] } }];
  }
  const rows = await db.campaign.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: input.limit + 1 });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

// Numbers in list order with every attempt (time, batch, outcome): two queries per page. `status`
// (one or several) and `phone` narrow the list (see NumberFilter).
export async function listCalls(
  db: Db,
  input: { campaignId: string; status?: string | readonly string[]; phone?: PhoneMatch; limit: number; cursor?: string },
) {
  const after = decodeCursor(input.cursor);
  // A cursor is the client's to send back: anything but what this function wrote starts over.
  const afterPosition = Number.isSafeInteger(after?.[0]) && Math.abs(after![0] as number) < 2 ** 31 ? (after![0] as number) : -1;
  const afterId = typeof after?.[1] === 'string' && /^\d{1,18}$/.test(after[1]) ? BigInt(after[1]) : -1n;
  const statuses = input.status === undefined ? undefined : typeof input.status === 'string' ? [input.status] : input.status;
  const unsent = await unsentBatchIds(db, input.campaignId);
  const numbers = await db.campaignNumber.findMany({
    where: {
      campaignId: input.campaignId,
      ...numberWhere({ statuses, phone: input.phone, unsentBatchIds: unsent }),
      // position >= p bounds the index range; the OR only breaks ties on the same position.
      position: { gte: afterPosition },
      OR: [{ position: { gt: afterPosition } }, { id: { gt: afterId } }],
    },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  const page = numbers.slice(0, input.limit);
  const attempts = await db.callAttempt.findMany({
    where: { campaignId: input.campaignId, numberId: { in: page.map((n) => n.id) } },
    include: { batch: { select: { slotIndex: true, providerSessionId: true, sentAt: true } } },
    orderBy: [{ numberId: 'asc' }, { attemptNo: 'asc' }],
  });
  const byNumber = Map.groupBy(attempts, (a) => a.numberId);
  const last = page.at(-1);
  return {
    items: page.map((n) => ({ number: { ...n, status: shownStatus(n, unsent) as CallStatus }, attempts: byNumber.get(n.id) ?? [] })),
    nextCursor: numbers.length > input.limit && last ? encodeCursor([last.position, String(last.id)]) : null,
  };
}

export async function listBatches(db: Db, input: { campaignId: string; limit: number; cursor?: string }) {
  const after = decodeCursor(input.cursor);
  const afterSlot = typeof after?.[0] === 'number' ? after[0] : -1;
  const rows = await db.batch.findMany({
    where: { campaignId: input.campaignId, slotIndex: { gt: afterSlot } },
    orderBy: { slotIndex: 'asc' },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.slotIndex]) : null };
}
