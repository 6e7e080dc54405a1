import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { describeServiceUrl, LOCAL_SERVICE_DEFAULTS, withLocalServiceDefaults } from './local-defaults.ts';

describe('withLocalServiceDefaults (npm start only)', () => {
  it('fills DATABASE_URL and REDIS_URL with the local services and says it did', () => {
    const { env, defaulted } = withLocalServiceDefaults({ PORT: '3001' });
    expect(env).toEqual({ PORT: '3001', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/autocall', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(defaulted).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(loadConfig(env).databaseUrl).toBe(LOCAL_SERVICE_DEFAULTS.DATABASE_URL);
  });

  it('keeps what is set, and treats an empty value as unset', () => {
    const { env, defaulted } = withLocalServiceDefaults({ DATABASE_URL: 'postgresql://db.internal/prod', REDIS_URL: '' });
    expect(env.DATABASE_URL).toBe('postgresql://db.internal/prod');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(defaulted).toEqual(['REDIS_URL']);
  });

  it('leaves the caller\'s environment alone, so the separate roles still require both URLs', () => {
    const original: Record<string, string | undefined> = {};
    withLocalServiceDefaults(original);
    expect(original).toEqual({});
    expect(() => loadConfig(original)).toThrow(ConfigError);
    expect(() => loadConfig(original)).toThrow(/DATABASE_URL is required.*REDIS_URL is required/);
  });

  it('describes a connection string for the log without its password', () => {
    expect(describeServiceUrl('postgresql://app:s3cret@db:5432/autocall')).toBe('postgresql://app:***@db:5432/autocall');
    expect(describeServiceUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(describeServiceUrl('nonsense')).toBe('(not a URL)');
  });
});

describe('.env.example', () => {
  const example = parseEnv(readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8'));

  it('is simulator mode as copied: no provider URL, no fixed admin key', () => {
    const config = loadConfig(example);
    expect(config.omicall.baseUrl).toBeUndefined();
    expect(config.bootstrapApiKey).toBeUndefined();
    expect(config.databaseUrl).toBe(LOCAL_SERVICE_DEFAULTS.DATABASE_URL);
    expect(config.redisUrl).toBe(LOCAL_SERVICE_DEFAULTS.REDIS_URL);
  });

  it('documents the real-provider variables, commented out', () => {
    const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const name of ['OMICALL_BASE_URL', 'OMICALL_API_KEY', 'OMICALL_WEBHOOK_SECRET', 'BOOTSTRAP_API_KEY', 'LOG_FORMAT']) {
      expect(text).toMatch(new RegExp(`^# ${name}=`, 'm'));
      expect(example[name]).toBeUndefined();
    }
  });
});
