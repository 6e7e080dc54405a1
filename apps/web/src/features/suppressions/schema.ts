import { MAX_JSON_PHONES } from '@autocall/domain/schemas';
import { z } from 'zod';

// The API's limit on a reason (apps/api/src/routes/suppressions); it is not exported by the domain.
export const REASON_MAX = 200;

// Pasted numbers: one per line, or separated by commas or semicolons. Blank entries are dropped;
// everything else goes to the API, which normalises and judges each number.
export function splitPhones(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

// Messages are translation keys of the `suppressions` namespace.
export const addNumbersSchema = z.object({
  phones: z
    .string()
    .refine((text) => splitPhones(text).length > 0, 'add.phonesRequired')
    .refine((text) => splitPhones(text).length <= MAX_JSON_PHONES, 'add.tooMany'),
  reason: z.string().trim().max(REASON_MAX, 'add.reasonTooLong'),
});
export type AddNumbersValues = z.infer<typeof addNumbersSchema>;

// The API searches by a whole number or by at least this many of its last digits.
export const MIN_SEARCH_DIGITS = 3;
export const searchDigits = (text: string) => text.replace(/\D/g, '').length;
