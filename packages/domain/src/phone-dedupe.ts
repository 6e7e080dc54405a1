import { normalizePhone, type CountryCode, type PhoneInvalidReason } from './phone.ts';

export type PhoneAddResult =
  | { kind: 'accepted'; national: string }
  | { kind: 'duplicate'; national: string }
  | { kind: 'invalid'; reason: PhoneInvalidReason };

export type InvalidPhone = { input: string; reason: PhoneInvalidReason; position: number };

export type PhoneDedupeStats = {
  acceptedCount: number;
  duplicateCount: number;
  invalidCount: number;
  /** The first `maxInvalidDetails` invalid inputs, in the order they were added. */
  invalid: InvalidPhone[];
};

export type PhoneDeduper = {
  add(raw: string | number, position: number): PhoneAddResult;
  stats(): PhoneDedupeStats;
};

export type PhoneDeduperOptions = {
  defaultCountry?: CountryCode;
  /** How many invalid inputs to remember for stats(); the count is always exact. Default 1000. */
  maxInvalidDetails?: number;
};

/**
 * Streaming dedupe for large imports: feed rows one at a time, act on each
 * verdict, read the totals at the end. Duplicates are judged on the national
 * form, so 0395187319 and +84395187319 are the same number.
 */
export function createPhoneDeduper(options: PhoneDeduperOptions = {}): PhoneDeduper {
  const defaultCountry = options.defaultCountry ?? 'VN';
  const maxInvalidDetails = options.maxInvalidDetails ?? 1000;
  const seen = new Set<string>();
  const invalid: InvalidPhone[] = [];
  let duplicateCount = 0;
  let invalidCount = 0;

  return {
    add(raw, position) {
      const result = normalizePhone(raw, defaultCountry);
      if (!result.ok) {
        invalidCount++;
        if (invalid.length < maxInvalidDetails) invalid.push({ input: String(raw), reason: result.reason, position });
        return { kind: 'invalid', reason: result.reason };
      }
      if (seen.has(result.national)) {
        duplicateCount++;
        return { kind: 'duplicate', national: result.national };
      }
      seen.add(result.national);
      return { kind: 'accepted', national: result.national };
    },
    stats() {
      return { acceptedCount: seen.size, duplicateCount, invalidCount, invalid: invalid.slice() };
    },
  };
}

export type PhoneSummary = {
  /** National forms, unique, in first-seen order. */
  accepted: string[];
  duplicateCount: number;
  /** Every invalid input (up to `maxInvalidDetails`), `position` being its 0-based index in `raws`. */
  invalid: InvalidPhone[];
  invalidCount: number;
};

export function summarizePhones(
  raws: Iterable<string | number>,
  defaultCountry: CountryCode = 'VN',
  options: { maxInvalidDetails?: number } = {},
): PhoneSummary {
  const deduper = createPhoneDeduper({ defaultCountry, maxInvalidDetails: options.maxInvalidDetails ?? Infinity });
  const accepted: string[] = [];
  let position = 0;
  for (const raw of raws) {
    const result = deduper.add(raw, position++);
    if (result.kind === 'accepted') accepted.push(result.national);
  }
  const { duplicateCount, invalidCount, invalid } = deduper.stats();
  return { accepted, duplicateCount, invalid, invalidCount };
}
