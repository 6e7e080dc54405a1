import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignInputSchema, resolveSendTime, zodIssuesToFieldErrors } from '@autocall/domain';
import { ApiError, invalidInput } from '../../errors.ts';
import { BEARER, jsonReply } from '../../openapi/replies.ts';
import { principalOf } from '../../plugins/auth.ts';
import { readCampaignField, type ImportServiceDeps } from '../../services/imports.ts';
import { checkPhoneFile, checkPhoneList, planOf, type PhoneCheck } from '../../services/validate.ts';
import { multipartFailure } from '../imports/errors.ts';
import { fileTooLarge, missingPart } from '../imports/index.ts';
import { campaignCheckSchema } from './schemas.ts';

export type ValidateRouteOptions = ImportServiceDeps & { uploadLimitBytes?: number };

const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;
// As for /v1/campaigns/upload; the handler streams the form, so validation sees no body (null).
const form = z
  .strictObject({
    campaign: z.string().describe('JSON: the POST /v1/campaigns payload without a phone list. Unknown fields are refused as there.'),
    file: z.string().meta({ format: 'binary' }).describe('The list of numbers (CSV or one number per line).'),
  })
  .nullish();

// POST /v1/campaigns/validate: everything POST /v1/campaigns and /v1/campaigns/upload check, and
// the plan of the batches, without storing anything.
export async function campaignValidateRoutes(app: FastifyInstance, options: ValidateRouteOptions) {
  const limit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;
  // Multipart parsing stays inside this plugin, as for the upload routes.
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1024 * 1024, parts: 20 } });
  const schema = campaignInputSchema({ maxCallsPerBatch: options.maxCallsPerBatch });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/campaigns/validate',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['campaigns'],
        operationId: 'validateCampaign',
        summary: 'Check a campaign without creating it',
        description:
          'A dry run of POST /v1/campaigns (the same JSON body) or of POST /v1/campaigns/upload (multipart/form-data with ' +
          'a `campaign` JSON field and a `file`, read as a stream). Refuses what create refuses (400 with the fields), ' +
          'counts what would happen to the numbers (accepted, duplicated, invalid with the first 20 lines and reasons, ' +
          "suppressed by the do-not-call list: numbers are counted, never refused) and plans the batches: first and last " +
          'batch in the call windows, retries estimated as if nobody answers. Stores nothing and dials nobody.',
        security: BEARER,
        querystring: z.strictObject({}),
        body: { content: { 'application/json': { schema }, 'multipart/form-data': { schema: form } } },
        response: { 200: jsonReply('What would happen to the numbers, and when the batches would go out.', campaignCheckSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const nowMs = options.now();
      if (request.isMultipart()) {
        let settings: ReturnType<typeof readCampaignField> | undefined;
        let phones: PhoneCheck | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if (part.fieldname === 'campaign') settings = readCampaignField(options, String(part.value));
            } else if (part.fieldname === 'file' && !phones) {
              phones = await checkPhoneFile(options, principal, part.file);
              if (part.file.truncated) throw fileTooLarge(limit);
            } else part.file.resume();
          }
        } catch (error) {
          throw multipartFailure(error, limit);
        }
        if (!settings) throw missingPart('campaign', 'the campaign settings as JSON');
        if (!phones) throw missingPart('file', 'the file of phone numbers');
        return { phones, plan: planOf(settings.input, settings.sendTimeMs, phones.accepted, nowMs) };
      }
      // JSON bodies were validated already; this catches a request that sent none.
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) throw invalidInput(zodIssuesToFieldErrors(parsed.error.issues, request.body, schema));
      const sendTime = resolveSendTime(parsed.data.sendTime, nowMs);
      if (!sendTime.ok) {
        throw new ApiError(400, sendTime.code, sendTime.message, [{ field: 'sendTime', code: sendTime.code, message: sendTime.message }]);
      }
      const phones = await checkPhoneList(options, principal, parsed.data);
      return { phones, plan: planOf(parsed.data, sendTime.atMs, phones.accepted, nowMs) };
    },
  );
}

export type CampaignCheck = z.output<typeof campaignCheckSchema>;
