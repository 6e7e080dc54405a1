import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queues } from '@autocall/jobs';
import { ApiError } from '../../errors.ts';
import { toErrorBody } from '../../plugins/error-handler.ts';

export const BULL_BOARD_PATH = '/admin/queues';

// Bull Board for admin keys only. Encapsulated so the admin check covers exactly its routes;
// a browser gets a Basic-auth prompt (any user name, the admin key as password).
export async function bullBoardRoutes(app: FastifyInstance, options: { queues: Queues }) {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({ queues: [new BullMQAdapter(options.queues.campaignWake, { readOnlyMode: false })], serverAdapter });
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  // Bull Board installs its own error handler, which would turn a thrown 401/403 into its
  // "INTERNAL_SERVER_ERROR" body; so the refusal is sent here, in the API's usual shape.
  app.addHook('onRequest', async (request, reply) => {
    try {
      await app.requireAdmin(request);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.statusCode === 401) reply.header('WWW-Authenticate', 'Basic realm="autocall admin"');
      return reply.status(error.statusCode).send(toErrorBody(error, request));
    }
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
}
