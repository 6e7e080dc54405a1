import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, findCampaign, issueAccessToken } from '@autocall/db';
import { omicallCampaignInputSchema } from '@autocall/domain';
import { ApiError } from '../../errors.ts';
import { BEARER, PUBLIC, errorReplies, jsonReply, omicallEnvelope } from '../../openapi/replies.ts';
import { principalOf, secretFrom } from '../../plugins/auth.ts';
import { errorHeaders, toErrorBody } from '../../plugins/error-handler.ts';
import { submitCampaign, type CampaignServiceDeps } from '../../services/campaigns.ts';
import { createdCampaignSchema } from '../campaigns/schemas.ts';
import { campaignView } from '../campaigns/views.ts';
import { errorEnvelope, okEnvelope } from './envelope.ts';

const TOKEN_TTL_MS = 24 * 3600 * 1000;

const tokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  access_type: z.literal('api_key'),
  expires_in: z.int().describe('Seconds.'),
  expired_at: z.int().describe('Epoch milliseconds.'),
});

// The OMICALL-compatible endpoints. Encapsulated (not fastify-plugin) so that its error handler,
// which answers in OMICALL's envelope, applies to these routes only.
export async function omicallCompatRoutes(app: FastifyInstance, options: CampaignServiceDeps & { maxCallsPerBatch: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, now } = options;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toErrorBody(error, request);
    return reply.status(body.statusCode).headers(errorHeaders(body)).send(errorEnvelope(body));
  });

  r.get(
    '/api/auth',
    {
      config: { errorDialect: 'omicall' },
      schema: {
        tags: ['omicall-compatible'],
        operationId: 'omicallAuth',
        summary: 'Exchange an API key for a 24-hour bearer token (OMICALL dialect)',
        security: PUBLIC,
        querystring: z.strictObject({ apiKey: z.string().max(500).optional().describe('Your API key') }),
        response: {
          200: jsonReply('A bearer token for the other OMICALL-compatible routes.', omicallEnvelope(tokenSchema)),
          ...errorReplies([401], 'omicall'),
        },
      },
    },
    async (request) => {
      const apiKey = request.query.apiKey;
      if (!apiKey) throw new ApiError(400, 'api_key_is_required', 'The apiKey query parameter is required.', [{ field: 'apiKey', code: 'required', message: 'is required' }]);
      const principal = await authenticate(prisma, apiKey, now());
      if (!principal) throw new ApiError(401, 'api_key_invalid', 'The API key is not valid.');
      const token = await issueAccessToken(prisma, { apiKeyId: principal.apiKeyId, nowMs: now(), ttlMs: TOKEN_TTL_MS });
      return okEnvelope({
        access_token: token.token,
        token_type: 'Bearer',
        access_type: 'api_key',
        expires_in: Math.round(TOKEN_TTL_MS / 1000),
        expired_at: token.expiresAtMs,
      });
    },
  );

  r.post(
    '/api/v2/autoCall/executeByPhone',
    {
      config: { idempotent: true, errorDialect: 'omicall' },
      onRequest: async (request) => {
        const secret = secretFrom(request);
        const principal = secret ? await authenticate(prisma, secret, now()) : null;
        if (!principal) throw new ApiError(401, 'token_expired', 'The bearer token is missing, unknown or expired; get a new one from /api/auth.');
        request.principal = principal;
      },
      schema: {
        tags: ['omicall-compatible'],
        operationId: 'omicallExecuteByPhone',
        summary: 'Create an AutoCall campaign (OMICALL AutoCall API v2 body plus the phone list)',
        description:
          'Exactly the fields of OMICALL v2 executeByPhone, plus the phone list as phones, phoneNumbers or phone_number_list. ' +
          'Any other field (timeZone, callWindows... included: they are native-only) is refused as unknown_field.',
        security: BEARER,
        querystring: z.strictObject({}),
        body: omicallCampaignInputSchema({ maxCallsPerBatch: options.maxCallsPerBatch }),
        response: {
          200: jsonReply(
            'The campaign as stored, in the 9999 envelope; payload.autocall_id is its id.',
            omicallEnvelope(createdCampaignSchema.extend({ autocall_id: z.uuid().describe('The campaign id, as OMICALL names it.') })),
          ),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const created = await submitCampaign(options, request.body, principal, 'omicall');
      const campaign = await findCampaign(prisma, principal.tenantId, created.id);
      return okEnvelope({ autocall_id: created.id, ...campaignView(campaign!), phones: created.phones });
    },
  );
}
