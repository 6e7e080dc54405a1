import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import type { ApiError, FieldError } from './api-error.ts';

// Puts the API's field errors on the form fields they name (the API's `field` paths, e.g.
// `scripts.0.targetValue`, are react-hook-form paths already). `rename` maps API fields whose
// form field has another name; a field listed in `fields` also takes the paths under it
// (`scripts` takes `scripts.0.targetValue`). Returns the details no field of the form took, for an alert.
export function applyFieldErrors<T extends FieldValues>(
  error: ApiError,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: Record<string, FieldPath<T>> = {},
): FieldError[] {
  const rest: FieldError[] = [];
  for (const detail of error.details) {
    const name = rename[detail.field] ?? detail.field;
    if (!fields.some((field) => name === field || name.startsWith(`${field}.`))) {
      rest.push(detail);
      continue;
    }
    setError(name as FieldPath<T>, { type: detail.code, message: detail.message });
  }
  return rest;
}
