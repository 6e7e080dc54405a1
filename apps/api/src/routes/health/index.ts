import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@autocall/db';
import type { Queues } from '@autocall/jobs';

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
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['health'], summary: 'Postgres and Redis are reachable' } }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([
      probe(() => options.prisma.$queryRaw`SELECT 1`, 2_000),
      probe(() => options.queues.connection.ping(), 2_000),
    ]);
    const ready = postgres === 'ok' && redis === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', postgres, redis });
  });
}
