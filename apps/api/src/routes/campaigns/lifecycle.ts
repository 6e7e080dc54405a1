import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeCampaignStatus, editScheduledCampaign, findCampaign, listCampaignEvents, type LifecycleAction, type LifecycleResult } from '@autocall/db';
import { CAMPAIGN_STATUSES, campaignPatchSchema, resolveSendTime } from '@autocall/domain';
import { scheduleCampaignWakes } from '@autocall/jobs';
import { principalOf } from '../../plugins/auth.ts';
import { ApiError, invalidTransition, notFound } from '../../errors.ts';
import { BEARER as security, errorReplies, jsonReply } from '../../openapi/replies.ts';
import type { CampaignServiceDeps } from '../../services/campaigns.ts';
import { dropCampaignWakes } from '../../services/wakes.ts';
import { campaignIdParams as idParams, campaignSchema } from './schemas.ts';
import { campaignView } from './views.ts';

const reasonBody = z
  .strictObject({ reason: z.string().trim().min(1).max(500).optional().describe('Why; kept in the audit trail.') })
  .describe('Optional; the body may be left out.')
  .meta({ examples: [{ reason: 'Khách hàng yêu cầu tạm dừng chiến dịch' }] })
  .nullish();
const noQuery = z.strictObject({});
const LIVE: ReadonlySet<string> = new Set(['scheduled', 'running']);

const ACTIONS: Record<LifecycleAction, { operationId: string; summary: string; description: string }> = {
  pause: {
    operationId: 'pauseCampaign',
    summary: 'Pause a campaign',
    description:
      'No new batch is sent after the reply. Calls already handed to the provider finish and their outcomes are ' +
      'recorded; numbers keep their place and retry times. 409 unless scheduled or running.',
  },
  resume: {
    operationId: 'resumeCampaign',
    summary: 'Resume a paused campaign',
    description:
      'Slots continue from the next slot after now (slots missed while paused are not sent); retry times are kept. ' +
      'Also resumes a campaign the provider paused (pauseReason is cleared). 409 unless paused.',
  },
  cancel: {
    operationId: 'cancelCampaign',
    summary: 'Cancel a campaign',
    description:
      'Nothing more is dialled: numbers not yet handed to the provider become cancelled. Outcomes of calls in ' +
      'flight are still recorded. 409 when completed, cancelled or failed.',
  },
};

const eventView = z.object({
  from: z.enum(CAMPAIGN_STATUSES).nullable().describe('Status before; null for the creation.'),
  to: z.enum(CAMPAIGN_STATUSES).describe('Status after (the same as from for an edit).'),
  actor: z.string().describe('Who: api-key:<id>, worker or provider.'),
  reason: z.string().nullable().describe('Why, when known (for example the provider error code).'),
  at: z.number().describe('When, epoch milliseconds.'),
});

function refused(result: Exclude<LifecycleResult, { ok: true }>): ApiError {
  if (result.code === 'not_found') return notFound('Campaign');
  return invalidTransition(result.message, result.current);
}

