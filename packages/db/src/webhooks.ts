import type { WebhookEvent } from '@autocall/domain';
import type { Db, PrismaClient } from './client.ts';
import type { Sql } from './sql.ts';
import { Prisma } from './generated/client.ts';
import { decodeCursor } from './campaign-queries.ts';

export type WebhookEndpointView = { id: string; url: string; events: string[]; active: boolean; createdAt: Date };

const endpointSelect = { id: true, url: true, events: true, active: true, createdAt: true } as const;

export async function createWebhookEndpoint(
  db: Db,
  input: { tenantId: string; url: string; events: WebhookEvent[]; secret: string; nowMs: number },
): Promise<WebhookEndpointView> {
  return db.webhookEndpoint.create({
    data: { tenantId: input.tenantId, url: input.url, events: [...new Set(input.events)], secret: input.secret, createdAt: new Date(input.nowMs) },
    select: endpointSelect,
  });
}

export async function listWebhookEndpoints(db: Db, tenantId: string): Promise<WebhookEndpointView[]> {
  return db.webhookEndpoint.findMany({ where: { tenantId, active: true }, orderBy: { createdAt: 'asc' }, select: endpointSelect });
}

export async function findWebhookEndpoint(db: Db, tenantId: string, id: string): Promise<WebhookEndpointView | null> {
  return db.webhookEndpoint.findFirst({ where: { id, tenantId, active: true }, select: endpointSelect });
}

// Deleting keeps the row and its delivery history; what was still waiting is given up.
export async function deleteWebhookEndpoint(prisma: PrismaClient, tenantId: string, id: string, nowMs: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateMany({ where: { id, tenantId, active: true }, data: { active: false } });
    if (updated.count === 0) return false;
    await tx.webhookDelivery.updateMany({
      where: { endpointId: id, status: 'pending' },
      data: { status: 'failed', lastError: 'endpoint_deleted', nextAttemptAt: new Date(nowMs) },
    });
    return true;
  });
}

