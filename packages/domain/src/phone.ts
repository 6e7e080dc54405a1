// The max metadata is the only flavour whose isValid() checks the digits against each
// number type's pattern (min only checks length; mobile drops fixed lines).
import {
  ParseError,
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
  type PhoneNumberType,
} from 'libphonenumber-js/max';
import { vnMobileFastPath } from './phone-fast-path.ts';

export type { CountryCode };

export type PhoneInvalidReason =
  | 'empty'
  | 'not_a_number'
  | 'too_short'
  | 'too_long'
  | 'invalid_number'
  | 'invalid_country';

export type NormalizedPhone =
  | { ok: true; national: string; e164: string }
  | { ok: false; reason: PhoneInvalidReason };

// Premium-rate, toll-free, VoIP, UAN... are real numbers but not people to call.
const CALLABLE_TYPES: ReadonlySet<PhoneNumberType> = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']);

/**
 * Canonical form of one phone number. `national` is the domestic dialling form
 * (for VN the leading-0 10/11-digit string), `e164` the international one.
 * A valid number of another country is refused as `invalid_country`: campaigns
 * dial one country.
 */
export function normalizePhone(raw: string | number, defaultCountry: CountryCode = 'VN'): NormalizedPhone {
  if (defaultCountry === 'VN') {
    const text = toText(raw);
    if (text !== undefined) {
      const nsn = vnMobileFastPath(text);
      if (nsn !== undefined) return { ok: true, national: '0' + nsn, e164: '+84' + nsn };
    }
  }
  return normalizePhoneWithLibrary(raw, defaultCountry);
}

/** The reference behaviour: libphonenumber-js only. Exported so tests can hold the fast path to it. */
export function normalizePhoneWithLibrary(raw: string | number, defaultCountry: CountryCode = 'VN'): NormalizedPhone {
  if (!isSupportedCountry(defaultCountry)) return { ok: false, reason: 'invalid_country' };
  const text = toText(raw);
  if (text === undefined) return { ok: false, reason: 'not_a_number' };
  if (text.trim() === '') return { ok: false, reason: 'empty' };

  let parsed: PhoneNumber;
  try {
    // extract: false refuses "call 0395187319 after 5pm" instead of guessing the number out of it.
    parsed = parsePhoneNumberWithError(text, { defaultCountry, extract: false });
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: parseErrorReason(error.message) };
    throw error;
  }

  // An extension cannot be dialled by the call bot.
  if (parsed.ext !== undefined) return { ok: false, reason: 'invalid_number' };
  if (!parsed.isValid()) return { ok: false, reason: lengthReason(parsed.number) };
  if (parsed.country !== defaultCountry) return { ok: false, reason: 'invalid_country' };
  const type = parsed.getType();
  if (type === undefined || !CALLABLE_TYPES.has(type)) return { ok: false, reason: 'invalid_number' };

  return { ok: true, national: parsed.format('NATIONAL').replace(/\D/g, ''), e164: parsed.number };
}

/** Keeps the last 3 digits so a log line can be matched to a number without revealing it. */
export function maskPhone(phone: string): string {
  let digitsSeen = 0;
  let out = '';
  for (let i = phone.length - 1; i >= 0; i--) {
    const ch = phone[i] as string;
    const isDigit = ch >= '0' && ch <= '9';
    if (isDigit) digitsSeen++;
    out = (isDigit && digitsSeen > 3 ? '*' : ch) + out;
  }
  // Too short to be a phone number: show nothing rather than the whole value.
  return digitsSeen <= 3 ? '*'.repeat(phone.length) : out;
}

function toText(raw: string | number): string | undefined {
  if (typeof raw === 'string') return raw;
  // Spreadsheets hand numbers over as numbers; anything fractional, negative or
  // beyond 2^53 has already lost digits.
  return Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : undefined;
}

function parseErrorReason(message: string): PhoneInvalidReason {
  switch (message) {
    case 'INVALID_COUNTRY':
      return 'invalid_country';
    case 'TOO_SHORT':
      return 'too_short';
    case 'TOO_LONG':
      return 'too_long';
    case 'NOT_A_NUMBER':
      return 'not_a_number';
    default:
      return 'invalid_number';
  }
}

function lengthReason(e164: string): PhoneInvalidReason {
  const result = validatePhoneNumberLength(e164);
  if (result === 'TOO_SHORT') return 'too_short';
  if (result === 'TOO_LONG') return 'too_long';
  return 'invalid_number';
}
