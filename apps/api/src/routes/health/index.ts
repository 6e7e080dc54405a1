import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PrismaClient } from '@autocall/db';
import type { Queues } from '@autocall/jobs';
import { PUBLIC, jsonReply } from '../../openapi/replies.ts';

const probeState = z.enum(['ok', 'unreachable']);
const readiness = z.object({ status: z.enum(['ready', 'not_ready']), postgres: probeState, redis: probeState });

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
    return 'ok';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, options: { prisma: PrismaClient; queues: Queues }) {
  // Probes take any query string: load balancers add their own parameters.
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        operationId: 'healthz',
        summary: 'The process is up',
        security: PUBLIC,
        response: { 200: jsonReply('Up.', z.object({ status: z.literal('ok') })) },
      },
    },
    async () => ({ status: 'ok' }),
  );

  const readyzSchema = {
    tags: ['operations'],
    operationId: 'readyz',
    summary: 'Postgres and Redis are reachable',
    security: PUBLIC,
    response: { 200: jsonReply('Ready.', readiness), 503: jsonReply('Postgres or Redis is unreachable.', readiness) },
  };
  app.get('/readyz', { schema: readyzSchema }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([
      probe(() => options.prisma.$queryRaw`SELECT 1`, 2_000),
      probe(() => options.queues.connection.ping(), 2_000),
    ]);
    const ready = postgres === 'ok' && redis === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', postgres, redis });
  });
}
