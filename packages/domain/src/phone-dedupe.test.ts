import { describe, expect, it } from 'vitest';
import { createPhoneDeduper, summarizePhones } from './phone-dedupe.ts';

describe('summarizePhones', () => {
  it('dedupes on the normalised number and keeps first-seen order', () => {
    const summary = summarizePhones(['0395187319', '0912345678', '+84395187319', 84912345678, 'nope', '', '0395187319']);
    expect(summary).toEqual({
      accepted: ['0395187319', '0912345678'],
      duplicateCount: 3,
      invalid: [
        { input: 'nope', reason: 'not_a_number', position: 4 },
        { input: '', reason: 'empty', position: 5 },
      ],
      invalidCount: 2,
    });
  });

  it('caps invalid details on request but still counts all of them', () => {
    const summary = summarizePhones(['x', 'y', 'z'], 'VN', { maxInvalidDetails: 1 });
    expect(summary.invalid).toHaveLength(1);
    expect(summary.invalidCount).toBe(3);
  });

  it('accepts any iterable', () => {
    function* rows() {
      yield '0395187319';
      yield '395187319';
    }
    expect(summarizePhones(rows()).accepted).toEqual(['0395187319']);
  });
});

describe('createPhoneDeduper', () => {
  it('gives a verdict per row and totals at the end', () => {
    const deduper = createPhoneDeduper({ maxInvalidDetails: 1 });
    expect(deduper.add('0395187319', 1)).toEqual({ kind: 'accepted', national: '0395187319' });
    expect(deduper.add('+84 395 187 319', 2)).toEqual({ kind: 'duplicate', national: '0395187319' });
    expect(deduper.add('012', 3)).toEqual({ kind: 'invalid', reason: 'too_short' });
    expect(deduper.add('abc', 4)).toEqual({ kind: 'invalid', reason: 'not_a_number' });
    expect(deduper.stats()).toEqual({
      acceptedCount: 1,
      duplicateCount: 1,
      invalidCount: 2,
      invalid: [{ input: '012', reason: 'too_short', position: 3 }],
    });
  });
});
