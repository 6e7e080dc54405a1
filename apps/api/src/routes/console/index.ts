import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

// Where `npm run build:web` (or `npm start`) puts the console's production build.
export const CONSOLE_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

// Paths the API owns: the console's SPA fallback never answers under them, so an unknown API path
// still gets the JSON 404.
export const API_PREFIXES = ['/v1', '/api', '/docs', '/admin', '/metrics', '/healthz', '/readyz'] as const;

export function consoleAvailable(distDir = CONSOLE_DIST): boolean {
  return existsSync(path.join(distDir, 'index.html'));
}

export function isApiPath(urlPath: string): boolean {
  return API_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

// The console at `/` when it is built: its files as they are (hashed assets cached for a year),
// and index.html for any other GET a browser makes (client-side routes like /campaigns/123).
// Without a build, `/` sends people to the API docs instead.
export async function consoleRoutes(app: FastifyInstance, options: { distDir?: string }) {
  const distDir = options.distDir ?? CONSOLE_DIST;
  if (!consoleAvailable(distDir)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs'));
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    // One route per file found at start-up: no catch-all of its own to shadow the API's 404s.
    wildcard: false,
    index: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const urlPath = request.url.split('?')[0]!;
    // A missing file (it has an extension) is a 404, not the app's HTML under a script's name.
    if (isApiPath(urlPath) || path.extname(urlPath) !== '') return reply.callNotFound();
    return sendIndex(reply);
  });
}
