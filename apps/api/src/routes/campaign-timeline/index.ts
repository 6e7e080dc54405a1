import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCampaign, type PrismaClient } from '@autocall/db';
import { TIMELINE_MAX_BUCKETS } from '@autocall/domain';
import { notFound } from '../../errors.ts';
import { BEARER, errorReplies, jsonReply } from '../../openapi/replies.ts';
import { principalOf } from '../../plugins/auth.ts';
import { BATCHES_SHOWN, campaignTimeline, MAX_ASKED_BUCKETS, PLANNED_SLOTS } from '../../services/timeline.ts';
import { campaignIdParams } from '../campaigns/schemas.ts';

const epochMs = z.int().describe('Epoch milliseconds.');
const timelineSchema = z.object({
  bucketSeconds: z.int().describe('Width of each calls bucket.'),
  calls: z
    .array(
      z.object({
        at: epochMs.describe('Start of the bucket (epoch milliseconds, buckets aligned on the epoch).'),
        dialled: z.int().describe('Calls placed in the bucket, retries included.'),
        answered: z.int(),
        notAnswered: z.int().describe('Rang out unanswered (retried later, or failed after the last retry).'),
        noResult: z.int().describe('No outcome in time, or uncertain whether dialled.'),
        retries: z.int().describe('Calls that were a retry of the number.'),
      }),
    )
    .describe('Calls by the time they were placed, from the campaign’s start to now (or its end), empty buckets included.'),
  batches: z
    .array(
      z.object({
        slot: z.int(),
        plannedAt: epochMs.describe('The slot time on the grid sendTime + slot * durationOfEachCall.'),
        sentAt: epochMs.nullable().describe('When the provider took the batch; null if not (yet).'),
        size: z.int().describe('Numbers in the batch (planned: expected).'),
        status: z.enum(['claimed', 'sending', 'sent', 'ambiguous', 'rejected', 'planned']),
      }),
    )
    .describe(`The latest ${BATCHES_SHOWN} batches, then, while the campaign is scheduled or running, the next ${PLANNED_SLOTS} planned ones.`),
  olderBatches: z.int().describe('Batches before the first one listed.'),
}).meta({ id: 'CampaignTimeline' });

// GET /v1/campaigns/:id/timeline: the data of the campaign page's charts.
export async function campaignTimelineRoutes(app: FastifyInstance, options: { prisma: PrismaClient; now: () => number }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/campaigns/:id/timeline',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'getCampaignTimeline',
        summary: 'Calls over time and batches planned against sent',
        description:
          `Calls per time bucket (dialled, answered, not answered, no result, retries) and the batches: the latest ` +
          `${BATCHES_SHOWN} sent or attempted, then the next ${PLANNED_SLOTS} planned from the numbers left, the retries ` +
          'due and the call windows. The bucket size is chosen for at most 300 buckets unless given.',
        security: BEARER,
        params: campaignIdParams,
        querystring: z.strictObject({
          bucketSeconds: z.coerce
            .number()
            .int()
            .min(1)
            .max(7 * 86_400)
            .optional()
            .describe(`Width of a calls bucket in seconds (at most ${MAX_ASKED_BUCKETS} buckets); chosen for at most ${TIMELINE_MAX_BUCKETS} when left out.`),
        }),
        response: { 200: jsonReply('Calls per bucket and the batches, sent and planned.', timelineSchema), ...errorReplies([404]) },
      },
    },
    async (request) => {
      const campaign = await findCampaign(options.prisma, principalOf(request).tenantId, request.params.id);
      if (!campaign) throw notFound('Campaign');
      return campaignTimeline(options.prisma, campaign, request.query.bucketSeconds, options.now());
    },
  );
}
