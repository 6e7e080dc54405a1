export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// Every database a run creates starts with this, so its teardown can find the leftovers.
export function testDatabasePrefix(runId: string): string {
  return `autocall_t_${runId}_`;
}
