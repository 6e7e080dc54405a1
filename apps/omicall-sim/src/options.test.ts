import { describe, expect, it } from 'vitest';
import { defaultFaults, loadSimConfig } from './options.ts';

describe('loadSimConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadSimConfig({});
    expect(c).toMatchObject({ port: 4010, host: '127.0.0.1', options: { apiKey: 'sim-api-key', seed: 1, ccu: 50, tokenTtlSeconds: 86_400 } });
    expect(c.options.faults).toEqual(defaultFaults);
  });

  it('reads faults and webhook settings', () => {
    const c = loadSimConfig({
      SIM_WEBHOOK_URL: 'http://127.0.0.1:3000/webhooks/omicall',
      SIM_RING_MIN_MS: '0',
      SIM_RING_MAX_MS: '0',
      SIM_FAULT_429_RATE: '0.1',
      SIM_FAULT_RETRY_AFTER_SECONDS: '2',
      SIM_FAULT_BUSINESS_ERROR: 'balance_is_not_enough',
      SIM_WEBHOOK_SHUFFLE: '1',
      SIM_LIVE_EVENTS: 'true',
      SIM_FAULT_ERROR_RATE: '',
    });
    expect(c.options.faults).toMatchObject({
      webhookUrl: 'http://127.0.0.1:3000/webhooks/omicall',
      ringMaxMs: 0,
      rate429: 0.1,
      retryAfterSeconds: 2,
      businessError: 'balance_is_not_enough',
      webhookShuffle: true,
      liveEvents: true,
      errorRate: 0,
    });
  });

  it('lists every bad variable in one error', () => {
    expect(() => loadSimConfig({ SIM_ANSWER_RATE: '2', SIM_PORT: 'x' })).toThrow(/SIM_PORT.*SIM_ANSWER_RATE|SIM_ANSWER_RATE.*SIM_PORT/);
    expect(() => loadSimConfig({ SIM_RING_MIN_MS: '10', SIM_RING_MAX_MS: '5' })).toThrow(/SIM_RING_MAX_MS/);
  });
});
