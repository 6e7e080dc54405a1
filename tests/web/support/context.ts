// What the browser project's global setup (stack.ts) hands to every journey file.
declare module 'vitest' {
  // Declaration merging needs an interface here.
  export interface ProvidedContext {
    webStack: WebStack;
  }
}

// One stack and one Chromium for the whole browser project; each file signs in as a tenant of its
// own (workspace.ts), so files share processes but no data.
export type WebStack = {
  apiUrl: string;
  // The run's private database, for assertions the UI cannot make (e.g. "exactly one campaign").
  databaseUrl: string;
  // An admin key of the `default` tenant: used only to create each file's own tenant and key.
  bootstrapKey: string;
  // The simulator's outcome settings: a number's outcome is a pure function of these (see
  // apps/omicall-sim/src/prng.ts), so a journey can pick numbers that will not answer.
  sim: { url: string; seed: number; answerRate: number; ringMinMs: number; ringMaxMs: number };
  // playwright's endpoint of the shared Chromium (`chromium.connect`).
  browserWsEndpoint: string;
};
