import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignWithCounts, findCampaign, listBatches, listCalls, listCampaigns, numberCountsByCampaign } from '@autocall/db';
import { campaignInputSchema, CAMPAIGN_STATUSES, type CountryCode } from '@autocall/domain';
import { principalOf } from '../../plugins/auth.ts';
import { notFound } from '../../errors.ts';
import { BEARER as security, errorReplies, jsonReply } from '../../openapi/replies.ts';
import { callStatusesParam, phoneSearchParam } from '../../query-filters.ts';
import { submitCampaign, type CampaignServiceDeps } from '../../services/campaigns.ts';
import { batchPageSchema, callPageSchema, campaignDetailSchema, campaignIdParams as idParams, campaignPageSchema, createdCampaignSchema } from './schemas.ts';
import { campaignDetailView, campaignListItemView, campaignView } from './views.ts';

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Page size (1-1000)'),
  cursor: z.string().max(500).optional().describe('nextCursor from the previous page'),
};

export async function campaignRoutes(app: FastifyInstance, options: CampaignServiceDeps & { maxCallsPerBatch: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prisma } = options;

  r.post(
    '/v1/campaigns',
    {
      config: { idempotent: true },
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'createCampaign',
        summary: 'Create a campaign',
        description:
          'Stores the campaign and its numbers, then dials them in batches from sendTime. An unknown field is refused ' +
          '(400 unknown_field, with the field it was probably meant to be): nothing is stored and nobody is called.',
        security,
        body: campaignInputSchema({ maxCallsPerBatch: options.maxCallsPerBatch }),
        response: { 201: jsonReply('The campaign as stored, with what happened to each submitted number.', createdCampaignSchema) },
      },
    },
    async (request, reply) => {
      const created = await submitCampaign(options, request.body, principalOf(request), 'native');
      const campaign = await findCampaign(prisma, principalOf(request).tenantId, created.id);
      return reply.status(201).send({ ...campaignView(campaign!), phones: created.phones });
    },
  );

  r.get(
    '/v1/campaigns',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'listCampaigns',
        summary: 'List campaigns, newest first',
        security,
        querystring: z.strictObject({ status: z.enum(CAMPAIGN_STATUSES).optional().describe('Only campaigns in this status'), ...pageQuery }),
        response: { 200: jsonReply('A page of campaigns.', campaignPageSchema) },
      },
    },
    async (request) => {
      const page = await listCampaigns(prisma, { tenantId: principalOf(request).tenantId, ...request.query });
      // One grouped query for the whole page's progress.
      const counts = await numberCountsByCampaign(prisma, page.items.map((c) => c.id));
      const nowMs = options.now();
      return { items: page.items.map((c) => campaignListItemView(c, counts.get(c.id), nowMs)), nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/v1/campaigns/:id',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'getCampaign',
        summary: 'A campaign with its progress counts',
        security,
        params: idParams,
        querystring: z.strictObject({}),
        response: { 200: jsonReply('The campaign, its counts and progress.', campaignDetailSchema), ...errorReplies([404]) },
      },
    },
    async (request) => {
      const found = await campaignWithCounts(prisma, principalOf(request).tenantId, request.params.id);
      if (!found) throw notFound('Campaign');
      return campaignDetailView(found.campaign, found.counts, options.now());
    },
  );

  r.get(
    '/v1/campaigns/:id/calls',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'listCampaignCalls',
        summary: 'Every number with its status and attempts, in list order',
        security,
        params: idParams,
        querystring: z.strictObject({ status: callStatusesParam.optional(), phone: phoneSearchParam(options.defaultCountry as CountryCode).optional(), ...pageQuery }),
        response: { 200: jsonReply('A page of numbers with their call history.', callPageSchema), ...errorReplies([404]) },
      },
    },
    async (request) => {
      const campaign = await findCampaign(prisma, principalOf(request).tenantId, request.params.id);
      if (!campaign) throw notFound('Campaign');
      const page = await listCalls(prisma, { campaignId: campaign.id, ...request.query });
      return {
        items: page.items.map(({ number, attempts }) => ({
          phone: number.phone,
          position: number.position,
          status: number.status,
          attempts: number.attempts,
          nextAttemptAt: number.status === 'retry' || number.status === 'pending' ? (number.nextAttemptAt?.getTime() ?? null) : null,
          invalidReason: number.invalidReason,
          history: attempts.map((a) => ({
            attempt: a.attemptNo,
            // The attempt row keeps its claim time; the batch knows when the provider took it.
            dialedAt: (a.batch.sentAt ?? a.dialedAt).getTime(),
            batch: a.batch.slotIndex,
            providerSessionId: a.batch.providerSessionId,
            outcome: a.outcome,
            outcomeAt: a.outcomeAt?.getTime() ?? null,
            answerSec: a.answerSec,
            hangupCause: a.hangupCause,
          })),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.get(
    '/v1/campaigns/:id/batches',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'listCampaignBatches',
        summary: 'Batches in slot order',
        security,
        params: idParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: jsonReply('A page of batches.', batchPageSchema), ...errorReplies([404]) },
      },
    },
    async (request) => {
      const campaign = await findCampaign(prisma, principalOf(request).tenantId, request.params.id);
      if (!campaign) throw notFound('Campaign');
      const page = await listBatches(prisma, { campaignId: campaign.id, ...request.query });
      return {
        items: page.items.map((b) => ({
          slot: b.slotIndex,
          slotTime: b.slotTime.getTime(),
          status: b.status,
          size: b.size,
          providerSessionId: b.providerSessionId,
          requestAttempts: b.requestAttempts,
          lastError: b.lastError,
          sentAt: b.sentAt?.getTime() ?? null,
          lagMs: b.sentAt ? b.sentAt.getTime() - b.slotTime.getTime() : null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
