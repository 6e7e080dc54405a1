import { describe, expect, it } from 'vitest';
import { signWebhook, SIGNATURE_HEADER } from '@autocall/domain';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhooks.ts';

// Signatures come from the worker's own signer (packages/domain), so a change on either side fails here.
const secret = 'whsec_0123456789abcdef';
const body = '{"id":"42","type":"call.answered","createdAt":1767225600000,"data":{"phone":"0395187319"}}';
const t = 1_767_225_600;
const now = t * 1000 + 20_000;

describe('verifyWebhookSignature', () => {
  it('accepts what signWebhook produced, from fetch Headers, a Node header object or bytes', async () => {
    expect(WEBHOOK_SIGNATURE_HEADER).toBe(SIGNATURE_HEADER);
    const header = signWebhook(secret, t, body);
    expect(await verifyWebhookSignature(secret, new Headers({ 'X-Autocall-Signature': header }), body, { now })).toBe(true);
    expect(await verifyWebhookSignature(secret, { 'x-autocall-signature': header, 'x-autocall-event': 'call.answered' }, body, { now })).toBe(true);
    expect(await verifyWebhookSignature(secret, { 'x-autocall-signature': [header] }, new TextEncoder().encode(body), { now })).toBe(true);
    // Non-ASCII bodies are signed as UTF-8, on both sides.
    const vietnamese = '{"data":{"name":"Nhắc lịch hẹn"}}';
    expect(await verifyWebhookSignature(secret, { 'x-autocall-signature': signWebhook(secret, t, vietnamese) }, vietnamese, { now })).toBe(true);
  });

  it('refuses a tampered body, a wrong secret, a stale or future timestamp and malformed headers', async () => {
    const header = signWebhook(secret, t, body);
    const check = (h: string | undefined, options: { body?: string; secret?: string; now?: number } = {}) =>
      verifyWebhookSignature(options.secret ?? secret, h === undefined ? {} : { 'x-autocall-signature': h }, options.body ?? body, { now: options.now ?? now });
    expect(await check(header, { body: body.replace('42', '43') })).toBe(false);
    expect(await check(header, { body: `${body} ` })).toBe(false);
    expect(await check(header, { secret: 'whsec_other' })).toBe(false);
    expect(await check(header, { now: (t + 301) * 1000 })).toBe(false);
    expect(await check(header, { now: (t - 301) * 1000 })).toBe(false);
    expect(await check(header, { now: (t + 300) * 1000 })).toBe(true);
    // The timestamp is signed: moving it forward to look fresh breaks the signature.
    expect(await check(header.replace(`t=${t}`, `t=${t + 60}`))).toBe(false);
    for (const junk of [undefined, '', 't=x,v1=zz', `t=${t}`, `v1=${'0'.repeat(64)}`, `t=${t},v1=${'g'.repeat(64)}`, `t=${t},v1=abc`]) {
      expect(await check(junk), String(junk)).toBe(false);
    }
  });

  it('takes the tolerance from the options', async () => {
    const header = signWebhook(secret, t, body);
    expect(await verifyWebhookSignature(secret, { 'x-autocall-signature': header }, body, { now: (t + 10) * 1000, toleranceSeconds: 5 })).toBe(false);
    expect(await verifyWebhookSignature(secret, { 'x-autocall-signature': header }, body, { now: (t + 10) * 1000, toleranceSeconds: 10 })).toBe(true);
  });
});
