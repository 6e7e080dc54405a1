import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorReplies, type ErrorStatus } from './replies.ts';
import { transform, transformObject } from './transform.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    // Routes answering in OMICALL's envelope document their errors in it.
    errorDialect?: 'native' | 'omicall';
  }
}

const UNLIMITED = new Set(['/healthz', '/readyz']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

// The errors any route of this kind can answer, whatever its handler does: a route adds its own
// (404, 409...) in its schema.
function commonErrors(route: RouteOptions, schema: Record<string, unknown>): ErrorStatus[] {
  const methods = [route.method].flat();
  const statuses: ErrorStatus[] = [];
  if (schema.body || schema.querystring || schema.params || route.config?.idempotent) statuses.push(400);
  if (Array.isArray(schema.security) && schema.security.length > 0) statuses.push(401);
  if (route.config?.idempotent) statuses.push(409, 422);
  if (methods.some((method) => WITH_BODY.has(method))) statuses.push(413, 415);
  if (!UNLIMITED.has(route.url)) statuses.push(429);
  // 503 busy: no database connection in time (readyz answers 503 for its own reason).
  statuses.push(500, 503);
  return statuses;
}

// Every documented route is an operation of the contract: it must name itself (operationId, the
// SDK's method name), say who may call it (security, [] when public) and what it answers. The
// errors every route shares are added here, in the route's dialect.
function completeOperation(route: RouteOptions) {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema || schema.hide || route.method === 'HEAD') return;
  const where = `${String(route.method)} ${route.url}`;
  if (typeof schema.operationId !== 'string') throw new Error(`${where}: the route schema needs an operationId`);
  if (!Array.isArray(schema.security)) throw new Error(`${where}: the route schema needs security ([] for a public route)`);
  const response = (schema.response ?? {}) as Record<string, unknown>;
  if (!Object.keys(response).some((status) => status.startsWith('2'))) throw new Error(`${where}: the route schema needs its success reply`);
  const errors = errorReplies(commonErrors(route, schema), route.config?.errorDialect ?? 'native');
  route.schema = { ...schema, response: { ...errors, ...response } };
}

export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', completeOperation);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'autocall-scheduler',
          version: '1.0.0',
          description:
            'Schedules outbound automatic call campaigns through OMICALL AutoCall. Every request is checked strictly: an ' +
            'unknown field is refused with 400 unknown_field and the field it was probably meant to be.',
        },
        servers: [{ url: '/', description: 'This server' }],
        tags: [
          { name: 'campaigns', description: 'Create, follow and control call campaigns.' },
          { name: 'suppressions', description: 'The do-not-call list.' },
          { name: 'webhooks', description: 'Outbound webhook endpoints, and the provider webhook.' },
          { name: 'omicall-compatible', description: "OMICALL AutoCall v2's own API, for clients written against OMICALL." },
          { name: 'admin', description: 'API keys (admin keys only).' },
          { name: 'operations', description: 'Health and metrics.' },
        ],
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (or an /api/auth token).' } } },
      },
      transform,
      transformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi' },
);
