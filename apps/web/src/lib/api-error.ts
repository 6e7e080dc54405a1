// The API's error body: { statusCode, code, message, details? }. `details` is a list of field
// errors for validation failures ({ field: 'scripts.0.targetValue', code, message }).
export type FieldError = { field: string; code: string; message: string };

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: FieldError[];
  constructor(statusCode: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

function isFieldError(value: unknown): value is FieldError {
  const v = value as Partial<FieldError> | null;
  return typeof v?.field === 'string' && typeof v.code === 'string' && typeof v.message === 'string';
}

// Builds an ApiError from whatever came back; a body that is not the API's (a proxy's HTML page,
// a network failure) still gives a status and a sentence.
export function toApiError(body: unknown, response: Response | undefined): ApiError {
  const b = (body ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown; details?: unknown };
  const status = typeof b.statusCode === 'number' ? b.statusCode : (response?.status ?? 0);
  const code = typeof b.code === 'string' ? b.code : status === 0 ? 'network_error' : 'http_error';
  const message = typeof b.message === 'string' ? b.message : `The server answered ${status || 'nothing'}.`;
  const details = Array.isArray(b.details) ? b.details.filter(isFieldError) : [];
  return new ApiError(status, code, message, details);
}

// openapi-fetch resolves to { data } or { error }; queries and mutations want data or a throw.
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'The server could not be reached.');
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.error, result.response);
  return result.data as T;
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
