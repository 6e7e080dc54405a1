// `npm start` is the one-command local set-up: it alone falls back to the services a developer
// runs on this machine. The separate roles (`start:api`, `start:worker`) keep requiring both URLs,
// so a deployment that forgot one fails at start-up instead of writing to someone's laptop database.
export const LOCAL_SERVICE_DEFAULTS = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/autocall',
  REDIS_URL: 'redis://127.0.0.1:6379',
} as const;

export type LocalDefaultsResult = {
  env: Record<string, string | undefined>;
  // The variables that were unset (or empty) and now hold their local default.
  defaulted: (keyof typeof LOCAL_SERVICE_DEFAULTS)[];
};

export function withLocalServiceDefaults(env: Record<string, string | undefined>): LocalDefaultsResult {
  const filled = { ...env };
  const defaulted: LocalDefaultsResult['defaulted'] = [];
  for (const name of Object.keys(LOCAL_SERVICE_DEFAULTS) as (keyof typeof LOCAL_SERVICE_DEFAULTS)[]) {
    if (filled[name]) continue;
    filled[name] = LOCAL_SERVICE_DEFAULTS[name];
    defaulted.push(name);
  }
  return { env: filled, defaulted };
}

// A connection string fit for a log line: the password, if any, is blanked.
export function describeServiceUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}
