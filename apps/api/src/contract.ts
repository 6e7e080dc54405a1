// Checks real replies against the OpenAPI document the app serves: the status must be one the
// operation documents, the media type one that status documents, and a JSON body must match its
// schema. The shared test app runs every reply of the API tests through it, so each of those
// tests is a contract test too.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Media = { schema?: unknown };
type Response = { content?: Record<string, Media> };
type Operation = { responses?: Record<string, Response> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };

export type Reply = {
  method: string;
  // The route as Fastify knows it, e.g. /v1/campaigns/:id.
  route: string;
  statusCode: number;
  contentType: string | undefined;
  // The serialized body; undefined for a stream.
  body: string | undefined;
};

export type ContractChecker = {
  // Problems with the reply; empty when it matches. Routes the document does not list are not checked.
  check(reply: Reply): string[];
};

// Fastify's /a/:id is OpenAPI's /a/{id}.
const toOpenApiPath = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function createContractChecker(document: OpenApiDocument): ContractChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  const validators = new Map<string, ValidateFunction>();

  // Each schema is compiled with the document's components beside it, so its
  // #/components/schemas/... references resolve as they do in the document.
  function validatorFor(key: string, schema: unknown): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile({ ...(schema as object), components: document.components ?? {} });
      validators.set(key, validate);
    }
    return validate;
  }

  return {
    check(reply) {
      const path = toOpenApiPath(reply.route);
      const operation = document.paths[path]?.[reply.method.toLowerCase()];
      if (!operation) return [];
      const where = `${reply.method} ${path} -> ${reply.statusCode}`;
      const responses = operation.responses ?? {};
      const status = String(reply.statusCode);
      const documented = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
      if (!documented) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
      const content = documented.content;
      if (!content) return reply.body ? [`${where}: documented without a body, but the reply has one: ${reply.body.slice(0, 200)}`] : [];
      const mediaType = (reply.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      const media = content[mediaType];
      if (!media) return [`${where}: media type "${mediaType}" not documented (documented: ${Object.keys(content).join(', ')})`];
      if (reply.body === undefined || !mediaType.includes('json') || media.schema === undefined) return [];
      let value: unknown;
      try {
        value = JSON.parse(reply.body);
      } catch {
        return [`${where}: the body is not JSON: ${reply.body.slice(0, 200)}`];
      }
      const validate = validatorFor(`${path} ${reply.method} ${status} ${mediaType}`, media.schema);
      if (validate(value)) return [];
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      return [`${where}: the body does not match the documented schema: ${problems.join('; ')}; body: ${reply.body.slice(0, 300)}`];
    },
  };
}
