import type { ErrorBody } from '../../plugins/error-handler.ts';

// OMICALL's reply shape, so a backend already integrated with OMICALL only changes its base URL.
const INSTANCE = { instance_id: 'autocall-scheduler', instance_name: 'autocall-scheduler' };

export function okEnvelope(payload: unknown) {
  return { status_code: 9999, ...INSTANCE, payload, key_enabled: false };
}

export function errorEnvelope(error: ErrorBody) {
  // The field behind the error's code (the unknown one, for unknown_field), else the first.
  const first = error.details?.find((detail) => detail.code === error.code) ?? error.details?.[0];
  return {
    status_code: -9999,
    ...INSTANCE,
    message: error.code,
    payload: {
      status: 'fail',
      error: error.code,
      message: error.message,
      field: first?.field,
      // Why that field was refused, as a stable code (required, too_big, unknown_field...).
      reason: first?.code,
      details: error.details,
      current: error.current,
    },
    key_enabled: false,
  };
}
