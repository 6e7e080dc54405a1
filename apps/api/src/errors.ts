import type { FieldError } from '@autocall/domain';

// Top-level fields an error may carry beside its details, for clients that read them directly
// (e.g. `current`: the campaign's status when a move is refused).
export type ErrorExtras = { current?: string };

// An error the client can act on: an HTTP status, a stable machine code, a sentence, and where
// it applies, the fields at fault. Anything else is a 500 whose body reveals nothing.
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: FieldError[] | undefined;
  readonly extras: ErrorExtras | undefined;
  constructor(statusCode: number, code: string, message: string, details?: FieldError[], extras?: ErrorExtras) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.extras = extras;
  }
}

// Saturation, not a fault: every database connection was busy for longer than a request may wait
// (Prisma's P2028 when a transaction cannot start in time, the pool's own acquire timeout). The
// client may retry the same request (with its Idempotency-Key, safely); nothing was changed.
const BUSY_MESSAGES = ['Unable to start a transaction in the given time', 'timeout exceeded when trying to connect'];
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as { code?: unknown }).code === 'P2028') return true;
  return BUSY_MESSAGES.some((text) => error.message.includes(text));
}
export const BUSY_RETRY_AFTER_SECONDS = 1;

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'A valid API key is required: send "Authorization: Bearer <key>".');
export const forbidden = () => new ApiError(403, 'forbidden', 'This needs an admin API key.');

// A move the campaign's status does not allow; `current` says which status that is.
export function invalidTransition(message: string, current: string): ApiError {
  return new ApiError(409, 'invalid_transition', message, [{ field: 'status', code: 'invalid_transition', message }], { current });
}

/**
 * A refused input: 400 with every problem in details. The code is `unknown_field` when any field
 * is unknown (the likeliest cause is a typo, and the reply says what was meant), else
 * `validation_error`; the message is the sentence of the problem that decided the code.
 */
export function invalidInput(details: FieldError[], fallback = 'The request is invalid.'): ApiError {
  const unknown = details.filter((detail) => detail.code === 'unknown_field');
  if (unknown.length === 0) return new ApiError(400, 'validation_error', details[0]?.message ?? fallback, details);
  const more = unknown.length > 1 ? ` ${unknown.length - 1} more unknown field${unknown.length > 2 ? 's are' : ' is'} listed in details.` : '';
  return new ApiError(400, 'unknown_field', `${unknown[0]!.message}${more}`, details);
}
