import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authenticate, type Principal, type PrismaClient } from '@autocall/db';
import { forbidden, unauthorized } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    requireAuth: (request: FastifyRequest) => Promise<void>;
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  }
}

// Bearer keys for APIs; Basic auth (any user, the key as password) too, so a browser can open
// Bull Board with its own login prompt.
export function secretFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

// Routes use these as `onRequest` hooks (not preHandler): an unauthenticated caller then gets 401
// before its body is parsed or validated, and learns nothing from validation errors. A route that
// lists them under preHandler anyway has them moved to onRequest, so that promise holds for all.
export const authPlugin = fp(
  async (app: FastifyInstance, options: { prisma: PrismaClient; now: () => number }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRoute', (route) => {
      const preHandlers = hooksOf(route.preHandler);
      const checks = preHandlers.filter((hook) => hook === app.requireAuth || hook === app.requireAdmin);
      if (checks.length === 0) return;
      route.preHandler = preHandlers.filter((hook) => !checks.includes(hook));
      route.onRequest = [...hooksOf(route.onRequest), ...checks] as typeof route.onRequest;
    });
    app.decorate('requireAuth', async (request: FastifyRequest) => {
      const secret = secretFrom(request);
      const principal = secret ? await authenticate(options.prisma, secret, options.now()) : null;
      if (!principal) throw unauthorized();
      request.principal = principal;
    });
    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      await app.requireAuth(request);
      if (request.principal?.role !== 'admin') throw forbidden();
    });
  },
  { name: 'auth' },
);

function hooksOf<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
