import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { knownFieldsAt, suggestField } from './unknown-fields.ts';
import { zodIssuesToFieldErrors } from './zod-issues.ts';

describe('suggestField', () => {
  const known = ['name', 'sendTime', 'scripts', 'numberCallPerTime', 'phones', 'phoneNumbers', 'phone_number_list', 'timeZone'];

  it('matches another case first, then the nearest name within about one typo per three characters', () => {
    expect(suggestField('sendtime', known)).toBe('sendTime');
    expect(suggestField('TIMEZONE', known)).toBe('timeZone');
    expect(suggestField('sendTme', known)).toBe('sendTime');
    expect(suggestField('numberCallPerTim', known)).toBe('numberCallPerTime');
    expect(suggestField('phone', known)).toBe('phones');
    expect(suggestField('phone_numbers', known)).toBe('phoneNumbers');
    expect(suggestField('nam', known)).toBe('name');
  });

  it('falls back on the one known field that begins or ends with the unknown one', () => {
    expect(suggestField('windows', ['timeZone', 'callWindows', 'skipDates'])).toBe('callWindows');
    expect(suggestField('phone', ['phoneNumbers'])).toBe('phoneNumbers');
    expect(suggestField('number', ['numberCallOuts', 'numberCallPerTime'])).toBeUndefined();
    expect(suggestField('cap', ['dailyAttemptCap'])).toBeUndefined();
  });

  it('suggests nothing when no known name is close', () => {
    expect(suggestField('tenant', known)).toBeUndefined();
    expect(suggestField('x', known)).toBeUndefined();
    expect(suggestField('sendtime', [])).toBeUndefined();
  });
});

describe('knownFieldsAt', () => {
  const schema = z.strictObject({
    steps: z
      .array(
        z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('say'), text: z.string() }),
          z.strictObject({ kind: z.literal('menu'), menuId: z.string() }),
        ]),
      )
      .optional(),
    window: z.strictObject({ from: z.string(), to: z.string() }).nullable().default(null),
  });

  it('follows objects, arrays, wrappers and the union branch the input selects', () => {
    expect(knownFieldsAt(schema, [], {})).toEqual(['steps', 'window']);
    expect(knownFieldsAt(schema, ['window'], {})).toEqual(['from', 'to']);
    expect(knownFieldsAt(schema, ['steps', 1], { steps: [{ kind: 'say' }, { kind: 'menu' }] })).toEqual(['kind', 'menuId']);
    expect(knownFieldsAt(schema, ['steps', 0], { steps: [{ kind: 'fax' }] })).toEqual(['kind', 'text', 'menuId']);
    expect(knownFieldsAt(schema, ['nowhere'], {})).toEqual([]);
  });

  it('feeds the suggestions of zodIssuesToFieldErrors', () => {
    const input = { steps: [{ kind: 'menu', menuID: 'm1' }], windows: null };
    const result = schema.safeParse(input);
    expect(result.success || zodIssuesToFieldErrors(result.error.issues, input, schema)).toEqual([
      { field: 'steps.0.menuId', code: 'required', message: 'steps.0.menuId is required.' },
      { field: 'steps.0.menuID', code: 'unknown_field', message: 'Unknown field "steps.0.menuID". Did you mean "steps.0.menuId"?', suggestion: 'steps.0.menuId' },
      { field: 'windows', code: 'unknown_field', message: 'Unknown field "windows". Did you mean "window"?', suggestion: 'window' },
    ]);
  });
});

describe('size messages', () => {
  const errorsOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, value).map((e) => e.message);
  };

  it('count items and characters in the singular and the plural', () => {
    expect(errorsOf(z.strictObject({ a: z.array(z.int()).min(1) }), { a: [] })).toEqual(['a must have at least 1 item.']);
    expect(errorsOf(z.strictObject({ a: z.array(z.int()).max(1) }), { a: [1, 2] })).toEqual(['a must have at most 1 item.']);
    expect(errorsOf(z.strictObject({ a: z.array(z.int()).min(2) }), { a: [1] })).toEqual(['a must have at least 2 items.']);
    expect(errorsOf(z.strictObject({ a: z.string().max(1) }), { a: 'ab' })).toEqual(['a must be at most 1 character long.']);
    expect(errorsOf(z.strictObject({ a: z.string().min(2) }), { a: 'a' })).toEqual(['a must be at least 2 characters long.']);
    expect(errorsOf(z.strictObject({ a: z.string().min(1) }), { a: '' })).toEqual(['a must not be empty.']);
  });
});
