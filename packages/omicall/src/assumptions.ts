// Every assumption this project makes about OMICALL lives here (see
// /work/shared/reference/omicall-notes.md, "Not documented"). Change them in one place.

export const AUTH_PATH = '/api/auth';
export const EXECUTE_BY_PHONE_PATH = '/api/v2/autoCall/executeByPhone';

export const STATUS_OK = 9999;
export const STATUS_FAILED = -9999;

/** ASSUMPTION: the v2 page names no field for the phone list; we send it under this name. */
export const PHONE_LIST_FIELD = 'phoneNumbers';

/**
 * Our service does its own per-number retries, so OMICALL must never retry on its own; every
 * batch is sent with these values.
 */
export const PROVIDER_RETRY_SETTINGS = { maxRetryOfDetail: 0, retryAfterSeconds: 0 } as const;

/** Documented: a token lives 24 hours. Used when the auth reply carries no expiry. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Renew this long before the expiry; at most a tenth of the lifetime for short-lived tokens. */
export const TOKEN_SAFETY_MARGIN_MS = 5 * 60 * 1000;

export const TOKEN_EXPIRED_CODE = 'token_expired';
export const RATE_LIMIT_CODE = 'rate_limit_exceeded';

/**
 * Error codes that mean "try again later". ASSUMPTION: the documentation does not say which codes
 * are transient; every other -9999 code is treated as fatal, including
 * balance_is_not_enough, limit_service, number_call_out_invalid, api_key_invalid, tenant_invalid,
 * tenant_disabled, individual_package_expired, permission_denied, limit_word, limit_word_session,
 * data_is_required, request_body_required, invalid_phone_number.
 */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([RATE_LIMIT_CODE, 'service_unavailable', 'internal_error']);

/** ASSUMPTION: the v2 create reply is not documented; the session id is read from these fields. */
export const SESSION_ID_FIELDS = ['autocall_id', 'id'] as const;
