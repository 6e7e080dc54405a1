import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCampaign } from '@autocall/db';
import { callAgainSchema } from '@autocall/domain';
import { BEARER, errorReplies, jsonReply } from '../../openapi/replies.ts';
import { principalOf } from '../../plugins/auth.ts';
import { callAgain } from '../../services/call-again.ts';
import type { CampaignServiceDeps } from '../../services/campaigns.ts';
import { campaignIdParams, createdCampaignSchema } from '../campaigns/schemas.ts';
import { campaignView } from '../campaigns/views.ts';

// POST /v1/campaigns/:id/call-again: reach the numbers a campaign did not reach.
export async function callAgainRoutes(app: FastifyInstance, options: CampaignServiceDeps & { maxCallsPerBatch: number }) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/campaigns/:id/call-again',
    {
      config: { idempotent: true },
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'callAgain',
        summary: 'Create a campaign calling again the numbers that ended in some statuses',
        description:
          'A new campaign whose numbers are exactly those of this campaign (running or finished) whose final status is ' +
          'one of `statuses`, in list order. Its settings are this campaign’s unless the body changes them (any create ' +
          'field but the phone list); sendTime defaults to now. The do-not-call list is checked again. Stored in one ' +
          'transaction and scheduled like POST /v1/campaigns; an Idempotency-Key makes a retry safe. 422 no_numbers ' +
          'when no number would be called.',
        security: BEARER,
        params: campaignIdParams,
        querystring: z.strictObject({}),
        body: callAgainSchema({ maxCallsPerBatch: options.maxCallsPerBatch }),
        response: {
          201: jsonReply('The new campaign, as POST /v1/campaigns answers (every number accepted or suppressed).', createdCampaignSchema),
          // 422 is also no_numbers here: no number ended in those statuses, or all are on the do-not-call list.
          ...errorReplies([404, 422]),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const created = await callAgain(options, request.params.id, request.body, principal);
      const campaign = await findCampaign(options.prisma, principal.tenantId, created.id);
      return reply.status(201).send({ ...campaignView(campaign!), phones: created.phones });
    },
  );
}
