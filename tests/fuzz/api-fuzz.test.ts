// Bad input: thousands of malformed requests against every route the app registers (listed from
// its own OpenAPI document, so routes added later are fuzzed too). Wrong types, huge strings,
// deep JSON, invalid UTF-8, bodies past the limit, negative and enormous numbers, unknown fields,
// broken auth headers. Every reply: no 5xx, a clear error body, and no row changed anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, campaignBody, TEST_WEBHOOK_SECRET, type TestApp } from '../../apps/api/src/test-app.ts';
import { randomInt, seededRandom } from '../../packages/domain/src/test-random.ts';
import { fuzzCase, type FuzzCase, type Operation, type Route } from './generators.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CHAOS_SCALE === 'large' ? 20_000 : 2_000));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

let t: TestApp;
let routes: Route[];
let memberKey: string;

beforeAll(async () => {
  t = await buildTestApp({ captureLogs: true });
  memberKey = (await t.createKey({ role: 'member' })).secret;
  // One real campaign, so routes are also fuzzed against an id that exists (of another tenant).
  const created = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: { authorization: `Bearer ${t.adminKey}` }, payload: campaignBody() });
  expect(created.statusCode).toBe(201);
  const spec = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation, existingId: created.json().id as string })),
  );
});
afterAll(async () => t?.close());

async function tableCounts(): Promise<Record<string, number>> {
  const { rows } = await t.db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    counts[table_name] = (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`)).rows[0]!.n;
  }
  return counts;
}

function problemWith(c: FuzzCase, status: number, body: string, contentType: string | undefined): string | null {
  if (status >= 500) return `${status} ${body.slice(0, 300)}`;
  if (c.mustFail && status < 400) return `accepted (${status}): ${body.slice(0, 200)}`;
  if (status < 400 || c.htmlAllowed) return null;
  if (!contentType?.includes('application/json')) return `error without a JSON body (${contentType})`;
  const parsed = JSON.parse(body) as Record<string, any>;
  // Native errors: { statusCode, code, message }; the OMICALL dialect: { status_code, payload }.
  const code = parsed.code ?? parsed.payload?.error;
  const message = parsed.message && parsed.code ? parsed.message : parsed.payload?.message;
  if (typeof code !== 'string' || typeof message !== 'string' || message.length === 0) return `unclear error body ${body.slice(0, 200)}`;
  if (/at \w+ \(|node_modules|prisma|SELECT |\.ts:\d/i.test(body)) return `error body leaks internals: ${body.slice(0, 200)}`;
  return null;
}

describe('malformed requests to every route', () => {
  it(`answers ${RUNS} of them with a clear 4xx and changes nothing (seed ${SEED})`, { timeout: 300_000 }, async () => {
    expect(routes.length).toBeGreaterThan(5);
    const before = await tableCounts();
    const random = seededRandom(SEED);
    const problems: string[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const route = routes[randomInt(random, 0, routes.length - 1)]!;
      const c = fuzzCase(random, route, { adminKey: t.adminKey, memberKey, webhookSecret: TEST_WEBHOOK_SECRET });
      const response = await t.app.inject({ method: c.method as 'GET', url: c.url, headers: c.headers, payload: c.payload });
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      const problem = problemWith(c, response.statusCode, response.body, response.headers['content-type'] as string | undefined);
      if (problem) {
        // A 5xx logs the real error: keep it with the case so the failure explains itself.
        const logged = response.statusCode >= 500 ? t.logs.filter((l) => l.includes('"level":50')).at(-1)?.slice(0, 1_500) : '';
        problems.push(`#${i} ${c.method} ${c.url.slice(0, 120)} [${c.kind}] ${JSON.stringify(c.headers).slice(0, 200)}: ${problem} ${logged}`);
      }
      t.logs.length = 0;
      if (problems.length >= 20) break;
    }
    expect(problems).toEqual([]);
    expect(await tableCounts()).toEqual(before);
    expect(Object.keys(statuses).every((s) => Number(s) < 500)).toBe(true);
    process.stdout.write(`[fuzz] ${RUNS} requests over ${routes.length} routes, seed ${SEED}: ${JSON.stringify(statuses)}\n`);
  });
});
