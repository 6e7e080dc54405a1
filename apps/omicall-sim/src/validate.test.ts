import { describe, expect, it } from 'vitest';
import { isVietnamesePhone, toHotline, validateCreate } from './validate.ts';

const scripts = [{ targetType: 'recording', targetId: 'r1', targetValue: 'hello.mp3' }];
const base = { name: 's', scripts, phoneNumbers: ['0395187319'], numberCallPerTime: 10 };

describe('validateCreate', () => {
  it('accepts a well-formed body and applies v1 defaults', () => {
    const v = validateCreate({ scripts, phones: ['0395187319', '84912345678'] }, 50);
    expect(v).toEqual({
      ok: true,
      value: expect.objectContaining({ phones: ['0395187319', '84912345678'], numberCallPerTime: 15, durationOfEachCall: 30 }),
    });
  });

  it.each([
    ['no body', undefined, 'request_body_required'],
    ['no scripts', { ...base, scripts: undefined }, 'data_is_required'],
    ['empty scripts', { ...base, scripts: [] }, 'data_is_required'],
    ['unknown script type', { ...base, scripts: [{ targetType: 'fax' }] }, 'data_is_required'],
    ['long text', { ...base, scripts: [{ targetType: 'callBotTextVariable', targetValue: 'a'.repeat(301) }] }, 'limit_word_session'],
    ['no phones', { ...base, phoneNumbers: [] }, 'data_is_required'],
    ['bad phone', { ...base, phoneNumbers: ['0395187319', '12345'] }, 'invalid_phone_number'],
    ['numeric phone', { ...base, phoneNumbers: [395187319] }, 'invalid_phone_number'],
    ['bad hotline', { ...base, numberCallOuts: ['abc'] }, 'number_call_out_invalid'],
    ['above ccu', { ...base, numberCallPerTime: 51 }, 'limit_service'],
    ['bad sendTime', { ...base, sendTime: 'tomorrow' }, 'data_is_required'],
  ])('%s -> %s', (_label, body, code) => {
    expect(validateCreate(body, 50)).toEqual({ ok: false, code });
  });

  it('accepts 300 characters of text-to-speech', () => {
    const body = { ...base, scripts: [{ targetType: 'callBotTextVariable', targetValue: 'a'.repeat(300) }] };
    expect(validateCreate(body, 50).ok).toBe(true);
  });

  it('reads phone_number_list too', () => {
    expect(validateCreate({ scripts, phone_number_list: ['0912345678'] }, 50).ok).toBe(true);
  });
});

describe('phones and hotlines', () => {
  it('recognises Vietnamese numbers in national and international form', () => {
    expect(['0395187319', '84395187319', '+84395187319', '02873001234'].every(isVietnamesePhone)).toBe(true);
    expect(['395187319', '0012', '09a5187319'].some(isVietnamesePhone)).toBe(false);
  });
  it('reports hotlines as 84...', () => {
    expect(toHotline('02873001234')).toBe('842873001234');
    expect(toHotline('+842873001234')).toBe('842873001234');
  });
});
