import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Prisma } from './client.ts';
import { statementsOn } from './sql.ts';

export type KeyRole = 'admin' | 'member';
export type Principal = { tenantId: string; apiKeyId: string; role: KeyRole };

// Only a hash is stored; keys are random, so a plain sha256 is enough (no dictionary to guess).
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

// Looks a bearer secret up as an API key, then as an access token from `GET /api/auth`: one
// statement, prepared once per pooled connection (every authenticated request runs it first).
export async function authenticate(db: Db, secret: string, nowMs: number): Promise<Principal | null> {
  const hash = hashSecret(secret);
  const rows = await statementsOn(db).$queryRaw<{ apiKeyId: string; tenantId: string; role: KeyRole; hash: string; expiresAt: Date | null }[]>`
    SELECT k.id::text AS "apiKeyId", k.tenant_id::text AS "tenantId", k.role::text AS role, k.key_hash AS hash, NULL::timestamptz AS "expiresAt"
    FROM api_keys k WHERE k.key_hash = ${hash} AND k.revoked_at IS NULL
    UNION ALL
    SELECT k.id::text, k.tenant_id::text, k.role::text, t.token_hash, t.expires_at
    FROM access_tokens t JOIN api_keys k ON k.id = t.api_key_id WHERE t.token_hash = ${hash} AND k.revoked_at IS NULL`;
  // A key before a token (the hashes of both never meet in practice; the order keeps the rule).
  const row = rows.find((r) => r.expiresAt === null) ?? rows.find((r) => r.expiresAt !== null && r.expiresAt.getTime() > nowMs);
  if (!row || !sameHash(row.hash, hash)) return null;
  return { tenantId: row.tenantId, apiKeyId: row.apiKeyId, role: row.role };
}

export async function createApiKey(
  db: Db,
  input: { tenantId: string; name: string; role: KeyRole; secret?: string },
): Promise<{ id: string; secret: string }> {
  const secret = input.secret ?? generateSecret('ak');
  const key = await db.apiKey.create({
    data: { tenantId: input.tenantId, name: input.name, role: input.role, keyHash: hashSecret(secret), keyPrefix: secret.slice(0, 7) },
  });
  return { id: key.id, secret };
}

export async function revokeApiKey(db: Db, input: { id: string; tenantId?: string; nowMs: number }): Promise<boolean> {
  const result = await db.apiKey.updateMany({
    where: { id: input.id, revokedAt: null, ...(input.tenantId ? { tenantId: input.tenantId } : {}) },
    data: { revokedAt: new Date(input.nowMs) },
  });
  return result.count > 0;
}

export type ApiKeyView = {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  keyPrefix: string;
  role: KeyRole;
  createdAt: Date;
  revokedAt: Date | null;
};

// Key metadata for admins; never the secret (it is not stored) nor its hash.
export async function listApiKeys(db: Db, tenantId?: string): Promise<ApiKeyView[]> {
  const keys = await db.apiKey.findMany({
    where: tenantId ? { tenantId } : {},
    orderBy: { createdAt: 'asc' },
    select: { id: true, tenantId: true, name: true, keyPrefix: true, role: true, createdAt: true, revokedAt: true, tenant: { select: { name: true } } },
  });
  return keys.map(({ tenant, ...key }) => ({ ...key, tenantName: tenant.name }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A tenant named by id or by name (the oldest of that name); with `create`, a missing name is
// created. Null when nothing matches.
export async function resolveTenant(db: Db, ref: string, options: { create: boolean }): Promise<{ id: string; name: string; created: boolean } | null> {
  if (UUID.test(ref)) {
    const byId = await db.tenant.findUnique({ where: { id: ref.toLowerCase() }, select: { id: true, name: true } });
    if (byId) return { ...byId, created: false };
  }
  const byName = await db.tenant.findFirst({ where: { name: ref }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true } });
  if (byName) return { ...byName, created: false };
  if (!options.create || UUID.test(ref)) return null;
  const created = await db.tenant.create({ data: { name: ref }, select: { id: true, name: true } });
  return { ...created, created: true };
}

// BOOTSTRAP_API_KEY: an admin key with this value exists for the default tenant, so a fresh install
// can be used at once. Safe to run on every start and from several processes.
export async function ensureBootstrapKey(db: Db, secret: string): Promise<{ tenantId: string }> {
  const hash = hashSecret(secret);
  const existing = await db.apiKey.findUnique({ where: { keyHash: hash } });
  if (existing) return { tenantId: existing.tenantId };
  const tenant =
    (await db.tenant.findFirst({ where: { name: 'default' }, orderBy: { createdAt: 'asc' } })) ??
    (await db.tenant.create({ data: { name: 'default' } }));
  await db.apiKey.createMany({
    data: [{ tenantId: tenant.id, name: 'bootstrap', role: 'admin', keyHash: hash, keyPrefix: secret.slice(0, 7) }],
    skipDuplicates: true,
  });
  return { tenantId: tenant.id };
}

export async function issueAccessToken(db: Db, input: { apiKeyId: string; nowMs: number; ttlMs: number }): Promise<{ token: string; expiresAtMs: number }> {
  const token = generateSecret('at');
  const expiresAtMs = input.nowMs + input.ttlMs;
  await db.accessToken.create({ data: { apiKeyId: input.apiKeyId, tokenHash: hashSecret(token), expiresAt: new Date(expiresAtMs) } });
  return { token, expiresAtMs };
}

export async function createTenant(db: Db, name: string): Promise<{ id: string }> {
  return db.tenant.create({ data: { name }, select: { id: true } });
}

// The label an admin gave the key (for "signed in as ..."); null once the key is gone.
export async function apiKeyName(db: Db, apiKeyId: string): Promise<string | null> {
  const key = await db.apiKey.findUnique({ where: { id: apiKeyId }, select: { name: true } });
  return key?.name ?? null;
}

// The first `npm start` of a fresh install: an admin key for the `default` tenant, created only
// while the database holds no key at all (revoked ones count), so a person can sign in at once and
// no later start ever makes another. Returns the secret for the caller to show once, or null.
// Runs inside the caller's transaction: the lock keeps two processes starting together from both
// creating one.
export async function createFirstAdminKey(tx: Prisma.TransactionClient): Promise<{ id: string; secret: string; tenantId: string } | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('autocall:first-admin-key'))`;
  if ((await tx.apiKey.count()) > 0) return null;
  const tenant =
    (await tx.tenant.findFirst({ where: { name: 'default' }, orderBy: { createdAt: 'asc' }, select: { id: true } })) ??
    (await tx.tenant.create({ data: { name: 'default' }, select: { id: true } }));
  const key = await createApiKey(tx, { tenantId: tenant.id, name: 'first-start', role: 'admin' });
  return { ...key, tenantId: tenant.id };
}
