import type { z } from 'zod';
import type { FieldError } from './errors.ts';
import { knownFieldsAt, suggestField } from './unknown-fields.ts';

type Issue = z.core.$ZodIssue;

/**
 * Zod issues as stable, client-facing error details. Codes are this service's own
 * (required, invalid_type, too_short, too_long, too_small, too_big, invalid_value,
 * invalid_format, unknown_field, ...) so a zod upgrade does not change the API. Pass the parsed
 * input when you have it: it tells a missing field (`required`) from a wrong one. Pass the schema
 * too: an unknown field then comes with the closest known field as `suggestion`.
 */
export function zodIssuesToFieldErrors(issues: readonly Issue[], input?: unknown, schema?: z.core.$ZodType): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? unknownFieldErrors(issue, input, schema) : [toFieldError(issue, input)],
  );
}

// One entry per unknown key, so a client can point at each.
function unknownFieldErrors(issue: z.core.$ZodIssueUnrecognizedKeys, input: unknown, schema: z.core.$ZodType | undefined): FieldError[] {
  const known = schema ? knownFieldsAt(schema, issue.path, input) : [];
  return issue.keys.map((key) => {
    const field = dotted([...issue.path, key]);
    const closest = suggestField(key, known);
    if (closest === undefined) return { field, code: 'unknown_field', message: `Unknown field "${field}".` };
    const suggestion = dotted([...issue.path, closest]);
    return { field, code: 'unknown_field', message: `Unknown field "${field}". Did you mean "${suggestion}"?`, suggestion };
  });
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function toFieldError(issue: Issue, input: unknown): FieldError {
  const field = issue.path.length === 0 ? 'body' : dotted(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue, input)) return { field, code: 'required', message: `${field} is required.` };
      return { field, code: 'invalid_type', message: `${field} must be ${article(issue.expected)}.` };
    case 'too_small':
      return sizeError(field, issue.origin, 'min', issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return sizeError(field, issue.origin, 'max', issue.maximum, issue.inclusive ?? true);
    case 'invalid_value':
      return { field, code: 'invalid_value', message: `${field} must be one of ${issue.values.map(quote).join(', ')}.` };
    case 'invalid_union':
      // A discriminated union names its allowed tags; a plain union only says nothing matched.
      if ('options' in issue && Array.isArray(issue.options)) {
        return { field, code: 'invalid_value', message: `${field} must be one of ${issue.options.map(quote).join(', ')}.` };
      }
      return { field, code: 'invalid_type', message: `${field} has an unsupported type or shape.` };
    case 'invalid_format':
      return { field, code: 'invalid_format', message: `${field} must be a valid ${issue.format}.` };
    case 'not_multiple_of':
      return { field, code: 'invalid_value', message: `${field} must be a multiple of ${issue.divisor}.` };
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? issue.params.code : 'invalid_value';
      return { field, code, message: issue.message };
    }
    default:
      return { field, code: 'invalid_value', message: issue.message };
  }
}

function isMissing(issue: Issue, input: unknown): boolean {
  if ('input' in issue) return issue.input === undefined;
  if (input !== undefined) return valueAt(input, issue.path) === undefined;
  // Without the input, fall back on zod's (English, default) wording.
  return issue.message.endsWith('received undefined');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function sizeError(field: string, origin: string, side: 'min' | 'max', limit: number | bigint, inclusive: boolean): FieldError {
  const bound = inclusive ? (side === 'min' ? 'at least' : 'at most') : side === 'min' ? 'more than' : 'less than';
  if (origin === 'string') {
    const code = side === 'min' ? 'too_short' : 'too_long';
    if (side === 'min' && inclusive && Number(limit) === 1) return { field, code, message: `${field} must not be empty.` };
    return { field, code, message: `${field} must be ${bound} ${counted(limit, 'character')} long.` };
  }
  const code = side === 'min' ? 'too_small' : 'too_big';
  if (origin === 'array' || origin === 'set') return { field, code, message: `${field} must have ${bound} ${counted(limit, 'item')}.` };
  return { field, code, message: `${field} must be ${bound} ${limit}.` };
}

// "1 item", "2 items", "0 items".
function counted(count: number | bigint, noun: string): string {
  return `${count} ${Number(count) === 1 ? noun : `${noun}s`}`;
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
