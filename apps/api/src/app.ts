import Fastify, { type FastifyInstance, type onSendHookHandler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { PrismaClient } from '@autocall/db';
import type { Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import type { Registry } from 'prom-client';
import type pg from 'pg';
import { openapiPlugin } from './openapi/plugin.ts';
import { serializerCompiler } from './openapi/serializer.ts';
import { authPlugin } from './plugins/auth.ts';
import { errorHandlerPlugin } from './plugins/error-handler.ts';
import { requestLogging } from './plugins/request-log.ts';
import { idempotencyPlugin } from './plugins/idempotency.ts';
import { createApiMetrics, metricsPlugin } from './plugins/metrics.ts';
import { rateLimitPlugin, type RateLimitOptions } from './plugins/rate-limit.ts';
import { apiKeyRoutes } from './routes/admin/api-keys.ts';
import { bullBoardRoutes } from './routes/admin/queues.ts';
import { campaignRoutes } from './routes/campaigns/index.ts';
import { campaignLifecycleRoutes } from './routes/campaigns/lifecycle.ts';
import { callAgainRoutes } from './routes/campaign-call-again/index.ts';
import { campaignTimelineRoutes } from './routes/campaign-timeline/index.ts';
import { campaignValidateRoutes } from './routes/campaign-validate/index.ts';
import { consoleRoutes } from './routes/console/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { importRoutes } from './routes/imports/index.ts';
import { meRoutes } from './routes/me/index.ts';
import { suppressionRoutes } from './routes/suppressions/index.ts';
import { omicallCompatRoutes } from './routes/omicall/index.ts';
import { isProviderDelivery, omicallWebhookRoutes } from './routes/webhooks/omicall.ts';
import { createNumberStatistics } from './services/number-statistics.ts';
import { createOutcomeApplier } from './services/outcome-applier.ts';

const READ_CATCH_UP_MS = 500;
import { webhookEndpointRoutes } from './routes/webhook-endpoints/index.ts';

export type AppDeps = {
  prisma: PrismaClient;
  queues: Queues;
  logger: Logger;
  now?: () => number;
  maxCallsPerBatch: number;
  defaultCountry: string;
  webhookSecret: string | undefined;
  bodyLimitBytes?: number;
  // Shared with an in-process worker (`npm start`) so one /metrics shows both; own registry otherwise.
  metricsRegistry?: Registry;
  // Per-key request limits (server.ts always sets them); omitted in in-process tests.
  rateLimit?: RateLimitOptions;
  // The pool Prisma uses (Database.pool), for COPY: file uploads and exports need it.
  pool?: pg.Pool;
  // Largest uploaded file; 200 MB by default.
  uploadLimitBytes?: number;
  // Outbound webhook URLs may name loopback/private addresses (WEBHOOK_ALLOW_PRIVATE_TARGETS).
  allowPrivateWebhookTargets?: boolean;
  // The console's production build (apps/web/dist by default); served at `/` when it exists.
  consoleDir?: string;
  // Sees every reply before it leaves, on every route (tests check replies against the OpenAPI document).
  inspectReply?: onSendHookHandler;
};

// Builds the whole HTTP API from its dependencies; server.ts only starts it, tests inject into it.
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const app = Fastify({
    ...requestLogging(deps.logger),
    bodyLimit: deps.bodyLimitBytes ?? 4 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Before any route, so that it applies to all of them.
  if (deps.inspectReply) app.addHook('onSend', deps.inspectReply);

  await app.register(openapiPlugin);
  await app.register(errorHandlerPlugin);
  await app.register(authPlugin, { prisma: deps.prisma, now });
  await app.register(idempotencyPlugin, { prisma: deps.prisma, now });
  const metrics = createApiMetrics({ prisma: deps.prisma, queues: deps.queues, registry: deps.metricsRegistry, now });
  await app.register(metricsPlugin, { metrics });
  if (deps.rateLimit) {
    await app.register(rateLimitPlugin, { ...deps.rateLimit, exempt: (request) => isProviderDelivery(request, deps.webhookSecret) });
  }
  const applier = createOutcomeApplier({ prisma: deps.prisma, queues: deps.queues, logger: deps.logger, now, metrics });
  app.addHook('onClose', () => applier.close());
  // Reads of campaigns and metrics see the outcomes of every webhook this process has
  // acknowledged: they wait for its applier to catch up (nothing when it is idle; never more than
  // READ_CATCH_UP_MS). Health checks, docs and the console never wait.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' && (request.url.startsWith('/v1/') || request.url.startsWith('/metrics'))) {
      await applier.caughtUp(READ_CATCH_UP_MS);
    }
  });

  const numberStatistics = createNumberStatistics({ prisma: deps.prisma, logger: deps.logger });
  app.addHook('onClose', () => numberStatistics.idle());
  const service = { prisma: deps.prisma, queues: deps.queues, logger: deps.logger, now, defaultCountry: deps.defaultCountry, numberStatistics };
  await app.register(healthRoutes, { prisma: deps.prisma, queues: deps.queues });
  await app.register(meRoutes, { prisma: deps.prisma, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(campaignRoutes, { ...service, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(campaignLifecycleRoutes, { ...service, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(callAgainRoutes, { ...service, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(campaignTimelineRoutes, { prisma: deps.prisma, now });
  if (deps.pool) {
    await app.register(importRoutes, { ...service, pool: deps.pool, maxCallsPerBatch: deps.maxCallsPerBatch, uploadLimitBytes: deps.uploadLimitBytes });
    await app.register(campaignValidateRoutes, { ...service, pool: deps.pool, maxCallsPerBatch: deps.maxCallsPerBatch, uploadLimitBytes: deps.uploadLimitBytes });
  }
  await app.register(suppressionRoutes, { prisma: deps.prisma, now, defaultCountry: deps.defaultCountry });
  await app.register(omicallCompatRoutes, { ...service, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(omicallWebhookRoutes, { ...service, webhookSecret: deps.webhookSecret, applier });
  await app.register(webhookEndpointRoutes, { prisma: deps.prisma, now, allowPrivateTargets: deps.allowPrivateWebhookTargets ?? false });
  await app.register(apiKeyRoutes, { prisma: deps.prisma, now });
  await app.register(bullBoardRoutes, { queues: deps.queues });
  await app.register(consoleRoutes, { distDir: deps.consoleDir });
  return app;
}
