import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type PrismaClient } from '@autocall/db';
import { ApiError } from '../errors.ts';
import { principalOf } from './auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    // Create routes opt in: an Idempotency-Key header then makes a retried request safe.
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { tenantId: string; key: string } | null;
  }
}

export type IdempotencyOptions = {
  prisma: PrismaClient;
  now: () => number;
  // How long a key and its reply are kept (at least 24 hours).
  ttlMs?: number;
  // A request still running after this long is presumed dead and its key may be taken over.
  staleMs?: number;
};

const HEADER = 'idempotency-key';
const DAY_MS = 24 * 3600 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export const idempotencyHeaders = z.looseObject({
  [HEADER]: z
    .string()
    .optional()
    .describe('Any unique string (a UUID is fine) up to 255 printable characters. A retry with the same key and body returns the first reply and creates nothing; another body gets 422. Kept 24 hours per tenant.'),
});

// Canonical JSON (sorted keys), so the same body with its keys in another order is the same request.
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

// Method, path with query, and body. A streamed (multipart) body is not read before the handler
// runs, so its length and media type stand for it.
export function requestHash(request: FastifyRequest): string {
  const body =
    request.body !== undefined
      ? canonical(request.body)
      : `stream:${request.headers['content-length'] ?? ''}:${String(request.headers['content-type'] ?? '').split(';')[0]}`;
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

function hooksOf<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: IdempotencyOptions) => {
    const ttlMs = Math.max(options.ttlMs ?? DAY_MS, DAY_MS);
    const staleMs = options.staleMs ?? 15 * 60 * 1000;
    app.decorateRequest('idempotency', null);

    const claim: preHandlerAsyncHookHandler = async function (request: FastifyRequest, reply: FastifyReply) {
      const raw = request.headers[HEADER];
      if (raw === undefined) return;
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (!key || !KEY_PATTERN.test(key)) {
        throw new ApiError(400, 'invalid_idempotency_key', 'The Idempotency-Key header must be 1 to 255 printable characters.', [
          { field: 'headers.idempotency-key', code: 'invalid_idempotency_key', message: 'must be 1 to 255 printable characters' },
        ]);
      }
      const { tenantId } = principalOf(request);
      const held = await claimIdempotencyKey(options.prisma, { tenantId, key, requestHash: requestHash(request), nowMs: options.now(), ttlMs, staleMs });
      switch (held.kind) {
        case 'new':
          request.idempotency = { tenantId, key };
          return;
        case 'replay':
          reply.header('idempotent-replayed', 'true');
          reply.status(held.status).send(held.body);
          return reply;
        case 'mismatch':
          throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with another request; use a new key for a new request.');
        case 'in_progress':
          reply.header('retry-after', '1');
          throw new ApiError(409, 'idempotency_request_in_progress', 'A request with this Idempotency-Key is still running; retry in a moment to get its reply.');
      }
    };

    // Successful replies are kept for replays; a failed request created nothing, so its key is
    // released and may be retried.
    const store: onSendAsyncHookHandler = async function (request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const held = request.idempotency;
      if (!held) return payload;
      request.idempotency = null;
      try {
        if (reply.statusCode < 400 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
          const text = payload.toString();
          await completeIdempotencyKey(options.prisma, { ...held, status: reply.statusCode, body: text ? JSON.parse(text) : null });
        } else {
          await releaseIdempotencyKey(options.prisma, held);
        }
      } catch (error) {
        request.log.error({ err: error }, 'idempotency reply not stored; a retry with this key waits until the key is stale');
      }
      return payload;
    };

    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      route.preHandler = [...hooksOf(route.preHandler), claim];
      route.onSend = [...hooksOf(route.onSend), store];
      if (route.schema && !route.schema.headers) route.schema = { ...route.schema, headers: idempotencyHeaders };
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
