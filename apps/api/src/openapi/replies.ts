// The pieces every operation's documented replies are made of: one error schema for the native
// API (the `Error` component), OMICALL's failure envelope for the OMICALL-compatible routes, and
// small helpers to declare a reply with its description.
import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '@autocall/domain';

export const fieldErrorSchema = z
  .looseObject({
    field: z.string().describe('The field at fault, dotted: scripts.0.targetValue, querystring.limit, params.id.'),
    code: z.string().describe('Stable machine code: required, invalid_type, too_big, unknown_field, ...'),
    message: z.string().describe('A sentence for people.'),
    suggestion: z.string().optional().describe('For an unknown field: the known field it was probably meant to be.'),
  })
  .describe('One problem with one field. Some codes add keys (no_valid_numbers adds the phone report).')
  .meta({ id: 'FieldError' });

export const errorSchema = z
  .object({
    statusCode: z.int().describe('The HTTP status, repeated.'),
    code: z.string().describe('Stable machine code: validation_error, unknown_field, not_found, invalid_transition, ...'),
    message: z.string().describe('A sentence for people; 5xx replies never carry internals.'),
    details: z.array(fieldErrorSchema).optional().describe('Every field at fault, when the error is about fields.'),
    current: z.enum(CAMPAIGN_STATUSES).optional().describe('invalid_transition: the status the campaign is in.'),
  })
  .describe('Every error of the native API has this shape; nothing was changed by a refused request.')
  .meta({ id: 'Error' });

const INSTANCE = { instance_id: z.string(), instance_name: z.string(), key_enabled: z.boolean() };

export const omicallErrorSchema = z
  .object({
    status_code: z.literal(-9999),
    ...INSTANCE,
    message: z.string().describe('The error code, as OMICALL puts it.'),
    payload: z.object({
      status: z.literal('fail'),
      error: z.string().describe('The error code.'),
      message: z.string().describe('A sentence for people.'),
      field: z.string().optional().describe('The first field at fault.'),
      reason: z.string().optional().describe('Why that field was refused, as a stable code (required, too_big, unknown_field...).'),
      details: z.array(fieldErrorSchema).optional(),
      current: z.enum(CAMPAIGN_STATUSES).optional(),
    }),
  })
  .describe("OMICALL's failure envelope, so a client written for OMICALL reads our errors as it reads theirs.")
  .meta({ id: 'OmicallError' });

/** OMICALL's success envelope around a payload. */
export function omicallEnvelope<T extends z.ZodType>(payload: T) {
  return z.object({ status_code: z.literal(9999), ...INSTANCE, payload });
}

/** A JSON reply with its description. */
export function jsonReply(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}

/** A reply without a body. */
export function emptyReply(description: string) {
  return z.undefined().describe(description);
}

export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The request is invalid: a field is missing, malformed or unknown (details names each one; code unknown_field when a field is unknown).',
  401: 'No valid credential was sent.',
  403: 'The API key is not an admin key.',
  404: 'Not found (a resource of another tenant is not found either).',
  409: "The resource's state does not allow this (invalid_transition, with current), or a request with this Idempotency-Key is still running.",
  413: 'The body or file is larger than this endpoint accepts.',
  415: 'The body is not in a media type this endpoint reads.',
  422: 'This Idempotency-Key was already used with another request.',
  429: 'Too many requests; retry after the time in Retry-After.',
  500: 'Something went wrong on our side; the request may be retried.',
  503: 'Busy (code busy: no database connection in time; retry after Retry-After, nothing was changed) or a dependency is unreachable.',
};

/** Error replies for these statuses, in the native shape or OMICALL's envelope. */
export function errorReplies(statuses: readonly ErrorStatus[], dialect: 'native' | 'omicall' = 'native') {
  const schema = dialect === 'omicall' ? omicallErrorSchema : errorSchema;
  return Object.fromEntries(statuses.map((status) => [status, jsonReply(ERROR_DESCRIPTIONS[status], schema)]));
}

/** API key auth for an operation; `[]` for the public ones. */
export const BEARER = [{ bearerAuth: [] }];
export const PUBLIC: [] = [];
