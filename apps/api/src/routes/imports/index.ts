import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCampaign, isAppendable, type Principal } from '@autocall/db';
import { appendNumbersSchema, zodIssuesToFieldErrors } from '@autocall/domain';
import { ApiError, notFound } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  commitAppend,
  commitNewCampaign,
  notAppendable,
  readCampaignField,
  stageFile,
  stageList,
  type ImportServiceDeps,
  type StagedList,
} from '../../services/imports.ts';
import { campaignView } from '../campaigns/views.ts';
import { multipartFailure } from './errors.ts';
import { callsExportRoute } from './export.ts';

export type ImportRouteOptions = ImportServiceDeps & { uploadLimitBytes?: number };

const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;
const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.uuid().describe('Campaign id') });
const FILE_HELP =
  'CSV or plain text, UTF-8. A plain file has one number per line. A CSV may start with a header: the column named ' +
  'phone, phone_number, phoneNumber, so_dien_thoai (or sdt, mobile, msisdn) holds the numbers, else the first column. ' +
  'Separators , ; tab or | are detected from the first line.';
const phonesReport = z.object({
  accepted: z.number().describe('Numbers stored to be called.'),
  duplicated: z.number().describe('Lines repeating a number already in the list (or, when appending, in the campaign).'),
  invalid: z.number().describe('Lines that are not a callable number (stored with status invalid).'),
  suppressed: z.number().describe("Valid numbers on the tenant's do-not-call list (stored with status suppressed)."),
  invalidExamples: z
    .array(z.object({ line: z.number(), position: z.number(), input: z.string(), reason: z.string() }))
    .describe('The first invalid lines: line number in the file (1-based), place in the list, text and reason.'),
});

// File uploads and appends. Multipart parsing is registered here only: every other route keeps
// refusing multipart bodies.
export async function importRoutes(app: FastifyInstance, options: ImportRouteOptions) {
  const limit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1024 * 1024, parts: 20 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/campaigns/upload',
    {
      preHandler: app.requireAuth,
      config: { idempotent: true },
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign from a file of numbers',
        description:
          `multipart/form-data with a field \`campaign\` (JSON: the POST /v1/campaigns payload without a phone list) and a ` +
          `file \`file\` of at most ${limit} bytes, streamed straight to the database. ${FILE_HELP} All or nothing: a refused ` +
          'upload stores nothing.',
        security,
        consumes: ['multipart/form-data'],
        body: z
          .object({
            campaign: z.string().describe('JSON campaign settings, e.g. {"name":"Promo","scripts":[...],"sendTime":1767000000000}'),
            file: z.string().meta({ format: 'binary' }).describe('The list of numbers.'),
          })
          // Multipart bodies are read in the handler, so validation sees no body.
          .nullish(),
        response: { 201: z.looseObject({ id: z.string(), phones: phonesReport }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      let settings: ReturnType<typeof readCampaignField> | undefined;
      let list: StagedList | undefined;
      try {
        for await (const part of multipartParts(request)) {
          if (part.type === 'field') {
            if (part.fieldname === 'campaign') settings = readCampaignField(options, String(part.value));
          } else if (part.fieldname === 'file' && !list) {
            list = await stageFile(options, part.file);
            if (part.file.truncated) throw fileTooLarge(limit);
          } else part.file.resume();
        }
        if (!settings) throw missingPart('campaign', 'the campaign settings as JSON');
        if (!list) throw missingPart('file', 'the file of phone numbers');
        const created = await commitNewCampaign(options, list, settings, principal);
        const campaign = await findCampaign(options.prisma, principal.tenantId, created.id);
        return reply.status(201).send({ ...campaignView(campaign!), phones: created.phones });
      } catch (error) {
        await list?.staged.abort();
        throw multipartFailure(error, limit);
      }
    },
  );

  r.post(
    '/v1/campaigns/:id/numbers',
    {
      preHandler: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        summary: 'Add numbers to a campaign that has not started',
        description:
          'JSON `{ "phoneNumbers": [...] }`, or multipart/form-data with a file `file` (as for /v1/campaigns/upload). ' +
          'New numbers go after the last one; numbers already in the campaign count as duplicated. 409 once the ' +
          'campaign has started (allowed while scheduled, or paused before its first batch).',
        security,
        params: idParams,
        consumes: ['application/json', 'multipart/form-data'],
        body: appendNumbersSchema.nullish(),
        response: { 200: z.looseObject({ id: z.string(), firstPosition: z.number(), phones: phonesReport }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await assertAppendable(options, principal, request.params.id);
      let list: StagedList | undefined;
      try {
        let field = 'phoneNumbers';
        if (request.isMultipart()) {
          field = 'file';
          for await (const part of multipartParts(request)) {
            if (part.type === 'file' && part.fieldname === 'file' && !list) {
              list = await stageFile(options, part.file);
              if (part.file.truncated) throw fileTooLarge(limit);
            } else if (part.type === 'file') part.file.resume();
          }
          if (!list) throw missingPart('file', 'the file of phone numbers');
        } else {
          const parsed = appendNumbersSchema.safeParse(request.body);
          if (!parsed.success) {
            const details = zodIssuesToFieldErrors(parsed.error.issues, request.body);
            throw new ApiError(400, 'validation_error', details[0]?.message ?? 'The request is invalid.', details);
          }
          list = await stageList(options, parsed.data.phoneNumbers);
        }
        const added = await commitAppend(options, list, request.params.id, principal, field);
        const campaign = await findCampaign(options.prisma, principal.tenantId, added.id);
        return { ...campaignView(campaign!), firstPosition: added.firstPosition, phones: added.phones };
      } catch (error) {
        await list?.staged.abort();
        throw multipartFailure(error, limit);
      }
    },
  );

  await callsExportRoute(app, options);
}

function multipartParts(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new ApiError(415, 'multipart_required', 'Send the file as multipart/form-data.');
  }
  return request.parts();
}

// A cheap refusal before any byte of the file is read; checked again under lock at commit.
async function assertAppendable(options: ImportServiceDeps, principal: Principal, id: string) {
  const campaign = await findCampaign(options.prisma, principal.tenantId, id);
  if (!campaign) throw notFound('Campaign');
  if (!isAppendable(campaign.status, campaign.startedAt)) throw notAppendable(campaign.status);
}

export function fileTooLarge(limit: number): ApiError {
  return new ApiError(413, 'file_too_large', `The file is larger than the ${limit} bytes an upload may carry; split it and append the rest.`);
}

export function missingPart(field: string, what: string): ApiError {
  const message = `The form has no ${field} part: send ${what}.`;
  return new ApiError(400, 'missing_part', message, [{ field, code: 'required', message }]);
}
