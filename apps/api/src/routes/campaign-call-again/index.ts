import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCampaign } from '@autocall/db';
import { CAMPAIGN_STATUSES, callAgainSchema } from '@autocall/domain';
import { principalOf } from '../../plugins/auth.ts';
import { callAgain } from '../../services/call-again.ts';
import type { CampaignServiceDeps } from '../../services/campaigns.ts';
import { campaignView } from '../campaigns/views.ts';

const phoneReport = z.object({
  accepted: z.int().describe('Numbers stored to be called.'),
  duplicated: z.int().describe('Always 0: a campaign holds each number once.'),
  invalid: z.int().describe('Always 0: only numbers that were dialled are called again.'),
  suppressed: z.int().describe("Numbers now on the tenant's do-not-call list: stored as suppressed, never called."),
  invalidExamples: z.array(z.object({ input: z.string(), reason: z.string(), position: z.int() })),
});
const createdReply = z
  .looseObject({ id: z.uuid(), name: z.string(), status: z.string().describe(CAMPAIGN_STATUSES.join(', ')), phones: phoneReport })
  .describe('The new campaign, as POST /v1/campaigns answers.');

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
        security: [{ bearerAuth: [] }],
        params: z.strictObject({ id: z.uuid().describe('The campaign whose numbers to call again') }),
        body: callAgainSchema({ maxCallsPerBatch: options.maxCallsPerBatch }),
        response: { 201: createdReply },
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
