import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// The web console's production build (`apps/web`, `vite build`). Resolved from this file, not
// from the working directory, so it holds whichever directory the process was started from.
export const CONSOLE_INDEX_FILE = fileURLToPath(new URL('../../../../web/dist/index.html', import.meta.url));
// Where the console is served once it is built.
export const CONSOLE_PATH = '/console/';

export function consoleAvailable(indexFile: string = CONSOLE_INDEX_FILE): boolean {
  return existsSync(indexFile);
}

// A person who opens the bare host lands somewhere useful: the console once it is built, the
// interactive API reference until then. Checked per request so a fresh build needs no restart.
export async function rootRoutes(app: FastifyInstance, options: { consoleAvailable?: () => boolean }) {
  const hasConsole = options.consoleAvailable ?? (() => consoleAvailable());
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(hasConsole() ? CONSOLE_PATH : '/docs', 302));
}
