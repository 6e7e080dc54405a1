import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiKeyName, type PrismaClient } from '@autocall/db';
import { principalOf } from '../../plugins/auth.ts';

const meView = z
  .object({
    tenantId: z.uuid().describe('The tenant the key acts for.'),
    apiKeyId: z.uuid().describe('The key itself (also when signed in with an access token from it).'),
    name: z.string().describe('The label given to the key.'),
    admin: z.boolean().describe('Admin keys manage API keys and open Bull Board.'),
    limits: z
      .object({ maxCallsPerBatch: z.int().describe("The largest numberCallPerTime this deployment accepts (the plan's concurrent calls).") })
      .strict()
      .describe('Limits the API applies to this key, so a client can say them before a request is refused.'),
  })
  .strict();

// Who the caller is: the console checks a key with it at sign-in and shows admin-only pages by it.
export async function meRoutes(app: FastifyInstance, options: { prisma: PrismaClient; maxCallsPerBatch: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/me',
    {
      onRequest: app.requireAuth,
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The API key making this request',
        security: [{ bearerAuth: [] }],
        querystring: z.object({}).strict(),
        response: { 200: meView },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const name = (await apiKeyName(options.prisma, principal.apiKeyId)) ?? '';
      return {
        tenantId: principal.tenantId,
        apiKeyId: principal.apiKeyId,
        name,
        admin: principal.role === 'admin',
        limits: { maxCallsPerBatch: options.maxCallsPerBatch },
      };
    },
  );
}
