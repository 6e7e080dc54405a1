import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordCallEvents, type CallEvent, type PrismaClient, type RecordedEvents } from '@autocall/db';
import { normalizePhone, type CountryCode } from '@autocall/domain';
import { scheduleCampaignWakes, type Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { classifyCdr, omicallWebhookSchema, webhookDedupeKey } from '@autocall/omicall';
import { ApiError } from '../../errors.ts';
import { createGroupCommit } from '../../services/group-commit.ts';
import { dropCampaignWakes } from '../../services/wakes.ts';

type Deps = {
  prisma: PrismaClient;
  queues: Queues;
  logger: Logger;
  now: () => number;
  webhookSecret: string | undefined;
  defaultCountry: string;
  metrics?: { callOutcomes(outcomes: RecordedEvents['outcomes']): void };
};

function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type WebhookEvent = z.infer<typeof omicallWebhookSchema>;

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
  // The reply is sent only once the events are committed, so the provider re-sends anything lost.
  const commit = createGroupCommit<CallEvent>(
    async (events) => {
      const nowMs = deps.now();
      const result = await recordCallEvents(deps.prisma, events, nowMs);
      deps.metrics?.callOutcomes(result.outcomes);
      if (result.wakes.length > 0) {
        await scheduleCampaignWakes(deps.queues, result.wakes, nowMs).catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'retry wake not queued; the sweep will schedule it'),
        );
      }
      await dropCampaignWakes(deps, result.completed);
    },
    { maxItems: 1_000, maxConcurrent: 2 },
  );
  r.post(
    '/v1/providers/omicall/webhook',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Receives OMICALL call webhooks (live events and cdr)',
        querystring: z.object({ token: z.string().max(500).optional().describe('OMICALL_WEBHOOK_SECRET') }),
        body: z.union([omicallWebhookSchema, z.array(omicallWebhookSchema).max(1000)]),
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
