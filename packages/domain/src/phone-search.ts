import { normalizePhone, type CountryCode } from './phone.ts';

/** The shortest run of digits a search by the end of a number accepts. */
export const MIN_SEARCH_DIGITS = 3;

export type PhoneSearch =
  | { kind: 'exact'; phone: string }
  | { kind: 'suffix'; digits: string }
  | { kind: 'invalid'; message: string };

// Separators people type inside numbers: spaces, dots, dashes, brackets, a leading +.
const SEPARATORS = /[\s.\-()/+]/g;

/**
 * What a "search by number" box means: a whole number in any accepted form (0395187319,
 * +84 395 187 319...) is that number, normalised as campaign numbers are, to match exactly; a run
 * of at least MIN_SEARCH_DIGITS digits that is not a whole number matches the numbers ending with it.
 */
export function parsePhoneSearch(raw: string, defaultCountry: CountryCode = 'VN'): PhoneSearch {
  const phone = normalizePhone(raw, defaultCountry);
  if (phone.ok) return { kind: 'exact', phone: phone.national };
  const digits = raw.replace(SEPARATORS, '');
  if (/^\d+$/.test(digits) && digits.length >= MIN_SEARCH_DIGITS) return { kind: 'suffix', digits };
  return { kind: 'invalid', message: `Search by a phone number (any format) or by at least ${MIN_SEARCH_DIGITS} of its last digits.` };
}
