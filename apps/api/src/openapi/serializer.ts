// Replies are written by fast-json-stringify from each route's zod response schema, turned into
// JSON Schema once at start-up: the same keys as the schema (unknown ones are dropped, as zod
// would), at about the cost of JSON.stringify, where running zod over every reply cost 5 to 8
// times that on the hot routes (a campaign page, a campaign, the provider webhook). The values are
// typed by the type provider at compile time, and every reply of the API tests is checked
// against the OpenAPI document (test-app.ts), which takes the place of zod's runtime check.
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type Json = Record<string, unknown>;
type Serialize = (data: unknown) => string;

const cache = new WeakMap<z.core.$ZodType, Serialize>();

// `T | null` comes out of zod as anyOf [T, null]; as a type list fast-json-stringify writes it
// directly instead of testing each branch.
function simplify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplify);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, simplify(value)]));
  const branches = out.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return out;
  const nullAt = branches.findIndex((branch: Json) => branch.type === 'null' && Object.keys(branch).length === 1);
  const other = branches[1 - nullAt] as Json | undefined;
  if (nullAt < 0 || typeof other?.type !== 'string' || other.anyOf || other.oneOf || other.$ref) return out;
  const { anyOf: _anyOf, ...rest } = out;
  return { ...other, ...rest, type: [other.type, 'null'] };
}

export function replySerializer(schema: z.core.$ZodType): Serialize {
  let serialize = cache.get(schema);
  if (!serialize) {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-07', unrepresentable: 'any' });
    serialize = fastJson(simplify(json) as Parameters<typeof fastJson>[0]);
    cache.set(schema, serialize);
  }
  return serialize;
}

// Compiled on a route's first reply with that status, not at start-up: most error replies of most
// routes are never sent by a given process.
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, method, url }) => {
  if (!(schema instanceof z.core.$ZodType)) throw new Error(`${method} ${url}: a response schema must be a zod schema`);
  let serialize: Serialize | undefined;
  return (data) => (serialize ??= replySerializer(schema))(data);
};
