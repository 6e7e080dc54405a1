import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  type PrismaClient,
  type WebhookEndpointView,
} from '@autocall/db';
import { WEBHOOK_EVENTS, webhookHostAllowed } from '@autocall/domain';
import { principalOf } from '../../plugins/auth.ts';
import { ApiError, notFound } from '../../errors.ts';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.uuid().describe('Webhook endpoint id') });

const endpointBody = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('Where events are POSTed (https, or http)'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).describe('Events to receive'),
});

const endpointView = (e: WebhookEndpointView) => ({ id: e.id, url: e.url, events: e.events, createdAt: e.createdAt.getTime() });

// Outbound webhooks: a tenant's endpoints and what was delivered to them. Signed with the
// endpoint's secret (shown once, at creation); see the README for verifying a delivery.
export async function webhookEndpointRoutes(app: FastifyInstance, options: { prisma: PrismaClient; now: () => number; allowPrivateTargets: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, now } = options;

  r.post(
    '/v1/webhooks',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook endpoint',
        description: `Events: ${WEBHOOK_EVENTS.join(', ')}. The reply carries the signing secret; it is not shown again.`,
        security,
        body: endpointBody,
      },
    },
    async (request, reply) => {
      // The worker checks every delivery's resolved address too; this refuses the obvious cases
      // up front, with the field named.
      if (!options.allowPrivateTargets && !webhookHostAllowed(new URL(request.body.url).hostname)) {
        const message = 'url must not point at localhost or a private, loopback or link-local address';
        throw new ApiError(400, 'validation_error', message, [{ field: 'url', code: 'private_address', message }]);
      }
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const endpoint = await createWebhookEndpoint(prisma, { tenantId: principalOf(request).tenantId, ...request.body, secret, nowMs: now() });
      return reply.status(201).send({ ...endpointView(endpoint), secret });
    },
  );

  r.get('/v1/webhooks', { onRequest: app.requireAuth, schema: { tags: ['webhooks'], summary: 'List webhook endpoints', security } }, async (request) => {
    const endpoints = await listWebhookEndpoints(prisma, principalOf(request).tenantId);
    return { items: endpoints.map(endpointView) };
  });

  r.delete(
    '/v1/webhooks/:id',
    { onRequest: app.requireAuth, schema: { tags: ['webhooks'], summary: 'Delete a webhook endpoint (pending deliveries are dropped)', security, params: idParams } },
    async (request, reply) => {
      const deleted = await deleteWebhookEndpoint(prisma, principalOf(request).tenantId, request.params.id, now());
      if (!deleted) throw notFound('Webhook endpoint');
      return reply.status(204).send();
    },
  );

  r.get(
    '/v1/webhooks/:id/deliveries',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['webhooks'],
        summary: 'Deliveries to an endpoint, newest first',
        security,
        params: idParams,
        querystring: z.object({
          status: z.enum(['pending', 'delivered', 'failed']).optional().describe('Only deliveries in this status'),
          limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Page size (1-1000)'),
          cursor: z.string().max(500).optional().describe('nextCursor from the previous page'),
        }),
      },
    },
    async (request) => {
      const endpoint = await findWebhookEndpoint(prisma, principalOf(request).tenantId, request.params.id);
      if (!endpoint) throw notFound('Webhook endpoint');
      const page = await listWebhookDeliveries(prisma, { endpointId: endpoint.id, ...request.query });
      return {
        items: page.items.map((d) => ({
          id: String(d.id),
          event: d.eventType,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.getTime() : null,
          lastStatus: d.lastStatus,
          lastError: d.lastError,
          createdAt: d.createdAt.getTime(),
          deliveredAt: d.deliveredAt?.getTime() ?? null,
          payload: d.payload,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
