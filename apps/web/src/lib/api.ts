// The console's only way to the API: one openapi-fetch client typed by path from the served
// OpenAPI document. Hooks in src/hooks/api call `api.GET('/v1/...')` and pass the result to `unwrap`.
//
// When @autocall/sdk lands, this file is the whole swap:
//   import { createAutocallClient, type paths } from '@autocall/sdk';
//   export const api = createAutocallClient({ baseUrl: window.location.origin, apiKey: readApiKey });
// (the SDK's client is the same openapi-fetch client, and it too lets a per-call Authorization win).
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema.ts';
import { readApiKey } from './session.ts';

export type { paths };

// The key is read on every request, so signing in and out needs no new client. A call that sends
// its own Authorization (checking a key before keeping it) keeps it.
const bearerFromSession: Middleware = {
  onRequest({ request }) {
    if (request.headers.has('authorization')) return undefined;
    const key = readApiKey();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
};

// `fetch` is looked up per request (not captured once), so component tests can stand in for the API.
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: (request) => globalThis.fetch(request) });
api.use(bearerFromSession);

export const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });
