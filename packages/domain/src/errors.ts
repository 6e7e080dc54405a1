/**
 * Stable machine codes produced by the domain. Callers turn them into HTTP
 * responses; the codes never change once shipped, the messages may.
 */
export type DomainErrorCode =
  | 'send_time_in_seconds'
  | 'send_time_too_old'
  | 'invalid_transition'
  | 'validation_failed';

/**
 * One problem with one input field, as returned to API clients. `suggestion`: for an unknown
 * field, the known field it was probably meant to be.
 */
export type FieldError = { field: string; code: string; message: string; suggestion?: string };
