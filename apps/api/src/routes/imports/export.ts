import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { CALL_RESULT_COLUMNS, callResultPages, findCampaign, type CallResultRow, type NumberFilter, type PrismaClient } from '@autocall/db';
import { csvField, type CountryCode } from '@autocall/domain';
import { notFound } from '../../errors.ts';
import { BEARER, errorReplies } from '../../openapi/replies.ts';
import { principalOf } from '../../plugins/auth.ts';
import { callStatusesParam, phoneSearchParam } from '../../query-filters.ts';
import { campaignIdParams } from '../campaigns/schemas.ts';

// Phone first: the column people look for when they open the file.
const COLUMNS: (keyof CallResultRow)[] = ['phone', ...CALL_RESULT_COLUMNS.filter((c) => c !== 'phone')];

async function* csvChunks(pool: pg.Pool, campaignId: string, filter: NumberFilter): AsyncGenerator<string> {
  yield COLUMNS.join(',') + '\r\n';
  for await (const page of callResultPages(pool, campaignId, undefined, filter)) {
    let chunk = '';
    for (const row of page) chunk += COLUMNS.map((column) => csvField(row[column])).join(',') + '\r\n';
    yield chunk;
  }
}

export async function callsExportRoute(app: FastifyInstance, options: { prisma: PrismaClient; pool: pg.Pool; defaultCountry: string }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/campaigns/:id/calls.csv',
    {
      preHandler: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'exportCampaignCalls',
        summary: 'Every number with its final result, as CSV',
        description:
          `Streamed in list order, any size. Columns: ${COLUMNS.join(', ')}. Times are ISO 8601 UTC; the last_* columns ` +
          'describe the latest attempt (empty when never dialled).',
        security: BEARER,
        params: campaignIdParams,
        // The calls page's filters, so an export holds what the page shows.
        querystring: z.strictObject({ status: callStatusesParam.optional(), phone: phoneSearchParam(options.defaultCountry as CountryCode).optional() }),
        response: {
          200: { description: 'One line per number, with a header line.', content: { 'text/csv': { schema: z.string() } } },
          ...errorReplies([404]),
        },
      },
    },
    async (request, reply) => {
      const campaign = await findCampaign(options.prisma, principalOf(request).tenantId, request.params.id);
      if (!campaign) throw notFound('Campaign');
      // Documented as the text it is; sent as a stream, which is not serialized.
      return (reply as FastifyReply)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="campaign-${campaign.id}-calls.csv"`)
        .send(Readable.from(csvChunks(options.pool, campaign.id, { statuses: request.query.status, phone: request.query.phone })));
    },
  );
}
