import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { addSuppressions, countSuppressions, listSuppressions, removeSuppression, type PrismaClient } from '@autocall/db';
import { MAX_JSON_PHONES, normalizePhone, type CountryCode } from '@autocall/domain';
import { principalOf } from '../../plugins/auth.ts';
import { ApiError, notFound } from '../../errors.ts';
import { BEARER as security, emptyReply, errorReplies, jsonReply } from '../../openapi/replies.ts';
import { phoneSearchParam } from '../../query-filters.ts';
import { multipartFailure } from '../imports/errors.ts';
import { readPhoneLines, type ListReport } from './lines.ts';

export type SuppressionRouteOptions = { prisma: PrismaClient; now: () => number; defaultCountry: string; maxUploadBytes?: number };

const reason = z.string().trim().min(1).max(200).optional().describe('Why the numbers must not be called (kept with each number).');
const report = z
  .object({
    added: z.int().describe('Numbers newly put on the list.'),
    duplicated: z.int().describe('Numbers already on the list, or repeated in this request.'),
    invalid: z.int().describe('Entries that are not callable phone numbers.'),
    invalidExamples: z
      .array(z.object({ input: z.string(), reason: z.string(), line: z.int().optional(), position: z.int().optional() }))
      .describe('The first invalid entries with the reason.'),
  })
  .describe('What happened to the submitted numbers.')
  .meta({ id: 'SuppressionReport' });
const suppressionView = z
  .object({
    phone: z.string().describe('National form, e.g. 0395187319.'),
    reason: z.string().nullable(),
    createdAt: z.int().describe('Epoch milliseconds.'),
  })
  .meta({ id: 'Suppression' });
const phoneParams = z.strictObject({ phone: z.string().min(1).max(32).describe('The number, national or international form.') });
const noQuery = z.strictObject({});

// The tenant-wide do-not-call list. Numbers on it are stored as `suppressed` when a campaign is
// created and skipped at every dispatch, so adding one stops it in running campaigns too.
export async function suppressionRoutes(app: FastifyInstance, options: SuppressionRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, now } = options;
  const country = options.defaultCountry as CountryCode;
  // Registered here, not on the app: multipart parsing stays inside this plugin's routes.
  await app.register(multipart, { limits: { files: 1, fields: 5, fileSize: options.maxUploadBytes ?? 256 * 1024 * 1024 } });

  const normalised = (raw: string) => {
    const phone = normalizePhone(raw, country);
    if (!phone.ok) throw new ApiError(400, 'invalid_phone', `Not a callable phone number (${phone.reason}).`, [{ field: 'params.phone', code: phone.reason, message: 'is not a callable phone number' }]);
    return phone.national;
  };

  r.post(
    '/v1/suppressions',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['suppressions'],
        operationId: 'createSuppressions',
        summary: 'Add numbers to the do-not-call list',
        description: 'Numbers are normalised like campaign numbers. Running campaigns skip them from their next batch on.',
        security,
        querystring: noQuery,
        body: z
          .strictObject({
            phones: z.array(z.union([z.string(), z.number()])).min(1).max(MAX_JSON_PHONES).describe(`Numbers to suppress, at most ${MAX_JSON_PHONES}; upload a file for more.`),
            reason,
          })
          .meta({ examples: [{ phones: ['0395187319', '+84912345678'], reason: 'Khách hàng yêu cầu không gọi lại' }] }),
        response: { 200: jsonReply('What happened to the submitted numbers.', report) },
      },
    },
    async (request) => {
      const result: ListReport = { added: 0, duplicated: 0, invalid: 0, invalidExamples: [] };
      const phones: string[] = [];
      request.body.phones.forEach((raw, position) => {
        const phone = normalizePhone(raw, country);
        if (phone.ok) return phones.push(phone.national);
        result.invalid += 1;
        if (result.invalidExamples.length < 10) result.invalidExamples.push({ input: String(raw).slice(0, 64), reason: phone.reason, position });
      });
      const added = await addSuppressions(prisma, { tenantId: principalOf(request).tenantId, phones, reason: request.body.reason ?? null, nowMs: now() });
      return { ...result, ...added };
    },
  );

  r.post(
    '/v1/suppressions/upload',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['suppressions'],
        operationId: 'uploadSuppressions',
        summary: 'Add numbers to the do-not-call list from a file',
        description:
          'multipart/form-data with one file: one number per line, or CSV with the number in the first column ' +
          '(a header line is skipped). Read as a stream, so the file may be large.',
        security,
        querystring: z.strictObject({ reason }),
        // The handler streams the file, so validation sees no body.
        body: { content: { 'multipart/form-data': { schema: z.strictObject({ file: z.string().meta({ format: 'binary' }).describe('The list of numbers.') }).nullish() } } },
        response: { 200: jsonReply('What happened to the lines of the file.', report) },
      },
    },
    async (request) => {
      if (!request.isMultipart()) {
        throw new ApiError(415, 'unsupported_media_type', 'Upload the list as multipart/form-data with one file.');
      }
      const tenantId = principalOf(request).tenantId;
      const nowMs = now();
      // A malformed form (cut short, bad boundary) is the client's error, not a 500.
      const { file, result } = await (async () => {
        const file = await request.file();
        if (!file) throw new ApiError(400, 'file_required', 'The form has no file; attach the list as a file field.');
        const result = await readPhoneLines(file.file, country, (phones) =>
          addSuppressions(prisma, { tenantId, phones, reason: request.query.reason ?? null, nowMs }),
        );
        return { file, result };
      })().catch((error: unknown) => {
        throw multipartFailure(error, options.maxUploadBytes ?? 256 * 1024 * 1024);
      });
      if (file.file.truncated) {
        throw new ApiError(413, 'payload_too_large', `The file is larger than this endpoint accepts; ${result.added} numbers were added before the limit.`);
      }
      return result;
    },
  );

  r.get(
    '/v1/suppressions',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['suppressions'],
        operationId: 'listSuppressions',
        summary: 'List the do-not-call list, in number order',
        security,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (1-1000)'),
          cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
          phone: phoneSearchParam(country).optional(),
        }),
        response: {
          200: jsonReply(
            'A page of the list, and how many numbers it holds.',
            z.object({
              items: z.array(suppressionView),
              nextCursor: z.string().nullable(),
              total: z.int().describe('How many numbers the whole list holds (whatever the search).'),
            }),
          ),
        },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const [found, total] = await Promise.all([listSuppressions(prisma, { tenantId, ...request.query }), countSuppressions(prisma, tenantId)]);
      return {
        items: found.items.map((s) => ({ phone: s.phone, reason: s.reason, createdAt: s.createdAt.getTime() })),
        nextCursor: found.nextCursor,
        total,
      };
    },
  );

  r.delete(
    '/v1/suppressions/:phone',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['suppressions'],
        operationId: 'deleteSuppression',
        summary: 'Take a number off the do-not-call list',
        security,
        params: phoneParams,
        querystring: noQuery,
        response: { 204: emptyReply('The number is off the list.'), ...errorReplies([404]) },
      },
    },
    async (request, reply) => {
      const removed = await removeSuppression(prisma, principalOf(request).tenantId, normalised(request.params.phone));
      if (!removed) throw notFound('The number on the do-not-call list');
      return reply.status(204).send();
    },
  );
}
