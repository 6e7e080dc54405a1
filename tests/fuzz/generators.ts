// Malformed-request generators for the API fuzz test. Each case says whether it is certainly
// invalid (mustFail): a broken path id, a query value its schema cannot accept, a body that breaks
// a required field, bad JSON, a body past the limit, a missing or broken credential.
import { randomUUID } from 'node:crypto';
import { randomInt } from '../../packages/domain/src/test-random.ts';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};
type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
export type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; security?: unknown[] };
export type Route = { method: string; path: string; existingId: string; operation: Operation };
export type FuzzCase = {
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer | Record<string, unknown> | unknown[];
  mustFail: boolean;
  htmlAllowed: boolean;
};
type Keys = { adminKey: string; memberKey: string; webhookSecret: string };

const pick = <T>(random: () => number, items: readonly T[]): T => items[randomInt(random, 0, items.length - 1)]!;

const BAD_IDS = ['not-a-uuid', '0', '-1', '1e309', 'x'.repeat(5_000), '%00', '..%2F..%2Fetc%2Fpasswd', '%F0%9F%92%A9', "'%20OR%201%3D1--", '00000000-0000-0000-0000-00000000000g'];

// Values of the wrong kind for nearly any field.
function garbage(random: () => number, depth = 0): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => true,
    () => -1,
    () => 1e308,
    () => -(2 ** 63),
    () => 2 ** 53 + 1,
    () => 0.5,
    () => '',
    () => 'x'.repeat(randomInt(random, 1_000, 300_000)),
    () => '\ud800\udfff\u0000\u202e<script>alert(1)</script>',
    () => "'; DROP TABLE campaigns; --",
    () => '{"$gt": ""}',
    () => ({ __proto__: { admin: true }, constructor: { prototype: { polluted: 1 } } }),
    () => Array.from({ length: randomInt(random, 0, 50) }, () => randomInt(random, -1e9, 1e9)),
    () => (depth < 3 ? { [`unknown_${randomInt(random, 0, 999)}`]: garbage(random, depth + 1) } : {}),
  ];
  return pick(random, choices)();
}

// A value the schema can never accept, or undefined when no such value is obvious.
function invalidFor(schema: JsonSchema | undefined, random: () => number): unknown {
  if (!schema) return undefined;
  const types = [schema.type].flat().filter(Boolean) as string[];
  if (schema.anyOf || schema.oneOf) return undefined;
  if (schema.enum) return `not-${String(schema.enum[0])}-§`;
  if (types.includes('null')) return types.includes('string') ? 12345 : 'not-a-number';
  if (types.includes('integer') || types.includes('number')) return pick(random, ['abc', { n: 1 }, [1]]);
  if (types.includes('boolean')) return pick(random, [{ yes: 1 }, [true], 'maybe']);
  if (types.includes('array')) return pick(random, [{ not: 'an array' }, 'x', 42]);
  if (types.includes('object')) return pick(random, ['x', 42, [1, 2]]);
  if (types.includes('string')) {
    if (schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1 + randomInt(random, 0, 1_000));
    if (schema.format === 'uuid') return pick(random, BAD_IDS);
    return pick(random, [{ obj: 1 }, [1, 2], 17]);
  }
  return undefined;
}

function jsonBodySchema(op: Operation): JsonSchema | undefined {
  return op.requestBody?.content?.['application/json']?.schema;
}

// An object body with every required field of the wrong kind, plus unknown fields.
function brokenBody(schema: JsonSchema, random: () => number): Record<string, unknown> | null {
  const required = (schema.required ?? []).filter((name) => invalidFor(schema.properties?.[name], random) !== undefined);
  if (required.length === 0) return null;
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(schema.properties ?? {})) if (random() < 0.5) body[name] = garbage(random);
  for (const name of required) body[name] = invalidFor(schema.properties?.[name], random);
  for (let i = randomInt(random, 0, 3); i > 0; i--) body[`unknownField${i}`] = garbage(random);
  return body;
}

// A valid campaign with one change that must be refused.
const CAMPAIGN_BREAKS: ((random: () => number) => Record<string, unknown>)[] = [
  () => ({ numberCallPerTime: -1 }),
  () => ({ numberCallPerTime: 1e21 }),
  () => ({ numberCallPerTime: '5' }),
  () => ({ durationOfEachCall: -30 }),
  () => ({ maxRetryOfDetail: 11 }),
  () => ({ retryAfterSeconds: 1e12 }),
  () => ({ sendTime: 1.5 }),
  () => ({ sendTime: '2026-01-01' }),
  () => ({ scripts: [] }),
  () => ({ scripts: [{ targetType: 'callBotTextVariable', targetValue: 'x'.repeat(301) }] }),
  () => ({ scripts: [{ targetType: 'nope', targetValue: 'x' }] }),
  () => ({ name: 'x'.repeat(201) }),
  () => ({ phoneNumbers: [] }),
  () => ({ phoneNumbers: 'not a list' }),
  () => ({ phoneNumbers: [{ phone: '0912345678' }] }),
  () => ({ phoneNumbers: ['0912345678'], phones: ['0912345679'] }),
  (random) => ({ phoneNumbers: Array.from({ length: 100_001 }, (_, i) => `09${String(10_000_000 + i + randomInt(random, 0, 9)).padStart(8, '0')}`) }),
];

