// Values the global setup hands to every test file through vitest's provide/inject.
declare module 'vitest' {
  // Declaration merging needs an interface here.
  export interface ProvidedContext {
    // A connection string to the server's `postgres` maintenance database, used only to
    // create and drop per-test databases; tests never write through it.
    adminDatabaseUrl: string;
    // A fully migrated database that per-test databases are copied from.
    templateDatabase: string;
    redisUrl: string;
    // Unique per `vitest run`; every database this run creates carries it in its name.
    runId: string;
  }
}

export {};
