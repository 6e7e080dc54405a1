import type { z } from 'zod';
import type { FieldError } from './errors.ts';

type Issue = z.core.$ZodIssue;

/**
 * Zod issues as stable, client-facing error details. Codes are this service's own
 * (required, invalid_type, too_short, too_long, too_small, too_big, invalid_value,
 * invalid_format, ...) so a zod upgrade does not change the API. Pass the parsed
 * input when you have it: it tells a missing field (`required`) from a wrong one.
 */
export function zodIssuesToFieldErrors(issues: readonly Issue[], input?: unknown): FieldError[] {
  return issues.map((issue) => toFieldError(issue, input));
}

function toFieldError(issue: Issue, input: unknown): FieldError {
  const field = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
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
    case 'unrecognized_keys':
      return { field, code: 'unknown_field', message: `Unknown field(s): ${issue.keys.join(', ')}.` };
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
    return { field, code, message: `${field} must be ${bound} ${limit} characters long.` };
  }
  const code = side === 'min' ? 'too_small' : 'too_big';
  if (origin === 'array' || origin === 'set') return { field, code, message: `${field} must have ${bound} ${limit} items.` };
  return { field, code, message: `${field} must be ${bound} ${limit}.` };
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
