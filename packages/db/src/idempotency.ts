import type { Db } from './client.ts';

export type IdempotencyClaim =
  // The key is now held by this request: run it, then completeIdempotentRequest or release it.
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

type KeyRow = { request_hash: string; response_status: number | null; response_body: unknown };

// Takes an Idempotency-Key for a request. The key row is inserted before the request runs
// (ON CONFLICT), so two concurrent requests with one key can never both create something: the
// second sees the first in progress. A row still in progress after `staleMs` (its request died
// with the process) may be taken over.
export async function claimIdempotencyKey(
  db: Db,
  input: { tenantId: string; key: string; requestHash: string; nowMs: number; ttlMs: number; staleMs: number },
): Promise<IdempotencyClaim> {
  const now = new Date(input.nowMs);
  const expires = new Date(input.nowMs + input.ttlMs);
  // An expired key is free again (lazy purge; the worker purges the rest in bulk).
  await db.$executeRaw`
    DELETE FROM idempotency_keys WHERE tenant_id = ${input.tenantId}::uuid AND key = ${input.key} AND expires_at <= ${now}`;
  const inserted = await db.$executeRaw`
    INSERT INTO idempotency_keys (tenant_id, key, request_hash, created_at, expires_at)
    VALUES (${input.tenantId}::uuid, ${input.key}, ${input.requestHash}, ${now}, ${expires})
    ON CONFLICT (tenant_id, key) DO NOTHING`;
  if (inserted > 0) return { kind: 'new' };

  const [row] = await db.$queryRaw<KeyRow[]>`
    SELECT request_hash, response_status, response_body FROM idempotency_keys
    WHERE tenant_id = ${input.tenantId}::uuid AND key = ${input.key}`;
  if (!row) return claimIdempotencyKey(db, input);
  if (row.request_hash !== input.requestHash) return { kind: 'mismatch' };
  if (row.response_status !== null) return { kind: 'replay', status: row.response_status, body: row.response_body };
  const takenOver = await db.$executeRaw`
    UPDATE idempotency_keys SET created_at = ${now}, expires_at = ${expires}
    WHERE tenant_id = ${input.tenantId}::uuid AND key = ${input.key} AND response_status IS NULL
      AND created_at < ${new Date(input.nowMs - input.staleMs)}`;
  return takenOver > 0 ? { kind: 'new' } : { kind: 'in_progress' };
}

// Stores the reply that later requests with the same key get back.
export async function completeIdempotencyKey(
  db: Db,
  input: { tenantId: string; key: string; status: number; body: unknown },
): Promise<void> {
  await db.$executeRaw`
    UPDATE idempotency_keys SET response_status = ${input.status}, response_body = ${JSON.stringify(input.body)}::jsonb
    WHERE tenant_id = ${input.tenantId}::uuid AND key = ${input.key} AND response_status IS NULL`;
}

// The request failed without creating anything: the key may be used again.
export async function releaseIdempotencyKey(db: Db, input: { tenantId: string; key: string }): Promise<void> {
  await db.$executeRaw`
    DELETE FROM idempotency_keys WHERE tenant_id = ${input.tenantId}::uuid AND key = ${input.key} AND response_status IS NULL`;
}

// Bulk purge of expired keys, a bounded number per call so one run never holds locks for long.
export async function purgeExpiredIdempotencyKeys(db: Db, nowMs: number, limit = 10_000): Promise<number> {
  return db.$executeRaw`
    DELETE FROM idempotency_keys WHERE ctid IN (
      SELECT ctid FROM idempotency_keys WHERE expires_at <= ${new Date(nowMs)} LIMIT ${limit})`;
}
