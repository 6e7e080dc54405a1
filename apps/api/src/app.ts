import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { PrismaClient } from '@autocall/db';
import type { Queues } from '@autocall/jobs';
import type { Logger } from '@autocall/logger';
import { redactUrl } from '@autocall/logger';
import { authPlugin } from './plugins/auth.ts';
import { errorHandlerPlugin } from './plugins/error-handler.ts';
import { bullBoardRoutes } from './routes/admin/queues.ts';
import { campaignRoutes } from './routes/campaigns/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { omicallCompatRoutes } from './routes/omicall/index.ts';
import { omicallWebhookRoutes } from './routes/webhooks/omicall.ts';

export type AppDeps = {
  prisma: PrismaClient;
  queues: Queues;
  logger: Logger;
  now?: () => number;
  maxCallsPerBatch: number;
  defaultCountry: string;
  webhookSecret: string | undefined;
  bodyLimitBytes?: number;
};

// Builds the whole HTTP API from its dependencies; server.ts only starts it, tests inject into it.
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes ?? 4 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Request logs carry the path with secret query parameters (webhook token, apiKey) blanked.
  app.addHook('onRequest', async (request) => {
    request.log = request.log.child({ url: redactUrl(request.url) });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'autocall-scheduler', version: '1.0.0', description: 'Schedules outbound automatic call campaigns through OMICALL AutoCall.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(errorHandlerPlugin);
  await app.register(authPlugin, { prisma: deps.prisma, now });

  const service = { prisma: deps.prisma, queues: deps.queues, logger: deps.logger, now, defaultCountry: deps.defaultCountry };
  await app.register(healthRoutes, { prisma: deps.prisma, queues: deps.queues });
  await app.register(campaignRoutes, { ...service, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(omicallCompatRoutes, { ...service, maxCallsPerBatch: deps.maxCallsPerBatch });
  await app.register(omicallWebhookRoutes, { ...service, webhookSecret: deps.webhookSecret });
  await app.register(bullBoardRoutes, { queues: deps.queues });
  return app;
}
