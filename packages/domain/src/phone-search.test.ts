import { describe, expect, it } from 'vitest';
import { parsePhoneSearch } from './phone-search.ts';

describe('parsePhoneSearch', () => {
  it('matches a whole number in any accepted form exactly, in national form', () => {
    for (const raw of ['0395187319', '+84395187319', '84395187319', '+84 395 187 319', '039-518-7319']) {
      expect(parsePhoneSearch(raw), raw).toEqual({ kind: 'exact', phone: '0395187319' });
    }
  });

  it('matches the end of numbers for a few digits', () => {
    expect(parsePhoneSearch('319')).toEqual({ kind: 'suffix', digits: '319' });
    expect(parsePhoneSearch('187 319')).toEqual({ kind: 'suffix', digits: '187319' });
    expect(parsePhoneSearch('0395')).toEqual({ kind: 'suffix', digits: '0395' });
  });

  it('refuses fewer than 3 digits and text, with a sentence', () => {
    for (const raw of ['', '31', 'abc', '12a4', '%', '_12']) {
      const search = parsePhoneSearch(raw);
      expect(search.kind, raw).toBe('invalid');
      expect(search).toMatchObject({ message: expect.stringContaining('at least 3') });
    }
  });
});
