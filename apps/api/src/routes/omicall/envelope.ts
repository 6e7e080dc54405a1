import type { ErrorBody } from '../../plugins/error-handler.ts';

// OMICALL's reply shape, so a backend already integrated with OMICALL only changes its base URL.
const INSTANCE = { instance_id: 'autocall-scheduler', instance_name: 'autocall-scheduler' };

export function okEnvelope(payload: unknown) {
  return { status_code: 9999, ...INSTANCE, payload, key_enabled: false };
}

export function errorEnvelope(error: ErrorBody) {
  const details = error.details && typeof error.details === 'object' ? error.details : undefined;
  const first = Array.isArray(details) ? (details[0] as { field?: string; code?: string } | undefined) : undefined;
  return {
    status_code: -9999,
    ...INSTANCE,
    message: error.code,
    payload: {
      status: 'fail',
      error: error.code,
      message: error.message,
      field: first?.field ?? (details && !Array.isArray(details) ? (details as { field?: string }).field : undefined),
      // Why that field was refused, as a stable code (required, too_big, send_time_in_seconds...).
      reason: first?.code,
      details,
    },
    key_enabled: false,
  };
}
