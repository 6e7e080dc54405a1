import { describe, expect, it } from 'vitest';
import { buildExecuteBody } from './client.ts';
import { classifyExecuteReply, parseEnvelope, parseRetryAfter, sessionIdOf } from './envelope.ts';
import { classifyNetworkError } from './network.ts';
import { maskPhone, redactDigits } from './redact.ts';
import { tokenExpiresAt } from './token.ts';

const NOW = Date.parse('2025-03-01T00:00:00Z');
const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  classifyExecuteReply(status, headers, typeof body === 'string' ? body : JSON.stringify(body), NOW);

describe('parseEnvelope', () => {
  it('reads success and both error shapes', () => {
    expect(parseEnvelope({ status_code: 9999, payload: { id: 1 } })).toEqual({ ok: true, payload: { id: 1 } });
    expect(parseEnvelope({ status_code: -9999, message: 'token_expired' })).toEqual({ ok: false, code: 'token_expired', message: 'token_expired' });
    expect(parseEnvelope({ status_code: -9999, payload: { status: 'fail', error: 'data_is_required', message: 'Please check your input param' } })).toEqual({
      ok: false,
      code: 'data_is_required',
      message: 'Please check your input param',
    });
  });
  it('treats payload.error as a failure even without -9999', () => {
    expect(parseEnvelope({ payload: { error: 'limit_word' } })).toMatchObject({ ok: false, code: 'limit_word' });
  });
  it('returns null for anything else', () => {
    expect(parseEnvelope('<html>')).toBeNull();
    expect(parseEnvelope({ ok: true })).toBeNull();
    expect(parseEnvelope([1])).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('classifyExecuteReply', () => {
  it('accepts any 9999 and finds the session id', () => {
    expect(reply(200, { status_code: 9999, payload: { autocall_id: 'a-1' } })).toMatchObject({ kind: 'accepted', sessionId: 'a-1' });
    expect(reply(200, { status_code: 9999, payload: { id: 42 } })).toMatchObject({ kind: 'accepted', sessionId: '42' });
    expect(reply(200, { status_code: 9999 })).toMatchObject({ kind: 'accepted', sessionId: null });
    expect(sessionIdOf(null)).toBeNull();
  });
  it('rate limits are retryable with the delay', () => {
    expect(reply(429, '', { 'retry-after': '7' })).toMatchObject({ kind: 'retryable', code: 'rate_limit_exceeded', retryAfterMs: 7000 });
    expect(reply(200, { status_code: -9999, message: 'rate_limit_exceeded' })).toMatchObject({ kind: 'retryable', code: 'rate_limit_exceeded' });
  });
  it('5xx is retryable whatever the body', () => {
    expect(reply(502, '<html>bad gateway</html>')).toMatchObject({ kind: 'retryable', code: 'http_502' });
  });
  it('refused tokens ask for a refetch', () => {
    expect(reply(401, { status_code: -9999, message: 'token_expired' })).toMatchObject({ kind: 'auth_refused', code: 'token_expired' });
    expect(reply(200, { status_code: -9999, message: 'token_expired' })).toMatchObject({ kind: 'auth_refused' });
    expect(reply(401, '')).toMatchObject({ kind: 'auth_refused', code: 'http_401' });
  });
  it.each(['balance_is_not_enough', 'limit_service', 'tenant_disabled', 'individual_package_expired', 'permission_denied', 'limit_word', 'something_new'])(
    '%s is fatal',
    (code) => {
      expect(reply(200, { status_code: -9999, message: code })).toMatchObject({ kind: 'fatal', code });
    },
  );
  it('other 4xx without an envelope are fatal', () => {
    expect(reply(404, 'not found')).toMatchObject({ kind: 'fatal', code: 'http_404' });
  });
  it('unreadable 2xx bodies are ambiguous', () => {
    expect(reply(200, '<html>')).toMatchObject({ kind: 'ambiguous', code: 'malformed_reply' });
    expect(reply(200, { status_code: 1 })).toMatchObject({ kind: 'ambiguous', code: 'malformed_reply' });
  });
  it('masks numbers echoed in messages', () => {
    expect(reply(400, { status_code: -9999, payload: { error: 'invalid_phone_number', message: 'bad 0395187319' } })).toMatchObject({
      message: 'bad *******319',
    });
  });
});

describe('classifyNetworkError', () => {
  const err = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });
  it('connect failures happened before sending', () => {
    expect(classifyNetworkError(err('ECONNREFUSED'))).toMatchObject({ phase: 'before_send', code: 'connection_refused' });
    expect(classifyNetworkError(err('UND_ERR_CONNECT_TIMEOUT'))).toMatchObject({ phase: 'before_send', code: 'connect_timeout' });
    expect(classifyNetworkError(err('X', err('ENOTFOUND')))).toMatchObject({ phase: 'before_send', code: 'dns_error' });
    const aggregate = Object.assign(new AggregateError([err('ECONNREFUSED')]), {});
    expect(classifyNetworkError(aggregate)).toMatchObject({ phase: 'before_send', code: 'connection_refused' });
  });
  it('timeouts and resets happened after sending', () => {
    expect(classifyNetworkError(err('UND_ERR_HEADERS_TIMEOUT'))).toMatchObject({ phase: 'after_send', code: 'timeout' });
    expect(classifyNetworkError(err('UND_ERR_BODY_TIMEOUT'))).toMatchObject({ phase: 'after_send', code: 'timeout' });
    expect(classifyNetworkError(err('UND_ERR_SOCKET', err('ECONNRESET')))).toMatchObject({ phase: 'after_send', code: 'connection_reset' });
    expect(classifyNetworkError(new Error('??'))).toMatchObject({ phase: 'after_send', code: 'connection_reset' });
  });
});

describe('token lifetime', () => {
  it('uses expires_in, expired_at, or 24 h, minus a margin', () => {
    expect(tokenExpiresAt({ expires_in: 86_400 }, NOW)).toBe(NOW + 86_400_000 - 300_000);
    expect(tokenExpiresAt({ expires_in: 60 }, NOW)).toBe(NOW + 54_000);
    expect(tokenExpiresAt({ expired_at: (NOW + 3_600_000) / 1000 }, NOW)).toBe(NOW + 3_600_000 - 300_000);
    expect(tokenExpiresAt({ expired_at: new Date(NOW + 3_600_000).toISOString() }, NOW)).toBe(NOW + 3_300_000);
    expect(tokenExpiresAt({}, NOW)).toBe(NOW + 24 * 3_600_000 - 300_000);
  });
});

describe('request body and redaction', () => {
  const req = { name: 'n', sendTime: 1, scripts: [{}], numberCallOuts: [], phoneNumbers: ['0395187319'], numberCallPerTime: 5, durationOfEachCall: 30 };
  it('always forbids provider retries and omits empty numberCallOuts', () => {
    const body = buildExecuteBody(req);
    expect(body).toMatchObject({ phoneNumbers: ['0395187319'], maxRetryOfDetail: 0, retryAfterSeconds: 0 });
    expect(body).not.toHaveProperty('numberCallOuts');
    expect(buildExecuteBody({ ...req, numberCallOuts: ['02873001234'] })).toHaveProperty('numberCallOuts', ['02873001234']);
  });
  it('masks all but the last 3 digits', () => {
    expect(maskPhone('0395187319')).toBe('*******319');
    expect(maskPhone('12')).toBe('***');
    expect(redactDigits('call +84395187319 now, ext 123')).toBe('call *********319 now, ext 123');
  });
});
