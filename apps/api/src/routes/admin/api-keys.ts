import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey, listApiKeys, resolveTenant, revokeApiKey, type ApiKeyView, type PrismaClient } from '@autocall/db';
import { ApiError, notFound } from '../../errors.ts';

const security = [{ bearerAuth: [] }];

const createBody = z
  .object({
    tenant: z.string().trim().min(1).max(200).describe('Tenant id, or tenant name'),
    createTenant: z.boolean().default(false).describe('Create a tenant with this name when none exists'),
    name: z.string().trim().min(1).max(200).default('api key').describe('A label to tell keys apart'),
    role: z.enum(['admin', 'member']).default('member').describe('admin keys may manage keys and open Bull Board'),
  })
  .strict();

function keyView(key: ApiKeyView) {
  return {
    id: key.id,
    tenantId: key.tenantId,
    tenantName: key.tenantName,
    name: key.name,
    keyPrefix: key.keyPrefix,
    role: key.role,
    createdAt: key.createdAt.getTime(),
    revokedAt: key.revokedAt?.getTime() ?? null,
  };
}

// Key management, admin keys only. The secret is returned once, at creation; only its hash is kept.
export async function apiKeyRoutes(app: FastifyInstance, options: { prisma: PrismaClient; now: () => number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, now } = options;

  r.post(
    '/v1/admin/api-keys',
    {
      onRequest: app.requireAdmin,
      schema: { tags: ['admin'], summary: 'Create an API key for a tenant (the secret is shown only here)', security, body: createBody },
    },
    async (request, reply) => {
      const { tenant: ref, createTenant, name, role } = request.body;
      const tenant = await resolveTenant(prisma, ref, { create: createTenant });
      if (!tenant) throw new ApiError(404, 'tenant_not_found', 'No tenant has this id or name; send createTenant: true to create it.');
      const key = await createApiKey(prisma, { tenantId: tenant.id, name, role });
      const [view] = (await listApiKeys(prisma, tenant.id)).filter((k) => k.id === key.id);
      return reply.status(201).send({ ...keyView(view!), secret: key.secret, tenantCreated: tenant.created });
    },
  );

  r.get(
    '/v1/admin/api-keys',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['admin'],
        summary: 'List API keys (metadata only)',
        security,
        querystring: z.object({ tenantId: z.uuid().optional().describe('Only this tenant’s keys') }).strict(),
      },
    },
    async (request) => ({ items: (await listApiKeys(prisma, request.query.tenantId)).map(keyView) }),
  );

  r.delete(
    '/v1/admin/api-keys/:id',
    {
      onRequest: app.requireAdmin,
      schema: { tags: ['admin'], summary: 'Revoke an API key at once', security, params: z.object({ id: z.uuid().describe('Key id') }) },
    },
    async (request, reply) => {
      const revoked = await revokeApiKey(prisma, { id: request.params.id, nowMs: now() });
      if (!revoked) throw notFound('Active API key');
      return reply.status(204).send();
    },
  );
}
