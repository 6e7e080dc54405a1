import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey, listApiKeys, resolveTenant, revokeApiKey, type ApiKeyView, type PrismaClient } from '@autocall/db';
import { ApiError, notFound } from '../../errors.ts';
import { BEARER as security, emptyReply, errorReplies, jsonReply } from '../../openapi/replies.ts';

const noQuery = z.strictObject({});
const createBody = z
  .strictObject({
    tenant: z.string().trim().min(1).max(200).describe('Tenant id, or tenant name'),
    createTenant: z.boolean().default(false).describe('Create a tenant with this name when none exists'),
    name: z.string().trim().min(1).max(200).default('api key').describe('A label to tell keys apart'),
    role: z.enum(['admin', 'member']).default('member').describe('admin keys may manage keys and open Bull Board'),
  })
  .meta({ examples: [{ tenant: 'Phòng khám An Khang', createTenant: true, name: 'CRM production', role: 'member' }] });

const keySchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    tenantName: z.string(),
    name: z.string(),
    keyPrefix: z.string().describe('The first characters of the key, to recognise it.'),
    role: z.enum(['admin', 'member']),
    createdAt: z.int().describe('Epoch milliseconds.'),
    revokedAt: z.int().nullable(),
  })
  .meta({ id: 'ApiKey' });

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
      schema: {
        tags: ['admin'],
        operationId: 'createApiKey',
        summary: 'Create an API key for a tenant (the secret is shown only here)',
        security,
        querystring: noQuery,
        body: createBody,
        response: {
          201: jsonReply(
            'The key, with its secret (shown only here).',
            keySchema.extend({ secret: z.string(), tenantCreated: z.boolean().describe('A tenant was created for it.') }),
          ),
          ...errorReplies([403, 404]),
        },
      },
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
        operationId: 'listApiKeys',
        summary: 'List API keys (metadata only)',
        security,
        querystring: z.strictObject({ tenantId: z.uuid().optional().describe('Only this tenant’s keys') }),
        response: { 200: jsonReply('Every key, revoked ones included.', z.object({ items: z.array(keySchema) })), ...errorReplies([403]) },
      },
    },
    async (request) => ({ items: (await listApiKeys(prisma, request.query.tenantId)).map(keyView) }),
  );

  r.delete(
    '/v1/admin/api-keys/:id',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['admin'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key at once',
        security,
        params: z.strictObject({ id: z.uuid().describe('Key id') }),
        querystring: noQuery,
        response: { 204: emptyReply('Revoked.'), ...errorReplies([403, 404]) },
      },
    },
    async (request, reply) => {
      const revoked = await revokeApiKey(prisma, { id: request.params.id, nowMs: now() });
      if (!revoked) throw notFound('Active API key');
      return reply.status(204).send();
    },
  );
}
