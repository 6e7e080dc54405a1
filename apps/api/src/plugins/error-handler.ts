import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodIssuesToFieldErrors, type FieldError } from '@autocall/domain';
import { ApiError, BUSY_RETRY_AFTER_SECONDS, invalidInput, isBusyError, type ErrorExtras } from '../errors.ts';

// The one error shape of the native API (documented as the `Error` component).
export type ErrorBody = { statusCode: number; code: string; message: string; details?: FieldError[] } & ErrorExtras;

// Turns any thrown error into { statusCode, code, message, details }. Only 4xx carry the real
// message; a 5xx says that something went wrong and nothing more.
export function toErrorBody(error: FastifyError | Error, request: FastifyRequest): ErrorBody {
  if (error instanceof ApiError) {
    const body: ErrorBody = { statusCode: error.statusCode, code: error.code, message: error.message, ...error.extras };
    return error.details ? { ...body, details: error.details } : body;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Rebuild zod's issues from Fastify's copy so the domain can word them.
    const place = validationPlace(error);
    const issues = error.validation.map((v) => ({
      ...v.params,
      code: v.keyword,
      message: v.message ?? 'is invalid',
      path: [...(place ? [place] : []), ...v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
    }));
    const input = place ? (request as unknown as Record<string, unknown>)[place === 'querystring' ? 'query' : place] : request.body;
    const schema = schemaOf(request, place || 'body');
    const placed = place && schema ? z.object({ [place]: schema as z.ZodType }) : schema;
    const details = zodIssuesToFieldErrors(issues as never, place ? { [place]: input } : input, placed);
    return toErrorBody(invalidInput(details), request);
  }
  if (isBusyError(error)) {
    request.log.warn({ err: error }, 'no database connection in time: answered 503 busy');
    return { statusCode: 503, code: 'busy', message: 'The service is busy; retry after the time in Retry-After (nothing was changed).' };
  }
  const statusCode = (error as FastifyError).statusCode ?? 500;
  if (statusCode === 413) {
    return { statusCode, code: 'payload_too_large', message: 'The request body is larger than this endpoint accepts; upload large lists as a file.' };
  }
  if (statusCode === 415) return { statusCode, code: 'unsupported_media_type', message: 'Send the body as application/json.' };
  if (statusCode === 429) return { statusCode, code: 'rate_limited', message: 'Too many requests; retry after the time in Retry-After.' };
  if (statusCode >= 400 && statusCode < 500) {
    if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return { statusCode, code: 'invalid_json', message: 'The request body is not valid JSON.' };
    }
    return { statusCode, code: 'bad_request', message: error.message || 'The request is invalid.' };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side; the request may be retried.' };
}

function validationPlace(error: { validationContext?: string }): string {
  // Body fields are named as they are in the body; query and params get a prefix.
  return error.validationContext && error.validationContext !== 'body' ? error.validationContext : '';
}

// The zod schema that refused the request part, so unknown fields get a suggestion from it. A body
// documented per media type (JSON or a file upload) has one schema per type.
function schemaOf(request: FastifyRequest, place: string): z.core.$ZodType | undefined {
  const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[place];
  if (schema instanceof z.core.$ZodType) return schema;
  const content = (schema as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
  const mediaType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const forType = content?.[mediaType]?.schema;
  return forType instanceof z.core.$ZodType ? forType : undefined;
}

// Headers that go with an error body: a busy reply says when to come back.
export function errorHeaders(body: ErrorBody): Record<string, string> {
  return body.code === 'busy' ? { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } : {};
}

export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error, request);
      return reply.status(body.statusCode).headers(errorHeaders(body)).send(body);
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ statusCode: 404, code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }),
    );
  },
  { name: 'error-handler' },
);
