import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Logger } from '@autocall/logger';
import { redactUrl } from '@autocall/logger';

// Fastify's own error lines may carry the request; the webhook token and the /api/auth apiKey
// travel in the query string, so the serializer blanks them.
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

const durationMs = (reply: FastifyReply) => Math.round(reply.elapsedTime * 10) / 10;

// One line per request, written once the reply is sent: Fastify's "incoming request" line and
// its separate "Route ... not found" line say nothing the completion line does not.
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { statusCode: reply.statusCode, durationMs: durationMs(reply) };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}

// Every line logged through request.log names the request (reqId, method, path with secret
// query parameters blanked), including the completion line above.
export function requestLogging(logger: Logger): Pick<FastifyServerOptions, 'loggerInstance' | 'logController' | 'childLoggerFactory'> {
  return {
    loggerInstance: logger.child({}, { serializers: { req: requestForLog } }) as FastifyBaseLogger,
    logController: new OneLineRequestLog(),
    childLoggerFactory: (parent, bindings, options, rawRequest) =>
      parent.child({ ...bindings, method: rawRequest.method, url: redactUrl(rawRequest.url ?? '') }, options),
  };
}
