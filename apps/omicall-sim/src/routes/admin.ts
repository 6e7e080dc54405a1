import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { faultsPatchSchema } from '../options.ts';
import { resetSimState, type SimState } from '../state.ts';

// Inspection and control endpoints under /_sim; they are not recorded in the request log.

const requestsQuery = z.object({
  since: z.coerce.number().int().min(0).optional(),
  path: z.string().optional(),
  /** `numbers=0` leaves out phoneNumbers (large sessions make the listing heavy). */
  numbers: z.enum(['0', '1']).optional(),
});
const dialedQuery = z.object({
  phone: z.string().optional(),
  minCount: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export function adminRoutes(app: FastifyInstance, state: SimState) {
  const bad = (message: string) => ({ error: 'invalid_request', message });

  app.get('/_sim/faults', async () => state.faults);

  app.put('/_sim/faults', async (req, reply) => {
    const patch = faultsPatchSchema.safeParse(req.body ?? {});
    if (!patch.success) return reply.code(400).send(bad(z.prettifyError(patch.error)));
    const next = { ...state.faults, ...patch.data };
    if (next.ringMaxMs < next.ringMinMs) return reply.code(400).send(bad('ringMaxMs must be >= ringMinMs'));
    state.faults = next;
    req.log.info({ faults: patch.data }, 'simulator faults changed');
    return state.faults;
  });

  app.get('/_sim/requests', async (req, reply) => {
    const q = requestsQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send(bad(z.prettifyError(q.error)));
    const filter = { ...(q.data.since === undefined ? {} : { since: q.data.since }), ...(q.data.path === undefined ? {} : { path: q.data.path }) };
    const list = state.records.listRequests(filter);
    return q.data.numbers === '0' ? list.map((r) => ({ ...r, phoneNumbers: [] })) : list;
  });

  app.get('/_sim/dialed', async (req, reply) => {
    const q = dialedQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send(bad(z.prettifyError(q.error)));
    const { phone, minCount, limit, offset } = q.data;
    return state.records.dialSummary({
      ...(phone === undefined ? {} : { phone }),
      ...(minCount === undefined ? {} : { minCount }),
      ...(limit === undefined ? {} : { limit }),
      ...(offset === undefined ? {} : { offset }),
    });
  });

  app.get('/_sim/stats', async () => {
    const c = state.records.counts();
    return {
      requests: c.requests,
      requestsByPath: state.records.requestCountsByPath(),
      sessions: c.sessions,
      numbersDialled: c.numbersDialled,
      uniquePhones: c.uniquePhones,
      webhooks: state.webhooks.stats(),
    };
  });

  app.post('/_sim/reset', async () => {
    resetSimState(state);
    return { ok: true };
  });

  /** Expires every issued token, to exercise a client's refetch path. */
  app.post('/_sim/tokens/expire', async () => {
    state.tokens.expireAll();
    return { ok: true };
  });
}
