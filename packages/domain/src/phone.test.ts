import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone.ts';

const SAME = { ok: true, national: '0395187319', e164: '+84395187319' };

describe('normalizePhone', () => {
  it.each([
    '0395187319',
    '84395187319',
    '+84395187319',
    '0084395187319',
    '395187319',
    '039 518 7319',
    '039.518.7319',
    '039-518-7319',
    '(039) 518-7319',
    '+84 (0) 395 187 319',
    '  0395187319  ',
    '０３９５１８７３１９',
  ])('reads %j as 0395187319', (raw) => {
    expect(normalizePhone(raw)).toEqual(SAME);
  });

  it('reads numbers from spreadsheets, including a lost leading zero', () => {
    expect(normalizePhone(395187319)).toEqual(SAME);
    expect(normalizePhone(84395187319)).toEqual(SAME);
  });

  it('accepts fixed lines with their 11-digit national form', () => {
    expect(normalizePhone('02439123456')).toEqual({ ok: true, national: '02439123456', e164: '+842439123456' });
    expect(normalizePhone('+84 28 3822 1234')).toEqual({ ok: true, national: '02838221234', e164: '+842838221234' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_number'],
    ['0395187319a', 'not_a_number'],
    ['call 0395187319', 'not_a_number'],
    ['0123', 'too_short'],
    ['0395187319999999', 'too_long'],
    ['0195187319', 'invalid_number'],
    ['039518731', 'invalid_number'],
    ['1800599920', 'invalid_number'],
    ['19001234', 'invalid_number'],
    ['+84 39 518 7319 ext 12', 'invalid_number'],
    ['+12133734253', 'invalid_country'],
  ] as const)('refuses %j as %s', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });

  it('refuses numbers that have lost digits', () => {
    expect(normalizePhone(-395187319)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(normalizePhone(3951873.19)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(normalizePhone(Number.NaN)).toEqual({ ok: false, reason: 'not_a_number' });
  });

  it('refuses an unknown default country instead of throwing', () => {
    expect(normalizePhone('0395187319', 'XX' as never)).toEqual({ ok: false, reason: 'invalid_country' });
  });

  it('works for another default country', () => {
    expect(normalizePhone('(213) 373-4253', 'US')).toEqual({ ok: true, national: '2133734253', e164: '+12133734253' });
    expect(normalizePhone('0395187319', 'US')).toEqual({ ok: false, reason: 'invalid_number' });
  });
});

describe('maskPhone', () => {
  it('keeps the last three digits', () => {
    expect(maskPhone('0395187319')).toBe('*******319');
    expect(maskPhone('+84395187319')).toBe('+********319');
  });

  it('hides values too short to be a phone number entirely', () => {
    expect(maskPhone('319')).toBe('***');
    expect(maskPhone('')).toBe('');
  });
});
