import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Logger } from '@autocall/logger';
import { redactUrl } from '@autocall/logger';

// Fastify logs "incoming request" before any hook runs, with the raw URL: the webhook token and
// the /api/auth apiKey travel in the query string, so the request serializer blanks them.
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function requestLogger(logger: Logger): FastifyBaseLogger {
  return logger.child({}, { serializers: { req: requestForLog } }) as FastifyBaseLogger;
}
