import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCampaign, isAppendable, type Principal } from '@autocall/db';
import { CAMPAIGN_EXAMPLE, appendNumbersSchema, zodIssuesToFieldErrors } from '@autocall/domain';
import { ApiError, invalidInput, notFound } from '../../errors.ts';
import { BEARER as security, errorReplies, jsonReply } from '../../openapi/replies.ts';
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
import { campaignIdParams as idParams, campaignSchema, createdCampaignSchema, phoneReportSchema } from '../campaigns/schemas.ts';
import { campaignView } from '../campaigns/views.ts';
import { multipartFailure } from './errors.ts';
import { callsExportRoute } from './export.ts';

export type ImportRouteOptions = ImportServiceDeps & { uploadLimitBytes?: number };

const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;
const noQuery = z.strictObject({});
const { phoneNumbers: _list, ...settingsExample } = CAMPAIGN_EXAMPLE;
const FILE_HELP =
  'CSV or plain text, UTF-8. A plain file has one number per line. A CSV may start with a header: the column named ' +
  'phone, phone_number, phoneNumber, so_dien_thoai (or sdt, mobile, msisdn) holds the numbers, else the first column. ' +
  'Separators , ; tab or | are detected from the first line.';
// A file part: documented as binary. The handler streams the form, so validation sees no body (null).
const filePart = z.string().meta({ format: 'binary' });
const uploadForm = z
  .strictObject({
    campaign: z
      .string()
      .describe('JSON: the POST /v1/campaigns payload without a phone list. Unknown fields are refused as there.')
      .meta({ examples: [JSON.stringify(settingsExample)] }),
    file: filePart.describe('The list of numbers.'),
  })
  .nullish();
const fileForm = z.strictObject({ file: filePart.describe('The list of numbers.') }).nullish();

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
        operationId: 'uploadCampaign',
        summary: 'Create a campaign from a file of numbers',
        description:
          `multipart/form-data with a field \`campaign\` (JSON: the POST /v1/campaigns payload without a phone list) and a ` +
          `file \`file\` of at most ${limit} bytes, streamed straight to the database. ${FILE_HELP} All or nothing: a refused ` +
          'upload stores nothing.',
        security,
        querystring: noQuery,
        body: { content: { 'multipart/form-data': { schema: uploadForm } } },
        response: { 201: jsonReply('The campaign as stored, with what happened to each line of the file.', createdCampaignSchema) },
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
        operationId: 'appendCampaignNumbers',
        summary: 'Add numbers to a campaign that has not started',
        description:
          'JSON `{ "phoneNumbers": [...] }`, or multipart/form-data with a file `file` (as for /v1/campaigns/upload). ' +
          'New numbers go after the last one; numbers already in the campaign count as duplicated. 409 once the ' +
          'campaign has started (allowed while scheduled, or paused before its first batch).',
        security,
        params: idParams,
        querystring: noQuery,
        body: { content: { 'application/json': { schema: appendNumbersSchema }, 'multipart/form-data': { schema: fileForm } } },
        response: {
          200: jsonReply(
            'The campaign with the numbers added.',
            campaignSchema.extend({ firstPosition: z.int().describe('Position of the first number added.'), phones: phoneReportSchema }),
          ),
          ...errorReplies([404, 409]),
        },
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
          // JSON bodies were validated already; this catches a request that sent none.
          const parsed = appendNumbersSchema.safeParse(request.body);
          if (!parsed.success) throw invalidInput(zodIssuesToFieldErrors(parsed.error.issues, request.body, appendNumbersSchema));
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
