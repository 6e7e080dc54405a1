import { describe, expect, it } from 'vitest';
import { normalizePhone, normalizePhoneWithLibrary } from './phone.ts';
import { vnMobileFastPath } from './phone-fast-path.ts';
import { randomDigits, randomInt, seededRandom } from './test-random.ts';

function shapes(nsn: string): string[] {
  const a = nsn.slice(0, 3);
  const b = nsn.slice(3, 6);
  const c = nsn.slice(6);
  return [
    nsn,
    `0${nsn}`,
    `84${nsn}`,
    `+84${nsn}`,
    `0084${nsn}`,
    `+840${nsn}`,
    `0${a} ${b} ${c}`,
    `0${a}.${b}.${c}`,
    `+84 ${a}-${b}-${c}`,
    `84 ${a} ${b}${c}`,
    ` 0${nsn} `,
    `(0${a}) ${b} ${c}`,
    `0${a}  ${b}--${c}`,
    `0${nsn}.`,
    `-0${nsn}`,
    `+ 84${nsn}`,
    `0${nsn}1`,
    `0${nsn.slice(1)}`,
    `84${nsn}1`,
    `+8${nsn}`,
  ];
}

describe('vnMobileFastPath', () => {
  it('returns exactly what libphonenumber-js returns, for every 3-digit prefix and many shapes', () => {
    const random = seededRandom(42);
    let checked = 0;
    for (let prefix = 0; prefix < 1000; prefix++) {
      for (let tail = 0; tail < 3; tail++) {
        const nsn = String(prefix).padStart(3, '0') + randomDigits(random, 6);
        for (const input of shapes(nsn)) {
          expect(normalizePhone(input), input).toEqual(normalizePhoneWithLibrary(input));
          checked++;
        }
        const asNumber = Number(`84${nsn}`);
        expect(normalizePhone(asNumber)).toEqual(normalizePhoneWithLibrary(asNumber));
        expect(normalizePhone(Number(nsn))).toEqual(normalizePhoneWithLibrary(Number(nsn)));
      }
    }
    expect(checked).toBe(60_000);
  });

  it('agrees with the library on random digit strings of any length', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const input = (random() < 0.3 ? '+' : '') + randomDigits(random, randomInt(random, 1, 14));
      expect(normalizePhone(input), input).toEqual(normalizePhoneWithLibrary(input));
    }
  });

  it('takes every valid canonical mobile number (it is not just deferring)', () => {
    const random = seededRandom(3);
    let hits = 0;
    for (let prefix = 0; prefix < 1000; prefix++) {
      const nsn = String(prefix).padStart(3, '0') + randomDigits(random, 6);
      const library = normalizePhoneWithLibrary(`0${nsn}`);
      if (!library.ok || !/^[35789]/.test(nsn)) continue;
      expect(vnMobileFastPath(`0${nsn}`), nsn).toBe(nsn);
      expect(vnMobileFastPath(`+84${nsn}`)).toBe(nsn);
      expect(vnMobileFastPath(`84${nsn}`)).toBe(nsn);
      expect(vnMobileFastPath(nsn)).toBe(nsn);
      hits++;
    }
    expect(hits).toBeGreaterThan(300);
  });

  it('defers anything it is unsure about', () => {
    expect(vnMobileFastPath('0195187319')).toBeUndefined();
    expect(vnMobileFastPath('02439123456')).toBeUndefined();
    expect(vnMobileFastPath('0084395187319')).toBeUndefined();
    expect(vnMobileFastPath('(039) 518 7319')).toBeUndefined();
    expect(vnMobileFastPath('+12133734253')).toBeUndefined();
  });
});
