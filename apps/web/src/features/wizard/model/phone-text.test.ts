import { describe, expect, it } from 'vitest';
import { fingerprint, phoneEntries, splitPhoneText } from './phone-text.ts';

describe('the paste box', () => {
  it('takes one number per line or comma (or semicolon) separated, dropping blanks', () => {
    expect(splitPhoneText(' 0912345678 \r\n\n0987654321, 0911111111;0922222222,\n')).toEqual(['0912345678', '0987654321', '0911111111', '0922222222']);
    expect(splitPhoneText('  \n , ')).toEqual([]);
  });

  it('knows the line of each entry', () => {
    expect(phoneEntries('a\n\nb, c\nd')).toEqual([
      { value: 'a', line: 1 },
      { value: 'b', line: 3 },
      { value: 'c', line: 3 },
      { value: 'd', line: 4 },
    ]);
  });

  it('fingerprints texts apart', () => {
    expect(fingerprint('0912345678')).toBe(fingerprint('0912345678'));
    expect(fingerprint('0912345678')).not.toBe(fingerprint('0912345679'));
  });
});