// Newest first, keyset-paginated by id.
export async function listWebhookDeliveries(
  db: Db,
  input: { endpointId: string; status?: 'pending' | 'delivered' | 'failed'; limit: number; cursor?: string },
) {
  const after = decodeCursor(input.cursor);
  const beforeId = typeof after?.[0] === 'string' && /^\d+$/.test(after[0]) ? BigInt(after[0]) : null;
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: input.endpointId, ...(input.status ? { status: input.status } : {}), ...(beforeId !== null ? { id: { lt: beforeId } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? Buffer.from(JSON.stringify([String(last.id)])).toString('base64url') : null;
  return { items, nextCursor };
}

// Outbox writes. Each runs inside the transaction of the change it reports and is one statement,
// fanning out to every active endpoint of the campaign's tenant subscribed to the event.

// `ifStatusNow`: only when the campaign's status is now `to`, i.e. when the caller's status update,
// sent in the same round trip just before, has happened (campaign-moves.ts).
export async function enqueueCampaignWebhook(
  db: Sql,
  input: { campaignId: string; event: WebhookEvent; from: string | null; to: string; actor: string; reason: string | null; atMs: number },
  options: { ifStatusNow?: boolean } = {},
): Promise<number> {
  const at = new Date(input.atMs);
  const moved = options.ifStatusNow ? Prisma.sql`AND c.status::text = ${input.to}` : Prisma.empty;
  return db.$executeRaw`
    INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, next_attempt_at, created_at)
    SELECT e.id, ${input.event}, jsonb_build_object(
        'campaignId', c.id, 'name', c.name, 'status', ${input.to}::text, 'previousStatus', ${input.from}::text,
        'actor', ${input.actor}::text, 'reason', ${input.reason}::text, 'at', ${input.atMs}::bigint), ${at}, ${at}
    FROM campaigns c
    JOIN webhook_endpoints e ON e.tenant_id = c.tenant_id AND e.active AND ${input.event} = ANY(e.events)
    WHERE c.id = ${input.campaignId}::uuid ${moved}`;
}

export type CallWebhook = { campaignId: string; event: WebhookEvent; data: Record<string, unknown> };

export async function enqueueCallWebhooks(db: Sql, calls: CallWebhook[], nowMs: number): Promise<void> {
  if (calls.length === 0) return;
  const source = Prisma.sql`unnest(${calls.map((c) => c.campaignId)}::uuid[], ${calls.map((c) => c.event)}::text[],
    ${calls.map((c) => callWebhookPayload(c))}::jsonb[]) AS u(campaign_id, event, payload)`;
  await db.$executeRaw`${callWebhooksInsert(source, new Date(nowMs))}`;
}

export const callWebhookPayload = (call: CallWebhook): string => JSON.stringify({ campaignId: call.campaignId, ...call.data });

// The outbox INSERT over any relation with columns (campaign_id, event, payload), so the outcome
// write can run it as part of its own statement.
export function callWebhooksInsert(source: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, next_attempt_at, created_at)
    SELECT e.id, u.event, u.payload, ${now}, ${now}
    FROM ${source}
    JOIN campaigns c ON c.id = u.campaign_id
    JOIN webhook_endpoints e ON e.tenant_id = c.tenant_id AND e.active AND u.event = ANY(e.events)`;
}

export type DueDelivery = {
  id: bigint;
  eventType: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
};

// Claims due deliveries without holding a transaction over the HTTP call: each claimed row's
// next_attempt_at moves to the end of a lease, so a deliverer that dies mid-request leaves it to
// be picked up again when the lease lapses. SKIP LOCKED lets several workers share the outbox.
export async function claimDueDeliveries(prisma: PrismaClient, input: { nowMs: number; limit: number; leaseMs: number }): Promise<DueDelivery[]> {
  const rows = await prisma.$queryRaw<
    { id: bigint; event_type: string; payload: unknown; attempts: number; created_at: Date; url: string; secret: string }[]
  >`
    UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = ${new Date(input.nowMs + input.leaseMs)}
    FROM (
      SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ${new Date(input.nowMs)}
      ORDER BY next_attempt_at LIMIT ${input.limit} FOR UPDATE SKIP LOCKED
    ) due, webhook_endpoints e
    WHERE d.id = due.id AND e.id = d.endpoint_id
    RETURNING d.id, d.event_type, d.payload, d.attempts, d.created_at, e.url, e.secret`;
  return rows.map((r) => ({ id: r.id, eventType: r.event_type, payload: r.payload, attempts: r.attempts, createdAt: r.created_at, url: r.url, secret: r.secret }));
}

export type DeliveryOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; error: string; nextAttemptAtMs: number }
  | { kind: 'failed'; status: number | null; error: string };

export async function recordDeliveryOutcome(prisma: PrismaClient, id: bigint, outcome: DeliveryOutcome, nowMs: number): Promise<void> {
  const now = new Date(nowMs);
  if (outcome.kind === 'delivered') {
    await prisma.$executeRaw`
      UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ${now}, last_status = ${outcome.status}, last_error = NULL
      WHERE id = ${id} AND status = 'pending'`;
    return;
  }
  const status = outcome.kind === 'failed' ? 'failed' : 'pending';
  const next = outcome.kind === 'retry' ? new Date(outcome.nextAttemptAtMs) : now;
  await prisma.$executeRaw`
    UPDATE webhook_deliveries SET status = ${status}::delivery_status, next_attempt_at = ${next},
      last_status = ${outcome.status}, last_error = ${outcome.error.slice(0, 500)}
    WHERE id = ${id} AND status = 'pending'`;
}

// Settled deliveries older than the retention are dropped, a bounded number per call.
export async function purgeSettledDeliveries(db: Db, beforeMs: number, limit = 10_000): Promise<number> {
  return db.$executeRaw`
    DELETE FROM webhook_deliveries WHERE id IN (
      SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ${new Date(beforeMs)} LIMIT ${limit})`;
}
