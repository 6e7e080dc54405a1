import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RequestRecord } from '../records.ts';
import type { SimState } from '../state.ts';
import { phoneListOf, toHotline, validateCreate } from '../validate.ts';

// The OMICALL dialect: GET /api/auth and POST /api/v2/autoCall/executeByPhone.
// Validation errors use the `payload.error` envelope, business errors (SIM_FAULT_BUSINESS_ERROR)
// the `message` envelope, so clients meet both forms the documentation shows.

export const AUTH_PATH = '/api/auth';
export const EXECUTE_PATH = '/api/v2/autoCall/executeByPhone';
const DEFAULT_HOTLINE = '842873001234';
const ENVELOPE = { instance_id: 'sim', instance_name: 'omicall-sim' };

export const okBody = (payload: unknown) => ({ status_code: 9999, ...ENVELOPE, payload, key_enabled: false });
export const messageError = (code: string) => ({ status_code: -9999, ...ENVELOPE, message: code, key_enabled: false });
export const payloadError = (code: string) => ({
  status_code: -9999,
  ...ENVELOPE,
  payload: { status: 'fail', error: code, message: 'Please check your input param' },
  key_enabled: false,
});

type Body = ReturnType<typeof okBody> | ReturnType<typeof messageError> | ReturnType<typeof payloadError>;

function errorCodeOf(body: Body): string | null {
  if ('message' in body) return body.message;
  const payload = body.payload as { error?: unknown };
  return typeof payload.error === 'string' ? payload.error : null;
}

async function pause(state: SimState, ms: number) {
  if (ms <= 0) return;
  await sleep(ms, undefined, { signal: state.closing.signal }).catch(() => undefined);
}

export function providerRoutes(app: FastifyInstance, state: SimState, recordOf: (req: object) => RequestRecord | undefined) {
  const answer = (reply: FastifyReply, rec: RequestRecord | undefined, status: number, body: Body, fault: string | null = null) => {
    if (rec) {
      rec.status = status;
      rec.fault = fault;
      rec.statusCode = body.status_code;
      rec.errorCode = errorCodeOf(body);
    }
    return reply.code(status).send(body);
  };

  app.get(AUTH_PATH, async (req, reply) => {
    const rec = recordOf(req);
    const apiKey = (req.query as Record<string, unknown>).apiKey;
    if (typeof apiKey !== 'string' || apiKey === '') return answer(reply, rec, 400, messageError('api_key_is_required'));
    if (apiKey !== state.options.apiKey) return answer(reply, rec, 401, messageError('api_key_invalid'));
    const ttl = state.options.tokenTtlSeconds;
    const { token } = state.tokens.issue(ttl);
    return answer(reply, rec, 200, okBody({ access_token: token, access_type: 'user', token_type: 'Bearer', expires_in: ttl }));
  });

  app.post(EXECUTE_PATH, async (req, reply) => {
    const rec = recordOf(req);
    const f = state.faults;
    // Always five draws per request, so one fault's rate does not shift another's decisions.
    const [d429, dError, dToken, dMalformed, dTimeout] = Array.from({ length: 5 }, () => state.faultRng());
    const body = req.body as Record<string, unknown> | undefined;
    const phones = phoneListOf(body);
    if (rec) {
      rec.name = typeof body?.name === 'string' ? body.name : null;
      rec.sendTime = typeof body?.sendTime === 'number' ? body.sendTime : null;
      rec.numberCallPerTime = typeof body?.numberCallPerTime === 'number' ? body.numberCallPerTime : null;
      rec.maxRetryOfDetail = typeof body?.maxRetryOfDetail === 'number' ? body.maxRetryOfDetail : null;
      rec.retryAfterSeconds = typeof body?.retryAfterSeconds === 'number' ? body.retryAfterSeconds : null;
      rec.phoneNumbers = Array.isArray(phones) ? phones.map(String) : [];
    }

    await pause(state, f.latencyMs);
    if ((d429 ?? 1) < f.rate429) {
      if (f.retryAfterSeconds !== null) reply.header('retry-after', String(f.retryAfterSeconds));
      return answer(reply, rec, 429, messageError('rate_limit_exceeded'), 'rate_limit');
    }
    if ((dError ?? 1) < f.errorRate) return answer(reply, rec, 503, messageError('service_unavailable'), 'server_error');

    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth?.[1]) return answer(reply, rec, 401, messageError('permission_denied'));
    const token = auth[1];
    // An unknown token (e.g. issued before a simulator restart) is reported as expired: the
    // client's remedy is the same, fetch a new one.
    if (state.tokens.check(token) !== 'valid') return answer(reply, rec, 401, messageError('token_expired'));
    if ((dToken ?? 1) < f.tokenExpireRate) {
      state.tokens.expire(token);
      return answer(reply, rec, 401, messageError('token_expired'), 'token_expired');
    }
    if (f.businessError !== null) return answer(reply, rec, 200, messageError(f.businessError), 'business_error');

    const checked = validateCreate(body, state.options.ccu);
    if (!checked.ok) return answer(reply, rec, 400, payloadError(checked.code));
    if ((dMalformed ?? 1) < f.malformedRate) {
      if (rec) Object.assign(rec, { status: 200, fault: 'malformed' });
      return reply.code(200).type('text/html').send('<html><body>502 Bad Gateway</body></html>');
    }

    const req2 = checked.value;
    const autocallId = randomUUID();
    const attempts = state.records.recordDials(autocallId, req2.phones);
    if (rec) Object.assign(rec, { autocallId, dialled: true });
    state.webhooks.enqueue({
      autocallId,
      phones: req2.phones,
      attempts,
      startAt: Math.max(state.now(), req2.sendTime ?? 0),
      hotlines: req2.numberCallOuts.length > 0 ? req2.numberCallOuts.map(toHotline) : [DEFAULT_HOTLINE],
      settings: { answerRate: f.answerRate, ringMinMs: f.ringMinMs, ringMaxMs: Math.max(f.ringMinMs, f.ringMaxMs) },
    });
    const ok = okBody({ autocall_id: autocallId, name: req2.name, total: req2.phones.length });
    if ((dTimeout ?? 1) < f.timeoutRate) {
      // Accepted and dialled, but the reply arrives after the client has given up: the ambiguous case.
      if (rec) Object.assign(rec, { status: 200, fault: 'timeout', statusCode: 9999 });
      await pause(state, f.timeoutMs);
      return answer(reply, rec, 200, ok, 'timeout');
    }
    return answer(reply, rec, 200, ok);
  });
}
