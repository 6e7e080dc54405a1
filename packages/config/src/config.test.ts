import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/app', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.maxCallsPerBatch).toBe(50);
    expect(config.omicall.baseUrl).toBeUndefined();
  });

  it('names every bad or missing variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://nope', PORT: 'abc', MAX_CALLS_PER_BATCH: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['DATABASE_URL is required', 'REDIS_URL', 'PORT', 'MAX_CALLS_PER_BATCH']) {
      expect(message).toContain(name);
    }
  });

  it('requires the provider key and webhook secret once a real provider is configured', () => {
    expect(() => loadConfig({ ...base, OMICALL_BASE_URL: 'https://public-v1.omicall.com' })).toThrow(
      /OMICALL_API_KEY is required.*OMICALL_WEBHOOK_SECRET is required/,
    );
  });

  it('LOG_FORMAT is pretty or json, unset by default', () => {
    expect(loadConfig(base).logFormat).toBeUndefined();
    expect(loadConfig({ ...base, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...base, LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ ...base, LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});
