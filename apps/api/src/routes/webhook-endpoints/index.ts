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
import { BEARER as security, emptyReply, errorReplies, jsonReply } from '../../openapi/replies.ts';

const idParams = z.strictObject({ id: z.uuid().describe('Webhook endpoint id') });
const noQuery = z.strictObject({});

const endpointBody = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('Where events are POSTed (https, or http)'),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).describe('Events to receive'),
  })
  .meta({ examples: [{ url: 'https://crm.example.vn/hooks/autocall', events: ['campaign.completed', 'call.answered', 'call.failed'] }] });

const endpointSchema = z
  .object({ id: z.uuid(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), createdAt: z.int().describe('Epoch milliseconds.') })
  .meta({ id: 'WebhookEndpoint' });

const deliverySchema = z
  .object({
    id: z.string(),
    event: z.enum(WEBHOOK_EVENTS),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.int(),
    nextAttemptAt: z.int().nullable().describe('When the next attempt is due, while pending (epoch milliseconds).'),
    lastStatus: z.int().nullable().describe("The receiver's last HTTP status."),
    lastError: z.string().nullable(),
    createdAt: z.int(),
    deliveredAt: z.int().nullable(),
    payload: z.record(z.string(), z.unknown()).describe('The JSON body delivered: {id, type, createdAt, data}.'),
  })
  .meta({ id: 'WebhookDelivery' });

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
        operationId: 'createWebhookEndpoint',
        summary: 'Register a webhook endpoint',
        description: `Events: ${WEBHOOK_EVENTS.join(', ')}. The reply carries the signing secret; it is not shown again.`,
        security,
        querystring: noQuery,
        body: endpointBody,
        response: {
          201: jsonReply('The endpoint, with its signing secret (shown only here).', endpointSchema.extend({ secret: z.string().describe('whsec_...') })),
        },
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

  r.get(
    '/v1/webhooks',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['webhooks'],
        operationId: 'listWebhookEndpoints',
        summary: 'List webhook endpoints',
        security,
        querystring: noQuery,
        response: { 200: jsonReply('Every active endpoint of the tenant.', z.object({ items: z.array(endpointSchema) })) },
      },
    },
    async (request) => {
    const endpoints = await listWebhookEndpoints(prisma, principalOf(request).tenantId);
    return { items: endpoints.map(endpointView) };
    },
  );

  r.delete(
    '/v1/webhooks/:id',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['webhooks'],
        operationId: 'deleteWebhookEndpoint',
        summary: 'Delete a webhook endpoint (pending deliveries are dropped)',
        security,
        params: idParams,
        querystring: noQuery,
        response: { 204: emptyReply('Deleted.'), ...errorReplies([404]) },
      },
    },
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
        operationId: 'listWebhookDeliveries',
        summary: 'Deliveries to an endpoint, newest first',
        security,
        params: idParams,
        querystring: z.strictObject({
          status: z.enum(['pending', 'delivered', 'failed']).optional().describe('Only deliveries in this status'),
          limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Page size (1-1000)'),
          cursor: z.string().max(500).optional().describe('nextCursor from the previous page'),
        }),
        response: {
          200: jsonReply('A page of deliveries.', z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() })),
          ...errorReplies([404]),
        },
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
