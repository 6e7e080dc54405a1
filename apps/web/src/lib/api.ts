// The console's only way to the API: the typed client of @autocall/sdk (the console is the SDK's
// first user). Hooks in src/hooks/api call `api.GET('/v1/...')` and pass the result to `unwrap`.
import { createAutocallClient, type paths } from '@autocall/sdk';
import { readApiKey } from './session.ts';

export type { paths };

// The key is read on every request, so signing in and out needs no new client; a call that sends
// its own Authorization (checking a key before keeping it) keeps it. `fetch` is looked up per
// request (not captured once), so component tests can stand in for the API.
export const api = createAutocallClient({
  baseUrl: window.location.origin,
  apiKey: readApiKey,
  fetch: (request) => globalThis.fetch(request),
});

export const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });
