import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';

// A key, or a function asked before every request, so a browser session can sign in and out
// (return undefined to send no key) without building a new client.
export type ApiKeySource = string | (() => string | undefined | Promise<string | undefined>);

export type AutocallClientOptions = {
  // Where the API is, e.g. `https://autocall.example.com` (no trailing `/v1`: paths carry it).
  baseUrl: string;
  apiKey?: ApiKeySource;
  // Defaults to the global fetch; tests and server runtimes may pass their own.
  fetch?: (request: Request) => Promise<Response>;
  // Sent on every request; per call, pass `headers` (e.g. `{ 'Idempotency-Key': ... }`).
  headers?: Record<string, string>;
};

// `GET`/`POST`/`PATCH`/`DELETE` typed by path: `client.GET('/v1/campaigns/{id}', { params: { path: { id } } })`
// resolves to `{ data }` on 2xx and `{ error }` (the API's error body) otherwise, with `response` in both.
export type AutocallClient = Client<paths>;

export function createAutocallClient(options: AutocallClientOptions): AutocallClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.fetch,
    headers: options.headers,
  });
  if (options.apiKey !== undefined) client.use(bearerAuth(options.apiKey));
  return client;
}

// An Authorization header given on the call itself wins (another tenant's key, an OMICALL token).
function bearerAuth(apiKey: ApiKeySource): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has('authorization')) return undefined;
      const key = typeof apiKey === 'function' ? await apiKey() : apiKey;
      if (key) request.headers.set('authorization', `Bearer ${key}`);
      return request;
    },
  };
}
