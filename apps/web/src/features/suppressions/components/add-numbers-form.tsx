import { MAX_JSON_PHONES } from '@autocall/domain/schemas';
import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Textarea } from '@/components/ui/textarea.tsx';
import { useAddSuppressions } from '@/hooks/api/suppressions/mutations.ts';
import type { SuppressionReport } from '@/hooks/api/suppressions/types.ts';
import { useFieldMessage } from '@/hooks/use-field-message.ts';
import { isApiError, type FieldError } from '@/lib/api-error.ts';
import { applyFieldErrors } from '@/lib/form-errors.ts';
import { REASON_MAX, splitPhones, type AddNumbersValues } from '../schema.ts';

export function AddNumbersForm({ form, onAdded }: { form: UseFormReturn<AddNumbersValues>; onAdded: (report: SuppressionReport) => void }) {
  const { t, i18n } = useTranslation('suppressions');
  const message = useFieldMessage('suppressions');
  const add = useAddSuppressions();
  const [rest, setRest] = useState<FieldError[]>([]);
  const errors = form.formState.errors;

  const submit = form.handleSubmit(({ phones, reason }) => {
    setRest([]);
    add.mutate(
      { phones: splitPhones(phones), ...(reason ? { reason } : {}) },
      {
        onSuccess: (report) => {
          form.resetField('phones');
          onAdded(report);
        },
        onError: (error) => {
          if (isApiError(error)) setRest(applyFieldErrors(error, form.setError, ['phones', 'reason']));
        },
      },
    );
  });

  // Field errors the form could show on its fields need no alert; anything else does.
  const showAlert = add.error && (!isApiError(add.error) || add.error.details.length === 0 || rest.length > 0);
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      {showAlert && <ApiErrorAlert error={add.error} details={rest} />}
      <Field label={t('add.phones')} hint={t('add.phonesHint')} error={message(errors.phones, { max: MAX_JSON_PHONES.toLocaleString(i18n.language) })}>
        <Textarea rows={5} spellCheck={false} autoComplete="off" className="font-mono" {...form.register('phones')} />
      </Field>
      <Field label={t('add.reason')} hint={t('add.reasonHint')} error={message(errors.reason, { max: REASON_MAX })}>
        <Input maxLength={REASON_MAX} autoComplete="off" {...form.register('reason')} />
      </Field>
      <Button type="submit" disabled={add.isPending} aria-busy={add.isPending || undefined} className="justify-self-start">
        {add.isPending ? t('add.submitting') : t('add.submit')}
      </Button>
    </form>
  );
}
