import type { FieldError } from '@autocall/domain';

// An error the client can act on: an HTTP status, a stable machine code, a sentence, and where
// it applies, the fields at fault. Anything else is a 500 whose body reveals nothing.
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: FieldError[] | Record<string, unknown> | undefined;
  constructor(statusCode: number, code: string, message: string, details?: FieldError[] | Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'A valid API key is required: send "Authorization: Bearer <key>".');
export const forbidden = () => new ApiError(403, 'forbidden', 'This needs an admin API key.');
