// Query parameters shared by the routes that list numbers: the calls page, its CSV export and the
// do-not-call list.
import { z } from 'zod';
import { CALL_STATUSES, MIN_SEARCH_DIGITS, parsePhoneSearch, type CallStatus, type CountryCode } from '@autocall/domain';

/** `phone`: a whole number in any accepted form, or at least 3 of its last digits. */
export function phoneSearchParam(country: CountryCode) {
  return z
    .string()
    .max(64)
    .superRefine((raw, ctx) => {
      const search = parsePhoneSearch(raw, country);
      if (search.kind === 'invalid') ctx.addIssue({ code: 'custom', message: search.message, params: { code: 'invalid_phone_search' } });
    })
    .transform((raw) => parsePhoneSearch(raw, country) as Exclude<ReturnType<typeof parsePhoneSearch>, { kind: 'invalid' }>)
    .describe(
      'Search by number: a whole number in any accepted form (0395187319, +84 395 187 319) matches that number; ' +
        `${MIN_SEARCH_DIGITS} or more digits that are not a whole number match the numbers ending with them.`,
    );
}

const KNOWN: ReadonlySet<string> = new Set(CALL_STATUSES);

/** `status`: one call status, or several separated by commas. */
export const callStatusesParam = z
  .string()
  .max(300)
  .superRefine((raw, ctx) => {
    const unknown = raw.split(',').map((s) => s.trim()).filter((s) => !KNOWN.has(s));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown call status ${unknown.map((s) => `"${s}"`).join(', ')}: give one or several of ${CALL_STATUSES.join(', ')}, separated by commas.`,
        params: { code: 'invalid_value' },
      });
    }
  })
  .transform((raw) => [...new Set(raw.split(',').map((s) => s.trim()))] as CallStatus[])
  .describe(`Only numbers in this status, or in any of several separated by commas (failed,no_result). Statuses: ${CALL_STATUSES.join(', ')}.`);
