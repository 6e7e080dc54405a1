import type { Db } from './client.ts';
import { decodeCursor } from './campaign-queries.ts';
import type { PhoneMatch } from './number-filter.ts';

export type SuppressionAdded = { added: number; duplicated: number };

/**
 * Adds numbers (national form, already normalised) to the tenant's do-not-call list, one
 * statement per call. A number already on the list keeps its first reason and counts as duplicated.
 * Campaigns pick the change up at their next claim; nothing else needs telling.
 */
export async function addSuppressions(
  db: Db,
  input: { tenantId: string; phones: string[]; reason: string | null; nowMs: number },
): Promise<SuppressionAdded> {
  if (input.phones.length === 0) return { added: 0, duplicated: 0 };
  const distinct = [...new Set(input.phones)];
  const added = await db.$executeRaw`
    INSERT INTO suppressed_numbers (tenant_id, phone, reason, created_at)
    SELECT ${input.tenantId}::uuid, p, ${input.reason}, ${new Date(input.nowMs)} FROM unnest(${distinct}::text[]) AS p
    ON CONFLICT (tenant_id, phone) DO NOTHING`;
  return { added, duplicated: input.phones.length - added };
}

export async function removeSuppression(db: Db, tenantId: string, phone: string): Promise<boolean> {
  const removed = await db.suppressedNumber.deleteMany({ where: { tenantId, phone } });
  return removed.count > 0;
}

// In phone order, keyset-paginated on the primary key. `phone`: one number, or the numbers ending
// with some digits.
export async function listSuppressions(db: Db, input: { tenantId: string; limit: number; cursor?: string; phone?: PhoneMatch }) {
  const after = decodeCursor(input.cursor);
  const afterPhone = typeof after?.[0] === 'string' ? after[0] : undefined;
  const match = input.phone;
  const rows = await db.suppressedNumber.findMany({
    where: {
      tenantId: input.tenantId,
      ...(match?.kind === 'exact'
        ? { phone: match.phone }
        : { phone: { ...(match ? { endsWith: match.digits } : {}), ...(afterPhone !== undefined ? { gt: afterPhone } : {}) } }),
    },
    orderBy: { phone: 'asc' },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.phone])).toString('base64url') : null;
  return { items, nextCursor };
}

/** How many numbers the tenant's list holds (an index-only count over its primary key range). */
export async function countSuppressions(db: Db, tenantId: string): Promise<number> {
  return db.suppressedNumber.count({ where: { tenantId } });
}

/** How many of these numbers (national form, distinct) are on the tenant's list. Reads only. */
export async function countSuppressedAmong(db: Db, tenantId: string, phones: readonly string[]): Promise<number> {
  if (phones.length === 0) return 0;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM suppressed_numbers
    WHERE tenant_id = ${tenantId}::uuid AND phone = ANY(${[...phones]}::text[])`;
  return row?.n ?? 0;
}
