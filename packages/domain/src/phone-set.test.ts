import { describe, expect, test } from 'vitest';
import { createPhoneSet } from './phone-set.ts';

describe('createPhoneSet', () => {
  test('tells new numbers from repeats, packed or not', () => {
    const set = createPhoneSet();
    expect(set.add('0395187319')).toBe(true);
    expect(set.add('0395187319')).toBe(false);
    expect(set.add('02838123456')).toBe(true); // 11 digits: kept as text
    expect(set.add('02838123456')).toBe(false);
    expect(set.add('0000000000')).toBe(true); // packs to 1, not the empty marker
    expect(set.add('0000000000')).toBe(false);
    expect(set.size).toBe(3);
  });

  test('agrees with a Set across growth', () => {
    const set = createPhoneSet();
    const reference = new Set<string>();
    let disagreements = 0;
    for (let i = 0; i < 300_000; i++) {
      const phone = `09${String((i * 7919) % 150_000).padStart(8, '0')}`;
      if (set.add(phone) === reference.has(phone)) disagreements++;
      reference.add(phone);
    }
    expect(disagreements).toBe(0);
    expect(set.size).toBe(reference.size);
  });
});
