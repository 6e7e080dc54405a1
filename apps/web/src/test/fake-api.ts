import { vi } from 'vitest';

// Component tests stand in for the API at the fetch level (the browser journeys in tests/web use
// the real one). A handler gets the Request and returns the API's JSON reply, or undefined for 404.
export type FakeRoute = (request: Request) => { status: number; body: unknown } | undefined;

export function fakeApi(route: FakeRoute): Request[] {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    seen.push(request);
    const reply = route(request) ?? { status: 404, body: { statusCode: 404, code: 'route_not_found', message: 'No route.' } };
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
  return seen;
}

export const ME = { tenantId: '00000000-0000-4000-8000-000000000001', apiKeyId: '00000000-0000-4000-8000-000000000002', name: 'bootstrap', admin: true };
export const GOOD_KEY = 'ak_good-key';

// GET /v1/me answers for GOOD_KEY only, as the API does.
export const meRoute: FakeRoute = (request) => {
  const path = new URL(request.url).pathname;
  if (path !== '/v1/me') return undefined;
  if (request.headers.get('authorization') === `Bearer ${GOOD_KEY}`) return { status: 200, body: ME };
  return { status: 401, body: { statusCode: 401, code: 'unauthorized', message: 'A valid API key is required: send "Authorization: Bearer <key>".' } };
};
