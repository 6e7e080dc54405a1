import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendCallEvents, sqlOf, type CallEvent, type PrismaClient } from '@autocall/db';
import { normalizePhone, type CountryCode } from '@autocall/domain';
import { classifyCdr, omicallWebhookSchema, webhookDedupeKey } from '@autocall/omicall';
import { ApiError } from '../../errors.ts';
import { PUBLIC, errorReplies, jsonReply } from '../../openapi/replies.ts';
import { createGroupCommit } from '../../services/group-commit.ts';
import type { OutcomeApplier } from '../../services/outcome-applier.ts';

type Deps = {
  prisma: PrismaClient;
  now: () => number;
  webhookSecret: string | undefined;
  defaultCountry: string;
  applier: Pick<OutcomeApplier, 'kick'>;
};

function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const OMICALL_WEBHOOK_PATH = '/v1/providers/omicall/webhook';

/** A delivery to the webhook endpoint that carries the right token (constant-time, no I/O). */
export function isProviderDelivery(request: FastifyRequest, secret: string | undefined): boolean {
  return request.routeOptions.url === OMICALL_WEBHOOK_PATH && tokenMatches((request.query as { token?: string }).token, secret);
}

type WebhookEvent = z.infer<typeof omicallWebhookSchema>;

// The end-of-call event OMICALL sends for an auto call, as documented.
const CDR_EXAMPLE = {
  call_uuid: '6f1c2a9e-3b7d-4c1e-9a55-0d2f8e4b7c31',
  transaction_id: 'a3f0c1d2-58b4-4e0f-b1c9-7e2d6a9f0b14',
  state: 'cdr',
  direction: 'outbound',
  is_auto_call: true,
  autocall_id: '0b5e7c3a-2f41-4d8e-9c6b-1a7f3e2d5c90',
  autocall_uuid: 'c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
  from_number: '842873001234',
  hotline: '842873001234',
  to_number: '0395187319',
  disposition: 'answered',
  answer_sec: 24,
  bill_sec: 24,
  duration: 31,
  hangup_cause: 'NORMAL_CLEARING',
  recording_file_url: null,
  created_time: 1_803_866_431,
  date_time: 1_803_866_431_000,
};

function toCallEvent(event: WebhookEvent, nowMs: number, country: CountryCode): CallEvent {
  const phone = event.to_number !== undefined ? normalizePhone(String(event.to_number), country) : null;
  const when = Number(event.date_time ?? 0) || Number(event.created_time ?? 0) * 1000 || nowMs;
  return {
    dedupeKey: webhookDedupeKey(event),
    state: String(event.state),
    autocallId: event.autocall_id ? String(event.autocall_id) : null,
    phone: phone?.ok ? phone.national : null,
    answered: event.state === 'cdr' && classifyCdr(event) === 'answered',
    answerSec: event.answer_sec !== undefined ? Math.trunc(Number(event.answer_sec)) || 0 : null,
    hangupCause: event.hangup_cause ? String(event.hangup_cause) : null,
    callUuid: event.call_uuid ? String(event.call_uuid) : null,
    atMs: when,
    payload: event,
  };
}

// OMICALL call webhooks. A wrong or missing token gets a bare 401 (nothing says which part was
// wrong) and changes nothing. Re-deliveries are absorbed by the event's dedupe key.
export async function omicallWebhookRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The reply is sent once the events are appended (one INSERT per group of concurrent requests,
  // committed on its own), so the provider re-sends anything lost; what they mean is applied
  // behind the reply by the outcome applier, kicked here.
  const commit = createGroupCommit<CallEvent>(
    async (events) => {
      await appendCallEvents(sqlOf(deps.prisma), events, deps.now());
      deps.applier.kick();
    },
    { maxItems: 1_000, maxConcurrent: 2 },
  );
  r.post(
    OMICALL_WEBHOOK_PATH,
    {
      // The one route that stays tolerant of fields it does not know: the body is OMICALL's own
      // payload, which carries fields we do not model and may gain more at any time; refusing them
      // would make the provider re-send (and us lose) outcomes. The query is the URL registered
      // with OMICALL, to which it may add its own parameters. Strict input is for our clients.
      schema: {
        tags: ['webhooks'],
        operationId: 'receiveOmicallWebhook',
        summary: 'Receives OMICALL call webhooks (live events and cdr)',
        description: 'Authenticated by ?token=<OMICALL_WEBHOOK_SECRET>. Fields beyond those documented are accepted and kept.',
        security: PUBLIC,
        querystring: z.looseObject({ token: z.string().max(500).optional().describe('OMICALL_WEBHOOK_SECRET') }),
        body: z.union([omicallWebhookSchema, z.array(omicallWebhookSchema).max(1000)]).meta({ examples: [CDR_EXAMPLE] }),
        response: {
          200: jsonReply('The events are stored.', z.object({ ok: z.literal(true), received: z.int().describe('Events in the request.') })),
          ...errorReplies([401]),
        },
      },
      onRequest: async (request) => {
        const token = (request.query as { token?: string }).token;
        if (!tokenMatches(token, deps.webhookSecret)) throw new ApiError(401, 'unauthorized', 'Unauthorized.');
      },
    },
    async (request) => {
      const nowMs = deps.now();
      const events = (Array.isArray(request.body) ? request.body : [request.body]).map((e) =>
        toCallEvent(e, nowMs, deps.defaultCountry as CountryCode),
      );
      await commit.add(events);
      return { ok: true, received: events.length };
    },
  );
}