// Pause, resume, cancel, edit and the audit trail of a campaign.
export async function campaignLifecycleRoutes(app: FastifyInstance, options: CampaignServiceDeps & { maxCallsPerBatch: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, now } = options;
  // `POST .../pause` with a JSON content type and no body is common from HTTP clients; here (and
  // only in this plugin) an empty JSON body means no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(Object.assign(error as Error, { statusCode: 400 }), undefined);
    }
  });

  // The delayed job follows the campaign; if Redis is away, next_wake_at (already committed) lets
  // the worker's sweep queue it.
  async function queueWake(campaignId: string, atMs: number | null, nowMs: number) {
    if (atMs === null) return;
    try {
      await scheduleCampaignWakes(options.queues, [{ campaignId, atMs }], nowMs);
    } catch (error) {
      options.logger.warn({ err: error, campaignId }, 'campaign wake not queued; the sweep will schedule it');
    }
  }

  // After the wakes of a stopped campaign were removed: a resume that landed in between may have
  // lost its wake to that removal, so a campaign that is live again gets it back.
  async function reply(tenantId: string, id: string, wakesRemoved = false) {
    const campaign = await findCampaign(prisma, tenantId, id);
    if (!campaign) throw notFound('Campaign');
    if (wakesRemoved && LIVE.has(campaign.status) && campaign.nextWakeAt) await queueWake(id, campaign.nextWakeAt.getTime(), now());
    return campaignView(campaign);
  }

  for (const action of Object.keys(ACTIONS) as LifecycleAction[]) {
    r.post(
      `/v1/campaigns/:id/${action}`,
      {
        onRequest: app.requireAuth,
        schema: {
          tags: ['campaigns'],
          ...ACTIONS[action],
          security,
          params: idParams,
          querystring: noQuery,
          body: reasonBody,
          response: { 200: jsonReply('The campaign after the change.', campaignSchema), ...errorReplies([404, 409]) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const nowMs = now();
        const result = await changeCampaignStatus(prisma, action, {
          tenantId: principal.tenantId,
          campaignId: request.params.id,
          actor: `api-key:${principal.apiKeyId}`,
          reason: request.body?.reason ?? null,
          nowMs,
        });
        if (!result.ok) throw refused(result);
        await queueWake(request.params.id, result.wakeAtMs, nowMs);
        const stopped = result.status === 'paused' || result.status === 'cancelled';
        if (stopped) await dropCampaignWakes(options, [request.params.id]);
        return reply(principal.tenantId, request.params.id, stopped);
      },
    );
  }

  r.patch(
    '/v1/campaigns/:id',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'updateCampaign',
        summary: 'Edit a scheduled campaign',
        description:
          'Rename, move sendTime (the numbers and the wake-up move with it), change pacing, script, call windows or ' +
          'frequency cap. Only before the campaign starts: 409 otherwise. The phone list cannot be edited.',
        security,
        params: idParams,
        querystring: noQuery,
        body: campaignPatchSchema({ maxCallsPerBatch: options.maxCallsPerBatch }),
        response: { 200: jsonReply('The campaign after the edit.', campaignSchema), ...errorReplies([404, 409]) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const nowMs = now();
      const { sendTime, ...rest } = request.body;
      let sendTimeMs: number | undefined;
      if (sendTime !== undefined) {
        const resolved = resolveSendTime(sendTime, nowMs);
        if (!resolved.ok) {
          throw new ApiError(400, resolved.code, resolved.message, [{ field: 'sendTime', code: resolved.code, message: resolved.message }]);
        }
        sendTimeMs = resolved.atMs;
      }
      const result = await editScheduledCampaign(prisma, {
        tenantId: principal.tenantId,
        campaignId: request.params.id,
        actor: `api-key:${principal.apiKeyId}`,
        nowMs,
        edit: { ...rest, sendTimeMs },
      });
      if (!result.ok) throw refused(result);
      // The wake at the old send time goes; a campaign edited before its start has no other.
      if (result.wakeAtMs !== null) await dropCampaignWakes(options, [request.params.id]);
      await queueWake(request.params.id, result.wakeAtMs, nowMs);
      return reply(principal.tenantId, request.params.id);
    },
  );

  r.get(
    '/v1/campaigns/:id/events',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'listCampaignEvents',
        summary: 'Audit trail: every status change and edit, with who and when, oldest first',
        security,
        params: idParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (1-1000)'),
          cursor: z.string().regex(/^\d+$/).max(30).optional().describe('nextCursor from the previous page'),
        }),
        response: {
          200: jsonReply('A page of the audit trail.', z.object({ items: z.array(eventView), nextCursor: z.string().nullable() })),
          ...errorReplies([404]),
        },
      },
    },
    async (request) => {
      const campaign = await findCampaign(prisma, principalOf(request).tenantId, request.params.id);
      if (!campaign) throw notFound('Campaign');
      const page = await listCampaignEvents(prisma, {
        campaignId: campaign.id,
        limit: request.query.limit,
        afterId: request.query.cursor === undefined ? undefined : BigInt(request.query.cursor),
      });
      return {
        items: page.items.map((e) => ({ from: e.from, to: e.to, actor: e.actor, reason: e.reason, at: e.at.getTime() })),
        nextCursor: page.nextAfterId === null ? null : String(page.nextAfterId),
      };
    },
  );
}
