import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaignEventFor, signWebhook, verifyWebhookSignature, webhookBackoffMs } from './webhooks.ts';

describe('webhook signatures', () => {
  const body = '{"id":"1","type":"call.answered"}';

  it('signs "<t>.<body>" with HMAC-SHA256 and verifies within the tolerance', () => {
    const header = signWebhook('whsec_abc', 1_700_000_000, body);
    const expected = createHmac('sha256', 'whsec_abc').update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
    expect(verifyWebhookSignature(header, 'whsec_abc', body, 1_700_000_100)).toBe(true);
  });

  it('refuses another secret, a changed body, a stale timestamp and junk', () => {
    const header = signWebhook('whsec_abc', 1_700_000_000, body);
    expect(verifyWebhookSignature(header, 'whsec_other', body, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(header, 'whsec_abc', `${body} `, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(header, 'whsec_abc', body, 1_700_001_000)).toBe(false);
    expect(verifyWebhookSignature('t=x,v1=zz', 'whsec_abc', body, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(undefined, 'whsec_abc', body, 1_700_000_000)).toBe(false);
  });
});

describe('campaignEventFor', () => {
  it('names the event of each status change', () => {
    expect(campaignEventFor(null, 'scheduled')).toBeNull();
    expect(campaignEventFor('scheduled', 'running')).toBe('campaign.started');
    expect(campaignEventFor('paused', 'running')).toBe('campaign.resumed');
    expect(campaignEventFor('running', 'paused')).toBe('campaign.paused');
    expect(campaignEventFor('running', 'completed')).toBe('campaign.completed');
    expect(campaignEventFor('paused', 'cancelled')).toBe('campaign.cancelled');
    expect(campaignEventFor('running', 'failed')).toBe('campaign.failed');
  });
});

describe('webhookBackoffMs', () => {
  it('doubles from the base up to the cap, with at most 20 % jitter', () => {
    const options = { baseMs: 1_000, maxMs: 60_000 };
    expect([1, 2, 3, 4].map((a) => webhookBackoffMs(a, options, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(webhookBackoffMs(20, options, () => 0)).toBe(60_000);
    expect(webhookBackoffMs(1, options, () => 1)).toBe(1_200);
  });
});
