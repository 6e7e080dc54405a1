import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { SimOptions } from './options.ts';
import type { RequestRecord } from './records.ts';
import { adminRoutes } from './routes/admin.ts';
import { messageError, providerRoutes } from './routes/provider.ts';
import { createSimState, type SimState } from './state.ts';

export type Simulator = {
  app: FastifyInstance;
  state: SimState;
  /** Listens (port 0 = ephemeral) and returns the base URL, e.g. http://127.0.0.1:40123. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
};

// The auth query string carries the API key; request logs keep only the path.
const serializers = {
  req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
};

function loggerOptions(opts: SimOptions) {
  if (opts.loggerInstance) return { loggerInstance: opts.loggerInstance.child({}, { serializers }) };
  if (!opts.logger) return { logger: false };
  return { logger: { ...(typeof opts.logger === 'object' ? opts.logger : {}), serializers } };
}

export async function buildSimulator(opts: SimOptions): Promise<Simulator> {
  const app = Fastify({
    ...loggerOptions(opts),
    bodyLimit: opts.bodyLimitBytes ?? 64 * 1024 * 1024,
    forceCloseConnections: true,
  });
  const state = createSimState(opts, app.log);
  const records = new WeakMap<object, RequestRecord>();

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/_sim')) return;
    records.set(req, state.records.startRequest(req.method, req.url.split('?')[0] ?? req.url, state.now()));
  });
  app.addHook('onResponse', async (req, reply) => {
    const rec = records.get(req);
    if (rec && rec.status === null) rec.status = reply.statusCode;
  });
  app.addHook('preClose', async () => {
    state.closing.abort();
  });
  app.addHook('onClose', async () => {
    await state.webhooks.close();
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'simulator error');
    const code = status === 413 ? 'request_body_too_large' : status >= 500 ? 'internal_error' : 'request_body_required';
    const rec = records.get(req);
    if (rec) Object.assign(rec, { status, statusCode: -9999, errorCode: code });
    return reply.code(status).send(messageError(code));
  });

  providerRoutes(app, state, (req) => records.get(req));
  adminRoutes(app, state);
  await app.ready();

  return {
    app,
    state,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const addr = app.server.address();
      if (addr === null || typeof addr === 'string') throw new Error('simulator did not bind a TCP port');
      return `http://${host}:${addr.port}`;
    },
    close: () => app.close(),
  };
}
