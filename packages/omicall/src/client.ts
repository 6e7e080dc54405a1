import { Pool } from 'undici';
import { EXECUTE_BY_PHONE_PATH, PHONE_LIST_FIELD, PROVIDER_RETRY_SETTINGS, TOKEN_EXPIRED_CODE } from './assumptions.ts';
import { classifyExecuteReply, type AuthRefused } from './envelope.ts';
import { classifyNetworkError } from './network.ts';
import { phoneSample } from './redact.ts';
import { createTokenCache } from './token.ts';
import type { DispatchResult, ExecuteByPhoneRequest, OmicallClient, OmicallClientOptions, OmicallLogger } from './types.ts';

const silent: OmicallLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

export function buildExecuteBody(req: ExecuteByPhoneRequest): Record<string, unknown> {
  return {
    name: req.name,
    sendTime: req.sendTime,
    scripts: req.scripts,
    ...(req.numberCallOuts.length > 0 ? { numberCallOuts: req.numberCallOuts } : {}),
    [PHONE_LIST_FIELD]: req.phoneNumbers,
    numberCallPerTime: req.numberCallPerTime,
    durationOfEachCall: req.durationOfEachCall,
    ...PROVIDER_RETRY_SETTINGS,
  };
}

export function createOmicallClient(opts: OmicallClientOptions): OmicallClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? silent;
  const base = new URL(opts.baseUrl);
  const pathPrefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: 16,
    // Below Node's 5 s server default, so an idle socket is dropped by us before the server
    // closes it; a POST written onto a socket the server is closing would come back ambiguous.
    keepAliveTimeout: 4_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
  });
  const tokens = createTokenCache({ pool, pathPrefix, apiKey: opts.apiKey, now, logger });

  async function send(token: string, body: string): Promise<DispatchResult | AuthRefused> {
    try {
      const res = await pool.request({
        method: 'POST',
        path: `${pathPrefix}${EXECUTE_BY_PHONE_PATH}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      const text = await res.body.text();
      return classifyExecuteReply(res.statusCode, res.headers, text, now());
    } catch (err) {
      const f = classifyNetworkError(err);
      return f.phase === 'before_send'
        ? { kind: 'retryable', code: f.code, message: f.message }
        : { kind: 'ambiguous', code: f.code, message: f.message };
    }
  }

  async function dispatch(body: string): Promise<DispatchResult> {
    const first = await tokens.get();
    if (!first.ok) return first.failure;
    const reply = await send(first.token, body);
    if (reply.kind !== 'auth_refused') return reply;

    // A refused token means the batch was not taken, so one resend with a fresh token is safe.
    tokens.invalidate(first.token);
    const second = await tokens.get();
    if (!second.ok) return second.failure;
    const again = await send(second.token, body);
    if (again.kind !== 'auth_refused') return again;
    tokens.invalidate(second.token);
    return again.code === TOKEN_EXPIRED_CODE
      ? { kind: 'retryable', code: again.code, message: again.message }
      : { kind: 'fatal', code: again.code, message: again.message };
  }

  return {
    async executeByPhone(req) {
      // `batchName`, not `name`: pino already writes the logger's own `name` on every line.
      const context = { batchName: req.name, numbers: req.phoneNumbers.length, sample: phoneSample(req.phoneNumbers) };
      if (req.phoneNumbers.length === 0) {
        return { kind: 'fatal', code: 'data_is_required', message: 'the batch has no phone numbers' };
      }
      const result = await dispatch(JSON.stringify(buildExecuteBody(req)));
      if (result.kind === 'accepted') {
        logger.info({ ...context, sessionId: result.sessionId }, 'omicall accepted the batch');
      } else if (result.kind === 'fatal') {
        logger.error({ ...context, code: result.code, reason: result.message }, 'omicall refused the batch');
      } else {
        const retryAfterMs = result.kind === 'retryable' ? result.retryAfterMs : undefined;
        logger.warn({ ...context, kind: result.kind, code: result.code, reason: result.message, retryAfterMs }, 'omicall batch not accepted');
      }
      return result;
    },
    close: () => pool.close(),
  };
}
