import { describe, expect, it } from 'vitest';
import { classifyCdr, omicallWebhookSchema, parseOmicallWebhook, webhookDedupeKey } from './webhook.ts';

const cdr = {
  call_uuid: 'c-1',
  transaction_id: 't-1',
  state: 'cdr',
  direction: 'outbound',
  is_auto_call: true,
  autocall_id: 'a-1',
  autocall_uuid: 'd-1',
  from_number: 842873001234,
  hotline: '842873001234',
  to_number: '0395187319',
  disposition: 'answered',
  answer_sec: 12,
  bill_sec: '12',
  duration: 20,
  hangup_cause: 'NORMAL_CLEARING',
  recording_file_url: null,
  created_time: 1_740_787_200,
  date_time: '1740787212000',
  extra_field: { kept: true },
};

describe('omicallWebhookSchema', () => {
  it('parses a cdr, normalising numbers and keeping unknown fields', () => {
    const e = omicallWebhookSchema.parse(cdr);
    expect(e).toMatchObject({ from_number: '842873001234', bill_sec: 12, date_time: 1_740_787_212_000, extra_field: { kept: true } });
  });
  it('accepts live events and unknown states', () => {
    expect(parseOmicallWebhook({ call_uuid: 'c-1', state: 'ringing', to_number: 395187319 })).toMatchObject({ ok: true, event: { to_number: '395187319' } });
    expect(parseOmicallWebhook({ call_uuid: 'c-1', state: 'transferred' }).ok).toBe(true);
  });
  it('reads is_auto_call given as text or 0/1', () => {
    expect(omicallWebhookSchema.parse({ ...cdr, is_auto_call: 'false' }).is_auto_call).toBe(false);
    expect(omicallWebhookSchema.parse({ ...cdr, is_auto_call: 1 }).is_auto_call).toBe(true);
  });
  it('rejects events without a state or any call id', () => {
    expect(parseOmicallWebhook({ call_uuid: 'c-1' }).ok).toBe(false);
    expect(parseOmicallWebhook({ state: 'cdr' }).ok).toBe(false);
    expect(parseOmicallWebhook({ ...cdr, answer_sec: 'lots' }).ok).toBe(false);
  });
});

describe('classifyCdr', () => {
  it.each([
    [{ disposition: 'answered', answer_sec: 0 }, 'answered'],
    [{ disposition: 'ANSWERED' }, 'answered'],
    [{ disposition: 'cancelled', answer_sec: 3 }, 'answered'],
    [{ disposition: 'cancelled', answer_sec: 0 }, 'not_answered'],
    [{ disposition: null }, 'not_answered'],
    [{}, 'not_answered'],
  ] as const)('%o -> %s', (event, expected) => {
    expect(classifyCdr(event)).toBe(expected);
  });
});

describe('webhookDedupeKey', () => {
  it('is stable across re-deliveries and distinguishes states and calls', () => {
    const a = omicallWebhookSchema.parse(cdr);
    const b = omicallWebhookSchema.parse(JSON.parse(JSON.stringify(cdr)));
    expect(webhookDedupeKey(a)).toBe(webhookDedupeKey(b));
    expect(webhookDedupeKey({ ...a, state: 'hangup' })).not.toBe(webhookDedupeKey(a));
    expect(webhookDedupeKey({ ...a, call_uuid: 'c-2' })).not.toBe(webhookDedupeKey(a));
  });
});
