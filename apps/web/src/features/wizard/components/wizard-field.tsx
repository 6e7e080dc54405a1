import type { ReactElement } from 'react';
import { get, useFormContext, type FieldErrors } from 'react-hook-form';
import { Field } from '@/components/ui/field.tsx';
import type { WizardValues } from '../model/form-values.ts';
import { useErrorText } from '../use-error-text.ts';

/** The message of a field's error, or of its list as a whole (`scripts`: "add at least one step"). */
export function errorAt(errors: FieldErrors<WizardValues>, name: string): string | undefined {
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

// A labelled control of the wizard showing its field's error in the current language.
export function WizardField({ name, label, hint, children }: { name: string; label: string; hint?: string; children: ReactElement }) {
  const { formState } = useFormContext<WizardValues>();
  const errorText = useErrorText();
  return (
    <Field label={label} hint={hint} error={errorText(errorAt(formState.errors, name))}>
      {children}
    </Field>
  );
}

// An error that belongs to a group of controls (a list, the week grid), shown under it.
export function GroupError({ id, name }: { id?: string; name: string }) {
  const { formState } = useFormContext<WizardValues>();
  const message = useErrorText()(errorAt(formState.errors, name));
  if (!message) return null;
  return (
    <p id={id} className="text-sm font-medium text-destructive">
      {message}
    </p>
  );
}
