import { describe, expect, it, vi } from 'vitest';
import { ApiError, toApiError, unwrap } from './api-error.ts';
import { applyFieldErrors } from './form-errors.ts';

const validation = {
  statusCode: 400,
  code: 'validation_error',
  message: 'name is required.',
  details: [
    { field: 'name', code: 'required', message: 'name is required.' },
    { field: 'scripts.0.targetValue', code: 'too_small', message: 'scripts.0.targetValue is too short.' },
    { field: 'sendTime', code: 'send_time_too_old', message: 'sendTime is in the past.' },
  ],
};

describe('API errors', () => {
  it('reads the API error body', () => {
    const error = toApiError(validation, new Response(null, { status: 400 }));
    expect(error).toMatchObject({ statusCode: 400, code: 'validation_error', message: 'name is required.' });
    expect(error.details).toHaveLength(3);
  });

  it('still gives a status and a sentence for a body that is not the API’s', () => {
    expect(toApiError('<html>Bad gateway</html>', new Response(null, { status: 502 }))).toMatchObject({ statusCode: 502, code: 'http_error' });
  });

  it('unwrap returns data on 2xx and throws the ApiError otherwise', async () => {
    await expect(unwrap(Promise.resolve({ data: { ok: 1 }, response: new Response(null, { status: 200 }) }))).resolves.toEqual({ ok: 1 });
    await expect(unwrap(Promise.resolve({ error: validation, response: new Response(null, { status: 400 }) }))).rejects.toBeInstanceOf(ApiError);
    await expect(unwrap(Promise.reject(new TypeError('Failed to fetch')))).rejects.toMatchObject({ code: 'network_error' });
  });
});

describe('applyFieldErrors', () => {
  it('puts details on the form’s fields (and the paths under them) and returns the rest', () => {
    const setError = vi.fn();
    const rest = applyFieldErrors(toApiError(validation, undefined), setError, ['name', 'scripts']);
    expect(setError.mock.calls).toEqual([
      ['name', { type: 'required', message: 'name is required.' }],
      ['scripts.0.targetValue', { type: 'too_small', message: 'scripts.0.targetValue is too short.' }],
    ]);
    expect(rest.map((d) => d.field)).toEqual(['sendTime']);
  });

  it('renames API fields onto differently named form fields', () => {
    const setError = vi.fn();
    applyFieldErrors(toApiError(validation, undefined), setError, ['startAt'], { sendTime: 'startAt' });
    expect(setError).toHaveBeenCalledWith('startAt', { type: 'send_time_too_old', message: 'sendTime is in the past.' });
  });
});