function campaignBase(): Record<string, unknown> {
  return {
    name: 'fuzz',
    scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
    numberCallPerTime: 2,
    durationOfEachCall: 30,
    phoneNumbers: ['0395187319', '0912345678'],
  };
}

let giant: string | undefined;
function oversized(): string {
  giant ??= JSON.stringify({ ...campaignBase(), phoneNumbers: Array.from({ length: 400_000 }, (_, i) => `09${String(10_000_000 + i).padStart(8, '0')}`) });
  return giant;
}

function deepJson(random: () => number): string {
  const depth = randomInt(random, 1_000, 200_000);
  return random() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function query(route: Route, random: () => number): { text: string; broken: boolean } {
  const params = (route.operation.parameters ?? []).filter((p) => p.in === 'query');
  const parts: string[] = [];
  let broken = false;
  for (const p of params) {
    if (random() < 0.5) continue;
    const bad = invalidFor(p.schema, random);
    if (bad !== undefined && typeof bad !== 'object' && random() < 0.7) {
      parts.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(String(bad))}`);
      broken = true;
    } else {
      parts.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(String(pick(random, ['-1', '1e309', '', '%', 'null'])))}`);
    }
  }
  if (random() < 0.3) parts.push(`unknown${randomInt(random, 0, 9)}=${encodeURIComponent(String(garbage(random)).slice(0, 2_000))}`);
  if (random() < 0.05) parts.push(`a=${'b'.repeat(60_000)}`);
  return { text: parts.length ? `?${parts.join('&')}` : '', broken };
}

export function fuzzCase(random: () => number, route: Route, keys: Keys): FuzzCase {
  const { method } = route;
  const isWebhook = route.path.startsWith('/v1/providers/');
  const needsAuth = (route.operation.security?.length ?? 0) > 0;
  const htmlAllowed = route.path.startsWith('/docs') || route.path.startsWith('/admin/queues');
  let mustFail = false;
  const kinds: string[] = [];

  // Path parameters: never a usable id with a key that may act on it.
  let key = keys.adminKey;
  let path = route.path;
  if (path.includes('{')) {
    const choice = randomInt(random, 0, 2);
    if (choice === 2) key = keys.memberKey; // the campaign exists, but belongs to another tenant
    path = path.replace(/\{[^}]+\}/g, () => (choice === 0 ? pick(random, BAD_IDS) : choice === 1 ? randomUUID() : route.existingId));
    kinds.push(['bad-id', 'unknown-id', 'foreign-id'][choice]!);
    mustFail = true;
  }
  const q = query(route, random);
  if (q.broken) (mustFail = true), kinds.push('bad-query');
  let url = `${path}${q.text}`;
  if (isWebhook) {
    const wrongToken = random() < 0.3;
    url += `${q.text ? '&' : '?'}token=${wrongToken ? pick(random, ['wrong', keys.webhookSecret.slice(0, -1), `${keys.webhookSecret}x`]) : keys.webhookSecret}`;
    if (wrongToken) (mustFail = true), kinds.push('wrong-token');
  }

  const headers: Record<string, string> = {};
  const auth = random();
  if (auth < 0.75) headers.authorization = `Bearer ${key}`;
  else if (auth < 0.85) headers.authorization = pick(random, ['Bearer', 'Bearer ', `Bearer ${'k'.repeat(20_000)}`, 'Basic !!!', 'Basic Og==', `Digest ${keys.adminKey}`]);
  if (auth >= 0.75 && needsAuth) (mustFail = true), kinds.push('no-auth');

  let payload: FuzzCase['payload'];
  if (['POST', 'PUT', 'PATCH'].includes(method)) {
    const schema = jsonBodySchema(route.operation);
    const known = schema !== undefined;
    const shape = randomInt(random, 0, 7);
    headers['content-type'] = 'application/json';
    if (shape === 0) {
      payload = '{"unterminated": [1, 2,';
      mustFail = true;
    } else if (shape === 1) {
      payload = deepJson(random);
      mustFail ||= known;
    } else if (shape === 2) {
      // Invalid UTF-8 inside a JSON string.
      payload = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]);
      mustFail ||= known;
    } else if (shape === 3) {
      payload = oversized();
      mustFail = true; // ~5 MB: past the body limit
    } else if (shape === 4) {
      headers['content-type'] = pick(random, ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']);
      payload = pick(random, ['hello', 'a=1&b=2', '<a/>', '--x\r\n\r\n--x--']);
      mustFail ||= known;
    } else if (shape === 5 && (route.path.endsWith('/campaigns') || route.path.includes('executeByPhone'))) {
      const breaks = pick(random, CAMPAIGN_BREAKS)(random);
      payload = { ...campaignBase(), ...breaks, [`unknown_${randomInt(random, 0, 9)}`]: garbage(random) };
      mustFail = true;
      kinds.push(`campaign:${Object.keys(breaks).join('+')}`);
    } else if (known && random() < 0.6) {
      const body = brokenBody(schema, random);
      payload = body ?? JSON.stringify(pick(random, ['string', 42, null, [1, 2, 3], true]));
      mustFail = true;
    } else {
      payload = JSON.stringify(pick(random, ['string', 42, null, [1, 2, 3], true, -1e308]));
      mustFail ||= known;
    }
    kinds.push(`body${shape}`);
  }
  return { kind: kinds.join(','), method, url, headers, payload, mustFail, htmlAllowed };
}
