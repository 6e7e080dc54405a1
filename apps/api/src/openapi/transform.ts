// Route schemas (zod) to OpenAPI 3.1, on top of fastify-type-provider-zod's transforms: request
// bodies documented per media type (JSON or a multipart file upload), optional bodies marked as
// such, and only the components the document really references.
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type Json = Record<string, unknown>;
type BodyContent = { content: Record<string, { schema: z.core.$ZodType }> };

const OPTIONAL_BODY = 'x-optional-body';
const WRAPPERS = new Set(['optional', 'nullable']);

// The object a body schema wraps: `.optional()`/`.nullish()` say "may be left out", which the
// document says with requestBody.required, not with a null branch in the schema.
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return WRAPPERS.has(def.type) && def.innerType ? unwrap(def.innerType) : schema;
}

function isContentMap(body: unknown): body is BodyContent {
  return typeof body === 'object' && body !== null && !(body instanceof z.core.$ZodType) && 'content' in body;
}

function bodyJson(input: TransformInput, body: z.core.$ZodType): unknown {
  const { schema } = jsonSchemaTransform({ ...input, schema: { body: unwrap(body) } } as TransformInput);
  return (schema as Json).body;
}

export function transform(input: TransformInput) {
  const schema = input.schema as Json | undefined;
  const body = schema?.body;
  if (!schema || schema.hide || body === undefined) return jsonSchemaTransform(input);
  const rest = { ...schema, body: undefined };
  const result = jsonSchemaTransform({ ...input, schema: rest } as TransformInput);
  const out = result.schema as Json;
  if (isContentMap(body)) {
    out.body = {
      content: Object.fromEntries(Object.entries(body.content).map(([mediaType, { schema: s }]) => [mediaType, { schema: bodyJson(input, s) }])),
    };
  } else {
    const zodBody = body as z.core.$ZodType;
    out.body = bodyJson(input, zodBody);
    if (z.safeParse(zodBody, undefined).success) out[OPTIONAL_BODY] = true;
  }
  return result;
}

type Operation = Json & { requestBody?: Json };

export function transformObject(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const document = jsonSchemaTransformObject(input) as Json & { paths: Record<string, Record<string, Operation>>; components: Json };
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods)) {
      if (!operation[OPTIONAL_BODY]) continue;
      delete operation[OPTIONAL_BODY];
      if (operation.requestBody) operation.requestBody.required = false;
    }
  }
  const schemas = (document.components.schemas ?? {}) as Json;
  const kept = referencedComponents(document, schemas);
  document.components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => kept.has(name)));
  return document;
}

// Every component registered with zod comes in an input and an output version; keep those the
// paths refer to, directly or through another kept component.
function referencedComponents(document: Json, schemas: Json): Set<string> {
  const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
  const { components: _components, ...rest } = document;
  const kept = new Set<string>();
  const queue = refsIn(rest);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (kept.has(name) || !(name in schemas)) continue;
    kept.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  return kept;
}
